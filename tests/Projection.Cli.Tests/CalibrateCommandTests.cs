using System.Globalization;
using System.Text.RegularExpressions;
using Projection.Tests;

namespace Projection.Cli.Tests;

public class CalibrateCommandTests
{
    [Test]
    public void By_age_group_each_row_counts_its_misses_below_and_above_the_interval()
    {
        // Twelve counties from 2000, five years on (before Heby's move in 2006, so none is left out).
        var data = Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/population_31dec_by_age_sex.csv"))!;
        var outcome = InProcessCli.Run("calibrate", "--data", data, "--bases", "2000-2000", "--horizons", "5", "--trajectories", "200", "--age-groups", "0,80+");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        foreach (var group in new[] { "0", "80+" })
        {
            var row = Regex.Match(outcome.Out, $@"^\| {Regex.Escape(group)} \| (\d+) \| 5 \| ([\d.]+) % \| [\d.]+ % \| [\d.]+ % \| (\d+) / (\d+) \|$", RegexOptions.Multiline);
            Assert.That(row.Success, Is.True, $"a row for {group}:\n{outcome.Out}");
            var cases = int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture);
            var inside = double.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture);
            var misses = int.Parse(row.Groups[3].Value, CultureInfo.InvariantCulture) + int.Parse(row.Groups[4].Value, CultureInfo.InvariantCulture);
            Assert.That(cases, Is.EqualTo(12));
            Assert.That(misses, Is.EqualTo(cases * (1 - (inside / 100))).Within(0.01), $"{group}: every case outside the 80 % interval is below or above it");
        }
    }

    [Test]
    public void A_bad_age_group_is_refused_naming_the_option()
    {
        var data = Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/population_31dec_by_age_sex.csv"))!;
        var outcome = InProcessCli.Run("calibrate", "--data", data, "--bases", "2000-2000", "--age-groups", "5-x");

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("--age-groups").And.Contain("'5-x'"));
    }
}

using System.Xml.Linq;
using Projection.Tests;

namespace Projection.Core.Tests;

/// <summary>
/// The rule of the layout (README, "Layout"): every project's references point toward the core.
/// Read from the project files themselves, so that a new reference that points outward fails here
/// before anyone has to notice it in review.
/// </summary>
public sealed class LayoutTests
{
    /// <summary>How far each project is from the core; a project may reference only projects closer in.</summary>
    private static readonly Dictionary<string, int> Ring = new()
    {
        ["Projection.Core"] = 0,
        ["Projection.Estimation"] = 1,
        ["Projection.Scb"] = 1,
        ["Projection.Files"] = 2,
        ["Projection.Migration"] = 2,
        ["Projection.Store"] = 3,
        ["Projection.Charts"] = 3,
        ["Projection.Application"] = 4,
        ["Projection.Api"] = 5,
        ["Projection.Cli"] = 5,
    };

    /// <summary>Packages that belong to one room only: the database driver to the store, ML.NET to the model, ASP.NET's to the service.</summary>
    private static readonly Dictionary<string, string[]> PackageRooms = new()
    {
        ["Microsoft.Data.Sqlite"] = ["Projection.Store"],
        ["Microsoft.ML"] = ["Projection.Migration"],
        ["Microsoft.ML.FastTree"] = ["Projection.Migration"],
        ["Polly.Core"] = ["Projection.Scb"],
        ["Swashbuckle.AspNetCore"] = ["Projection.Api"],
        ["ScottPlot"] = ["Projection.Charts"],
        ["Spectre.Console.Cli"] = ["Projection.Cli"],
    };

    private static IEnumerable<(string Project, XDocument File)> SourceProjects() =>
        Directory.GetDirectories(RepositoryFiles.PathOf("src"))
            .Select(dir => Path.Combine(dir, Path.GetFileName(dir) + ".csproj"))
            .Where(File.Exists)
            .Select(path => (Path.GetFileNameWithoutExtension(path), XDocument.Load(path)));

    [Test]
    public void Every_source_project_has_a_place_in_the_layout()
    {
        var projects = SourceProjects().Select(p => p.Project).ToList();
        Assert.That(projects, Is.Not.Empty);
        Assert.That(projects, Is.SubsetOf(Ring.Keys), "a new project needs a ring in LayoutTests and a line in README's layout table");
    }

    [Test]
    public void Every_project_reference_points_toward_the_core()
    {
        var outward = new List<string>();
        foreach (var (project, file) in SourceProjects())
        {
            foreach (var reference in file.Descendants("ProjectReference"))
            {
                var target = Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/'));
                if (!Ring.TryGetValue(target, out var targetRing) || targetRing >= Ring[project])
                {
                    outward.Add($"{project} → {target}");
                }
            }
        }

        Assert.That(outward, Is.Empty);
    }

    [Test]
    public void Packages_that_belong_to_one_room_stay_there()
    {
        var misplaced = new List<string>();
        foreach (var (project, file) in SourceProjects())
        {
            foreach (var package in file.Descendants("PackageReference").Select(p => p.Attribute("Include")!.Value))
            {
                if (PackageRooms.TryGetValue(package, out var rooms) && !rooms.Contains(project))
                {
                    misplaced.Add($"{project} uses {package}");
                }
            }
        }

        Assert.That(misplaced, Is.Empty);
    }
}

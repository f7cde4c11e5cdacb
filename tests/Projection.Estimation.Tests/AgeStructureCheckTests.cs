using Projection.Core;
using Projection.Files;

namespace Projection.Estimation.Tests;

public class AgeStructureCheckTests
{
    [Test]
    public void A_group_error_is_the_percentage_of_the_real_count_worked_out_by_hand()
    {
        var layout = new PopulationLayout(100);
        var real = new double[layout.CellCount];
        var estimate = new double[layout.CellCount];
        real[layout.Index(Sex.Female, 3)] = 200;   // 1-5: 200 real
        estimate[layout.Index(Sex.Male, 1)] = 110; // 1-5: 110 + 120 = 230 estimated
        estimate[layout.Index(Sex.Female, 5)] = 120;
        real[layout.Index(Sex.Male, 85)] = 50;     // 80-89: 50 real, 40 estimated
        estimate[layout.Index(Sex.Male, 89)] = 40;

        var errors = AgeStructureChecks.GroupErrors(layout, estimate, real);

        var names = AgeGroupings.Planning.Select(g => g.Name).ToList();
        Assert.That(errors[names.IndexOf("1-5")], Is.EqualTo(15.0).Within(1e-12));
        Assert.That(errors[names.IndexOf("80-89")], Is.EqualTo(-20.0).Within(1e-12));
        Assert.That(errors[names.IndexOf("6-15")], Is.Zero, "empty in both");
    }

    [Test]
    public void Real_ages_carried_forward_under_published_totals_beat_a_scaled_profile_on_SCBs_county_series()
    {
        var counties = CountySeries.All();
        var cases = AgeStructureChecks.CarryForwardCases(counties, [1980, 1990, 2000, 2010], 5, (region, from, to) => (region is "03" or "19") && from < 2006 && to >= 2006);

        var carried = AgeStructureChecks.MeanAbsolute(cases.Select(c => c.CarriedErrors));
        var scaled = AgeStructureChecks.MeanAbsolute(cases.Select(c => c.ScaledErrors));
        var names = AgeGroupings.Planning.Select(g => g.Name).ToList();

        Assert.That(cases, Has.Count.EqualTo(12 * 4), "12 counties, 4 bases, no span across Heby's move");
        Assert.That(carried.Average(), Is.LessThan(scaled.Average() * 0.6), "clearly better on average over the planning groups");
        foreach (var group in new[] { "1-5", "65-79", "80-89", "90+" })
        {
            Assert.That(carried[names.IndexOf(group)], Is.LessThan(scaled[names.IndexOf(group)]), group);
        }
    }

    [Test]
    public void The_municipal_file_with_names_and_quotes_is_read_by_column_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kommun-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "\uFEFFregion,region_name,year,sex,age,value\n1980,\"Västerås\",2019,1,0,800\n1980,\"Västerås\",2019,2,100+,31\n1904,Skinnskatteberg,2019,2,45,20\n");
        try
        {
            var regions = CountySeriesCsv.ReadPopulation(path, PopulationLayout.Default);

            var vasteras = regions["1980"];
            Assert.That(vasteras.RegionName, Is.EqualTo("Västerås"));
            Assert.That(vasteras.Population[2019][PopulationLayout.Default.Index(Sex.Male, 0)], Is.EqualTo(800));
            Assert.That(vasteras.Population[2019][PopulationLayout.Default.Index(Sex.Female, 100)], Is.EqualTo(31));
            Assert.That(PopulationIndicators.Total(regions["1904"].Population[2019]), Is.EqualTo(20));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_file_without_a_needed_column_is_refused_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kommun-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "region,year,sex,value\n1980,2019,1,800\n");
        try
        {
            var error = Assert.Throws<InvalidDataFileException>(() => CountySeriesCsv.ReadPopulation(path, PopulationLayout.Default));
            Assert.That(error!.Message, Does.Contain("'age'").And.Contain(Path.GetFileName(path) + ", line 1"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

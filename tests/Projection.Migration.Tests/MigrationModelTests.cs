using Projection.Core;
using Projection.Estimation;
using Projection.Files;
using Projection.Tests;

namespace Projection.Migration.Tests;

public class MigrationModelTests
{
    private static readonly (string, int)[] Breaks = [("19", 2006), ("03", 2006)];

    private static readonly Lazy<IReadOnlyDictionary<string, ObservedStatistics>> Counties = new(() =>
        CountySeriesCsv.ReadDirectory(Path.GetDirectoryName(SharedData.PathOrIgnore("scb-county/" + CountySeriesCsv.PopulationFile))!, PopulationLayout.Default));

    private static IReadOnlyDictionary<string, ObservedStatistics> Data()
    {
        SharedData.PathOrIgnore("scb-county/" + CountySeriesCsv.PopulationFile);
        return Counties.Value;
    }

    [Test]
    public void Net_migration_is_the_cohort_change_plus_its_deaths_worked_out_by_hand()
    {
        // Men only, ages 0..3 (3 open), no births recorded (so the infant death rate is 0 and
        // Andreev and Kingkade's a(0) for men is 0.14929: that share of the infant deaths belongs
        // to the cohort reaching 1). Age 1: 15 − 10 + (0.14929·1 + 0.5·2) = 6.14929 on
        // (10 + 15)/2 = 12.5; age 2: 25 − 20 + (0.5·2 + 0.5·2) = 7 on 22.5; age 3 (open, 30 + 40
        // at the start): 60 − 70 + (0.5·2 + 4) = −5 on 65. Group 1-4: 8.14929 / 100.
        var layout = new PopulationLayout(3);
        var observed = new ObservedStatistics("x", "x", layout);
        observed.Population[2000] = [10, 20, 30, 40, 0, 0, 0, 0];
        observed.Population[2001] = [99, 15, 25, 60, 0, 0, 0, 0];
        observed.DeathsByAgeAtDeath[2001] = [1, 2, 2, 4, 0, 0, 0, 0];

        var rates = NetMigrationHistory.Rates(observed, 2001)!;

        Assert.That(rates[0], Is.EqualTo(0.0814929).Within(1e-12));
        Assert.That(rates.Skip(1), Is.All.EqualTo(0));
        Assert.That(NetMigrationHistory.Rates(observed, 2002), Is.Null);

        // With gross flows for the year, the net is counted from them: (3 + 2 − 1 − 0.5) at age 2 only → 3.5 / 100.
        var flows = new MigrationFlows(new double[8], new double[8], new double[8], new double[8]);
        (flows.DomesticIn[2], flows.Immigration[2], flows.DomesticOut[2], flows.Emigration[2]) = (3, 2, 1, 0.5);
        observed.Migration[2001] = flows;
        Assert.That(NetMigrationHistory.Rates(observed, 2001)![0], Is.EqualTo(0.035).Within(1e-12));
    }

    [Test]
    public void One_loaded_model_predicts_the_same_from_many_threads_at_once()
    {
        var data = Data();
        var model = MigrationModel.Load(RepositoryFiles.PathOf("models/migration/model.zip"));
        var rows = MigrationDataset.Examples(data, MigrationDataset.Rates(data, Breaks), "00", year => year is >= 2000 and <= 2004, requireTarget: false);
        var expected = model.Predict(rows);

        var results = new float[16][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = model.Predict(rows));

        Assert.That(results, Is.All.EqualTo(expected));
    }

    [Test]
    public void Training_is_deterministic_same_seed_same_model_and_metrics()
    {
        var data = Data();
        var rows = MigrationDataset.Examples(data, MigrationDataset.Rates(data, Breaks), "00", year => year <= 2000);

        var first = MigrationModel.Train(rows, 7).Predict(rows.Take(200).ToList());
        var second = MigrationModel.Train(rows, 7).Predict(rows.Take(200).ToList());
        Assert.That(second, Is.EqualTo(first));

        var evaluation = MigrationEvaluation.Run(rows, [1996, 1998], 7);
        var again = MigrationEvaluation.Run(rows, [1996, 1998], 7);
        Assert.That(again.Horizons.SelectMany(h => h.MeanAbsoluteError.Values), Is.EqualTo(evaluation.Horizons.SelectMany(h => h.MeanAbsoluteError.Values)));
        Assert.That(evaluation.Horizons.Select(h => h.Horizon), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
    }

    [Test]
    public void The_shipped_model_loads_and_predicts_for_every_county_and_age_group()
    {
        var data = Data();
        var model = MigrationModel.Load(RepositoryFiles.PathOf("models/migration/model.zip"));
        var rows = MigrationDataset.Examples(data, MigrationDataset.Rates(data, Breaks), "00", year => year == 2005, requireTarget: false);

        var predictions = model.Predict(rows);

        Assert.That(rows.Select(r => r.Region).Distinct().Count(), Is.EqualTo(12));
        Assert.That(rows.Select(r => (int)r.AgeGroup).Distinct().Count(), Is.EqualTo(NetMigrationHistory.Groups.Count));
        Assert.That(predictions, Has.Length.EqualTo(12 * 8 * 5));
        Assert.That(predictions, Is.All.InRange(-100f, 100f), "net migrants per 1,000 person-years");
    }

    [Test]
    public void The_committed_evaluation_is_what_training_gives_again()
    {
        var data = Data();
        var committed = MigrationModelCard.Read(RepositoryFiles.PathOf("models/migration/evaluation.json"));
        var rows = MigrationDataset.Examples(data, MigrationDataset.Rates(data, Breaks), "00");

        var result = MigrationEvaluation.Run(rows, committed.Origins, committed.Seed);

        Assert.That(rows, Has.Count.EqualTo(committed.Rows));
        for (var h = 0; h < committed.Horizons.Count; h++)
        {
            foreach (var method in MigrationEvaluation.Methods)
            {
                Assert.That(result.Horizons[h].MeanAbsoluteError[method], Is.EqualTo(committed.Horizons[h].MeanAbsoluteError[method]).Within(1e-9), $"{method} at {h + 1} years");
            }
        }

        Assert.That(committed.Default, Is.EqualTo(result.Best == MigrationEvaluation.Model ? "model" : "baseline"), "the default follows the evaluation");
    }

    [Test]
    public void A_missing_or_corrupt_model_is_a_clear_error_and_scenarios_fall_back_to_the_baseline_with_a_warning()
    {
        var directory = Directory.CreateTempSubdirectory("projection-model-").FullName;
        try
        {
            var missing = Assert.Throws<MigrationModelException>(() => MigrationModel.Load(Path.Combine(directory, "model.zip")));
            Assert.That(missing!.Message, Does.Contain("model.zip").And.Contain("not found"));

            File.WriteAllBytes(Path.Combine(directory, "model.zip"), [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
            var corrupt = Assert.Throws<MigrationModelException>(() => MigrationModel.Load(Path.Combine(directory, "model.zip")));
            Assert.That(corrupt!.Message, Does.Contain("not a readable migration model"));

            var data = Data();
            var input = new ProjectionInput { Layout = PopulationLayout.Default, BaseYear = 2012, Regions = [Backtest.RegionAt(data["07"], 2012, new EstimationWindows())] };
            var (same, note) = new LearnedMigration(directory).Apply(input, LearnedMigration.Model, data);
            Assert.That(same, Is.SameAs(input));
            Assert.That(note!.Status, Is.EqualTo(Provenance.Warning));
            Assert.That(note.Method, Does.Contain("not a readable migration model").And.Contain("baseline"));

            var (baseline, none) = new LearnedMigration(directory).Apply(input, LearnedMigration.Baseline, data);
            Assert.That(baseline, Is.SameAs(input));
            Assert.That(none, Is.Null);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Without_Swedens_series_the_model_is_not_fed_a_stand_in_but_falls_back_to_the_baseline_with_a_warning()
    {
        // Trained with Sweden's rates as the national features; served with a county's in their
        // place it would predict from features it never saw (train/serve skew).
        var data = Data();
        var withoutSweden = data.Where(kv => kv.Key != "00").ToDictionary(kv => kv.Key, kv => kv.Value);
        var input = new ProjectionInput { Layout = PopulationLayout.Default, BaseYear = 2012, Regions = [Backtest.RegionAt(data["07"], 2012, new EstimationWindows())] };
        var learned = new LearnedMigration(RepositoryFiles.PathOf("models/migration"));

        var (same, note) = learned.Apply(input, LearnedMigration.Model, withoutSweden);
        var (adjusted, modeled) = learned.Apply(input, LearnedMigration.Model, data);

        Assert.That(same, Is.SameAs(input));
        Assert.That(note!.Status, Is.EqualTo(Provenance.Warning));
        Assert.That(note.Method, Does.Contain("Sweden").And.Contain("baseline"));
        Assert.That(adjusted, Is.Not.SameAs(input), "with Sweden's series the model is used");
        Assert.That(modeled!.Status, Is.EqualTo(Provenance.Modeled));
    }

    [Test]
    public void A_shift_adds_its_persons_as_arrivals_or_departures_worked_out_by_hand()
    {
        // One region, 100 people in every cell; every cell: 3 domestic in-migrants and 1 immigrant arriving,
        // domestic out-migration 0.01 and emigration 0.005 a person-year. Groups 1-4 (8 cells) and 20-24 (10 cells):
        var layout = PopulationLayout.Default;
        double[] Filled(double value) => Enumerable.Repeat(value, layout.CellCount).ToArray();
        var region = new Region("1980", "Västerås", Filled(100), new RegionRates
        {
            Mortality = Filled(0.01),
            Fertility = new double[layout.AgeCount],
            DomesticInMigration = Filled(3),
            Immigration = Filled(1),
            DomesticOutMigration = Filled(0.01),
            Emigration = Filled(0.005),
            LongRunTotalFertility = 1.8,
        });
        var shift = new double[NetMigrationHistory.Groups.Count];
        shift[0] = 0.002;  // 1-4: +0.002 × 800 people = +1.6 persons; arrivals 8 × 4 = 32, so each arrival × (1 + 1.6/32) = 1.05
        shift[3] = -0.003; // 20-24: −0.003 × 1000 = −3 persons; departures 10 × 0.015 × 100 = 15, so each departure rate × (1 + 3/15) = 1.2

        var rates = LearnedMigration.Shifted(region, shift, layout);

        var child = layout.Index(Sex.Female, 3);
        var young = layout.Index(Sex.Male, 22);
        var other = layout.Index(Sex.Male, 40);
        Assert.That((rates.DomesticInMigration[child], rates.Immigration[child]), Is.EqualTo((3.15, 1.05)).Using<(double, double)>((a, b) => Math.Abs(a.Item1 - b.Item1) < 1e-12 && Math.Abs(a.Item2 - b.Item2) < 1e-12));
        Assert.That(rates.DomesticOutMigration[child], Is.EqualTo(0.01), "a positive shift adds arrivals, not fewer departures");
        Assert.That(rates.DomesticOutMigration[young], Is.EqualTo(0.012).Within(1e-15));
        Assert.That(rates.Emigration[young], Is.EqualTo(0.006).Within(1e-15));
        Assert.That(rates.DomesticInMigration[young], Is.EqualTo(3), "a negative shift adds departures, not fewer arrivals");
        Assert.That((rates.DomesticInMigration[other], rates.DomesticOutMigration[other]), Is.EqualTo((3.0, 0.01)), "groups without a shift keep their rates");
        Assert.That(rates.Mortality, Is.SameAs(region.Rates.Mortality));
        Assert.That(rates.LongRunTotalFertility, Is.EqualTo(1.8), "migration shifted, fertility's path kept");
    }

    [Test]
    public void The_shipped_model_changes_only_migration_and_says_so()
    {
        var data = Data();
        var codes = new[] { "01", "07", "12", "23" };
        var input = new ProjectionInput
        {
            Layout = PopulationLayout.Default,
            BaseYear = 2012,
            Regions = [.. codes.Select(c => Backtest.RegionAt(data[c], 2012, new EstimationWindows()))],
        };
        var learned = new LearnedMigration(RepositoryFiles.PathOf("models/migration"));

        var (adjusted, note) = learned.Apply(input, LearnedMigration.Model, data);

        Assert.That(note!.Status, Is.EqualTo(Provenance.Modeled));
        for (var r = 0; r < codes.Length; r++)
        {
            Assert.That(adjusted.Regions[r].Rates.Mortality, Is.SameAs(input.Regions[r].Rates.Mortality));
            Assert.That(adjusted.Regions[r].Rates.Fertility, Is.SameAs(input.Regions[r].Rates.Fertility));
            Assert.That(adjusted.Regions[r].BasePopulation, Is.SameAs(input.Regions[r].BasePopulation));
        }

        Assert.That(adjusted.Regions.Any(r => !r.Rates.DomesticInMigration.SequenceEqual(input.Regions.First(i => i.Code == r.Code).Rates.DomesticInMigration) || !r.Rates.DomesticOutMigration.SequenceEqual(input.Regions.First(i => i.Code == r.Code).Rates.DomesticOutMigration)), "the model moved some group's migration");
    }
}

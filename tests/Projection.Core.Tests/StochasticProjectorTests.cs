namespace Projection.Core.Tests;

public class StochasticProjectorTests
{
    private static readonly UncertaintyModel Realistic = new()
    {
        FertilityNational = new(0.92, 0.035),
        FertilityRegional = new(0.59, 0.028),
        MortalityNational = new(1, 0.022),
        MortalityRegional = new(0.35, 0.029),
        MigrationNational = new(0.83, 0.0014),
        MigrationRegional = new(0.62, 0.0019),
    };

    // With a municipality's own migration deviation as the shipped model estimates it (models/uncertainty.json).
    private static readonly UncertaintyModel WithLocal = Realistic with { MigrationLocal = new(0.37, 0.0088), LocalSizeExponent = 0.46 };

    private static ProjectionInput RandomInput(int regionCount, double? internalShare = null)
    {
        var layout = PopulationLayout.Default;
        var (populations, rates) = RandomInputs.Regions(layout, new Random(7), regionCount, internalShare: internalShare);
        return new ProjectionInput
        {
            Layout = layout,
            BaseYear = 2024,
            Regions = [.. Enumerable.Range(0, regionCount).Select(r => new Region($"19{r:00}", $"R{r}", populations[r], rates[r]))],
        };
    }

    [Test]
    public void The_generator_is_SplitMix64_as_published()
    {
        // Reference output of splitmix64.c (Vigna) from state 1234567.
        var random = TrajectoryRandom.FromState(1234567);
        var first = Enumerable.Range(0, 5).Select(_ => random.NextBits()).ToArray();
        Assert.That(first, Is.EqualTo(new ulong[] { 6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821 }));
    }

    [Test]
    public void Normal_draws_have_mean_zero_and_variance_one()
    {
        var random = new TrajectoryRandom(42, 0);
        var draws = Enumerable.Range(0, 200_000).Select(_ => random.NextNormal()).ToArray();
        var mean = draws.Average();
        var variance = draws.Sum(d => (d - mean) * (d - mean)) / (draws.Length - 1);

        // Standard errors: 1/√n = 0.0022 for the mean, √(2/n) = 0.0032 for the variance.
        Assert.That(mean, Is.EqualTo(0).Within(0.01));
        Assert.That(variance, Is.EqualTo(1).Within(0.015));
        Assert.That(draws.Count(d => d > 1.959964) / (double)draws.Length, Is.EqualTo(0.025).Within(0.0015));
    }

    [TestCase(0, 151)]
    [TestCase(1, 151)]
    [TestCase(3, 300)]
    [TestCase(1, 1)]
    public void Normals_drawn_at_once_are_the_ones_drawn_one_by_one(int drawnBefore, int count)
    {
        // The lanes draw each trajectory's normals at once (batched, the logarithms a vector at a time);
        // the double path draws them one by one. Same generator, same order, same pairs and spare:
        // equal but for the last bits of a logarithm. Then both go on from the same state.
        var oneByOne = new TrajectoryRandom(7, 11, 3);
        var atOnce = new TrajectoryRandom(7, 11, 3);
        for (var i = 0; i < drawnBefore; i++)
        {
            Assert.That(atOnce.NextNormal(), Is.EqualTo(oneByOne.NextNormal()));
        }

        var expected = Enumerable.Range(0, count).Select(_ => oneByOne.NextNormal()).ToArray();
        var drawn = new double[count];
        atOnce.FillNormals(drawn);
        for (var i = 0; i < count; i++)
        {
            Assert.That(drawn[i], Is.EqualTo(expected[i]).Within(1e-14 * Math.Max(1, Math.Abs(expected[i]))), $"draw {i}");
        }

        Assert.That(atOnce.NextNormal(), Is.EqualTo(oneByOne.NextNormal()).Within(1e-14), "the next draw (a spare or a new pair)");
        Assert.That(atOnce.NextNormal(), Is.EqualTo(oneByOne.NextNormal()).Within(1e-14), "and the one after");
    }

    [TestCase(0.3, 1e-5, TestName = "Without uncertainty every quantile is the deterministic projection (a migration pool: double precision)")]
    [TestCase(0.0, 2e-3, TestName = "Without uncertainty every quantile is the deterministic projection (no pool: single-precision lanes)")]
    public void Without_uncertainty_every_quantile_is_the_deterministic_projection(double internalShare, double percent)
    {
        var input = RandomInput(3, internalShare);
        var scenario = new Scenario { Horizon = 15 };
        var deterministic = Projector.Project(input, scenario);
        var intervals = StochasticProjector.Project(input, scenario, new UncertaintyModel(), new StochasticOptions { Trajectories = 20, Seed = 3 });

        Assert.That(intervals.RegionCodes, Is.EqualTo(new[] { "1900", "1901", "1902", ProjectionIntervals.AllRegions }));

        // Trajectories are kept as floats: quantiles agree with the double-precision projection to
        // about 1e-7, and to float rounding over the years (about 1e-5) where they are projected in float.
        for (var t = 0; t <= 15; t++)
        {
            for (var r = 0; r < 3; r++)
            {
                var expected = PopulationIndicators.Total(deterministic.Population(t, r));
                for (var level = 0; level < ProjectionIntervals.Levels.Count; level++)
                {
                    Assert.That(intervals.Quantile(r, 0, t, level), Is.EqualTo(expected).Within(percent).Percent);
                }
            }
        }
    }

    [TestCase(0.3, TestName = "The same seed gives the same intervals on one thread or two and another seed does not (a migration pool: trajectories spread over the threads)")]
    [TestCase(0.0, TestName = "The same seed gives the same intervals on one thread or two and another seed does not (no pool: regions spread over the threads, their sum in fixed point)")]
    public void The_same_seed_gives_the_same_intervals_on_one_thread_or_two_and_another_seed_does_not(double internalShare)
    {
        var input = RandomInput(3, internalShare);
        var scenario = new Scenario { Horizon = 20 };
        var one = StochasticProjector.Project(input, scenario, Realistic, new StochasticOptions { Trajectories = 301, Seed = 11, MaxDegreeOfParallelism = 1 });
        var two = StochasticProjector.Project(input, scenario, Realistic, new StochasticOptions { Trajectories = 301, Seed = 11, MaxDegreeOfParallelism = 2 });
        var other = StochasticProjector.Project(input, scenario, Realistic, new StochasticOptions { Trajectories = 301, Seed = 12, MaxDegreeOfParallelism = 2 });

        var differs = false;
        for (var r = 0; r < one.RegionCodes.Count; r++)
        {
            for (var i = 0; i < one.Indicators.Count; i++)
            {
                for (var t = 0; t <= 20; t++)
                {
                    for (var level = 0; level < 5; level++)
                    {
                        Assert.That(two.Quantile(r, i, t, level), Is.EqualTo(one.Quantile(r, i, t, level)));
                        differs |= other.Quantile(r, i, t, level) != one.Quantile(r, i, t, level);
                    }
                }
            }
        }

        Assert.That(differs, Is.True);
    }

    [TestCase(37, 1, false)]
    [TestCase(300, 2, false)]
    [TestCase(37, 1, true)]
    public void Trajectories_in_single_precision_lanes_agree_with_the_double_precision_path(int trajectories, int threads, bool local)
    {
        // The lanes (eight trajectories to a vector, in float) against each trajectory projected
        // alone in double precision by ProjectionStep: the same draws, so the same quantiles up to
        // float rounding. 37 is not a multiple of the lanes: the last lanes run and are not kept.
        // No migration pool: regions with one take the double path.
        var input = RandomInput(3, internalShare: 0);
        var scenario = new Scenario { Horizon = 30, Mortality = new MortalityAssumption { AnnualImprovement = 0.01 }, Migration = new MigrationAssumption { Emigration = 1.5 } };
        var groups = AgeGroupings.Planning.Concat(AgeGroupings.PyramidBands(input.Layout)).ToList();
        var options = new StochasticOptions { Trajectories = trajectories, Seed = 9, MaxDegreeOfParallelism = threads, AgeGroups = groups };

        var model = local ? WithLocal : Realistic;
        var lanes = StochasticProjector.Project(input, scenario, model, options);
        var reference = StochasticProjector.Project(input, scenario, model, options with { DoublePrecision = true });

        var largest = 0.0;
        for (var r = 0; r < reference.RegionCodes.Count; r++)
        {
            for (var i = 0; i < reference.Indicators.Count; i++)
            {
                for (var t = 0; t <= 30; t++)
                {
                    for (var level = 0; level < 5; level++)
                    {
                        var expected = reference.Quantile(r, i, t, level);
                        var difference = Math.Abs(lanes.Quantile(r, i, t, level) - expected);
                        Assert.That(difference, Is.LessThanOrEqualTo((2e-5 * Math.Abs(expected)) + 1e-3), $"region {r}, indicator {reference.Indicators[i]}, year {t}, level {level}");
                        largest = Math.Max(largest, difference / Math.Max(1, Math.Abs(expected)));
                    }
                }
            }
        }

        TestContext.Out.WriteLine($"largest relative difference: {largest:E2}");
        Assert.That(largest, Is.GreaterThan(0), "the lanes are the single-precision path, not the double one again");
    }

    [Test]
    public void A_municipalitys_own_deviation_widens_its_interval_the_more_the_smaller_it_is_and_leaves_a_county_as_it_was()
    {
        var input = RandomInput(1, internalShare: 0);
        var region = input.Regions[0];
        // The region at another size: its people and its arrivals (counts) scaled alike, its rates as they are.
        Region Sized(string code, double factor) => region with
        {
            Code = code,
            BasePopulation = [.. region.BasePopulation.Select(p => p * factor)],
            Rates = region.Rates.WithMigration(region.Rates.DomesticOutMigration, region.Rates.Emigration, [.. region.Rates.DomesticInMigration.Select(a => a * factor)], [.. region.Rates.Immigration.Select(a => a * factor)]),
        };
        double Width(Region r, UncertaintyModel model)
        {
            var intervals = StochasticProjector.Project(new ProjectionInput { Layout = input.Layout, BaseYear = input.BaseYear, Regions = [r] }, new Scenario { Horizon = 10 }, model, new StochasticOptions { Trajectories = 2000, Seed = 3 });
            return (intervals.Quantile(0, 0, 10, 3) - intervals.Quantile(0, 0, 10, 1)) / intervals.Quantile(0, 0, 10, 2);
        }

        var total = region.BasePopulation.Sum();
        var small = Sized("1904", 5_000 / total);
        var large = Sized("1980", 150_000 / total);
        var county = Sized("19", 5_000 / total);

        // A county (two digits) takes no local deviation: the same draws, the same interval, with or without it.
        Assert.That(Width(county, WithLocal), Is.EqualTo(Width(county, Realistic)).Within(1e-12));
        // σ(5,000) = 0.0088 × 2^0.46 ≈ 0.0121 a year beside the regional 0.0019: far wider than a county's.
        Assert.That(Width(small, WithLocal), Is.GreaterThan(2 * Width(small, Realistic)));
        Assert.That(Width(large, WithLocal), Is.GreaterThan(Width(large, Realistic)));
        Assert.That(Width(small, WithLocal), Is.GreaterThan(1.5 * Width(large, WithLocal)), "σ(150,000) is (30)^0.46 ≈ 4.8 times smaller");

        // With county 19's σ for its own and none named for the others, a municipality of county 03 of the same size
        // and rates varies as a county does; with county 19 named alone, by its own law only in 19.
        var elsewhere = Sized("0360", 5_000 / total);
        var onlyIn19 = WithLocal with { LocalCounty = "19", LocalOtherCountiesSd = 1e-9 };
        Assert.That(Width(small, onlyIn19), Is.EqualTo(Width(small, WithLocal)).Within(1e-12), "in 19, 19's law");
        Assert.That(Width(elsewhere, onlyIn19), Is.LessThan(1.05 * Width(elsewhere, Realistic)), "outside it, the other counties' (here next to nothing)");
        Assert.That(Width(elsewhere, WithLocal), Is.GreaterThan(2 * Width(elsewhere, Realistic)), "no county named: one law for all");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Municipalities_of_one_county_share_its_regional_deviation_where_counties_each_have_their_own(bool doublePrecision)
    {
        // Only regional deviations (no national, no local): two identical municipalities of county 19 move
        // together, so their sum is as uncertain as each, relatively; two identical counties move
        // independently, so theirs is about 1/√2 as uncertain.
        var regionalOnly = Realistic with { FertilityNational = default, MortalityNational = default, MigrationNational = default };
        var region = RandomInput(1, internalShare: 0).Regions[0];
        double RelativeWidth(ProjectionIntervals intervals, int index) =>
            (intervals.Quantile(index, 0, 20, 3) - intervals.Quantile(index, 0, 20, 1)) / intervals.Quantile(index, 0, 20, 2);
        ProjectionIntervals Twins(string first, string second) => StochasticProjector.Project(
            new ProjectionInput { Layout = PopulationLayout.Default, BaseYear = 2024, Regions = [region with { Code = first }, region with { Code = second }] },
            new Scenario { Horizon = 20 },
            regionalOnly,
            new StochasticOptions { Trajectories = 2000, Seed = 4, DoublePrecision = doublePrecision });

        var municipalities = Twins("1904", "1907");
        var counties = Twins("01", "03");

        Assert.That(municipalities.Quantile(0, 0, 20, 1), Is.EqualTo(municipalities.Quantile(1, 0, 20, 1)), "the same draws for both municipalities");
        Assert.That(RelativeWidth(municipalities, 2), Is.EqualTo(RelativeWidth(municipalities, 0)).Within(1e-6), "the sum of the two as uncertain as each");
        Assert.That(RelativeWidth(counties, 2) / RelativeWidth(counties, 0), Is.EqualTo(1 / Math.Sqrt(2)).Within(0.08));
    }

    [Test]
    public void Quantiles_are_ordered_and_intervals_widen_from_none_at_the_base_year()
    {
        var input = RandomInput(2);
        var intervals = StochasticProjector.Project(input, new Scenario { Horizon = 30 }, Realistic, new StochasticOptions { Trajectories = 400, Seed = 5 });

        for (var r = 0; r < intervals.RegionCodes.Count; r++)
        {
            Assert.That(intervals.Quantile(r, 0, 0, 4) - intervals.Quantile(r, 0, 0, 0), Is.EqualTo(0).Within(1e-6));
            for (var t = 1; t <= 30; t++)
            {
                for (var level = 1; level < 5; level++)
                {
                    Assert.That(intervals.Quantile(r, 0, t, level), Is.GreaterThanOrEqualTo(intervals.Quantile(r, 0, t, level - 1)));
                }
            }

            Assert.That(Width(intervals, r, 30), Is.GreaterThan(Width(intervals, r, 1)));
            Assert.That(Width(intervals, r, 10), Is.GreaterThan(Width(intervals, r, 1)));
        }
    }

    [Test]
    public void One_year_of_fertility_deviation_gives_the_lognormal_quantiles_worked_out_by_hand()
    {
        // Ages 0..2, 100 of each sex at each age, no deaths and no migration, fertility 0.5 at age 1.
        // The women aged 1 at the year's end were 0 at its start: exposure 100, births 50·exp(x),
        // x = 0.06·z₁ + 0.08·z₂ ~ N(0, 0.1²). Total after a year = 600 + 50·exp(0.1·z), so its quantile
        // at level p is 600 + 50·exp(0.1·Φ⁻¹(p)): 600 + 50·exp(∓0.196) = 641.10 / 661.08 for the 95 %
        // interval, 600 + 50·exp(∓0.12816) = 643.99 / 656.84 for the 80 % one, 650 for the median.
        var layout = new PopulationLayout(2);
        var rates = new RatesBuilder(layout).Fertility(1, 0.5).Build();
        var population = new double[layout.CellCount];
        Array.Fill(population, 100);
        var input = new ProjectionInput { Layout = layout, BaseYear = 2024, Regions = [new Region("1980", "Västerås", population, rates)] };
        var model = new UncertaintyModel { FertilityNational = new(0.5, 0.06), FertilityRegional = new(0.9, 0.08) };

        var intervals = StochasticProjector.Project(input, new Scenario { Horizon = 1 }, model, new StochasticOptions { Trajectories = 20_000, Seed = 2024, AgeGroups = [] });

        // Monte-Carlo standard errors with 20,000 draws: about 0.12 at the 2.5 % and 97.5 % levels, 0.07 at 10/90 %, 0.04 at the median.
        Assert.That(intervals.Quantile(0, 0, 1, 0), Is.EqualTo(641.10).Within(0.5));
        Assert.That(intervals.Quantile(0, 0, 1, 1), Is.EqualTo(643.99).Within(0.3));
        Assert.That(intervals.Quantile(0, 0, 1, 2), Is.EqualTo(650.00).Within(0.2));
        Assert.That(intervals.Quantile(0, 0, 1, 3), Is.EqualTo(656.84).Within(0.3));
        Assert.That(intervals.Quantile(0, 0, 1, 4), Is.EqualTo(661.08).Within(0.5));
    }

    [Test]
    public void A_migration_deviation_depends_on_the_departures_not_on_which_flow_the_scenario_multiplies()
    {
        // Ages 0..2, 100 of each sex at each age, nobody dies, is born or arrives; departures are
        // 5 % domestic out and 5 % emigration a year. One scenario triples emigration, the other
        // domestic out: the same 30 % of departures a year, so the same deterministic year. With
        // the same draws (seed), a migration deviation δ means the same δ × 600 more net migrants
        // in both, so every quantile must agree. Sizing the deviation by the domestic-out factor
        // alone makes the first scenario's departures 60 a year and the second's 180: shifts that
        // differ threefold.
        var layout = new PopulationLayout(2);
        var rates = new RatesBuilder(layout).DomesticOut(0.05).Emigration(0.05).Build();
        var population = new double[layout.CellCount];
        Array.Fill(population, 100);
        var input = new ProjectionInput { Layout = layout, BaseYear = 2024, Regions = [new Region("1980", "Västerås", population, rates)] };
        var moreEmigration = new Scenario { Horizon = 1, Migration = new MigrationAssumption { Emigration = 3 } };
        var moreDomesticOut = new Scenario { Horizon = 1, Migration = new MigrationAssumption { DomesticOut = 3 } };
        var model = new UncertaintyModel { MigrationNational = new(0.5, 0.01) };
        var options = new StochasticOptions { Trajectories = 2_000, Seed = 11, AgeGroups = [] };
        var deterministic = PopulationIndicators.Total(Projector.Project(input, moreEmigration).Population(1, 0));
        Assert.That(PopulationIndicators.Total(Projector.Project(input, moreDomesticOut).Population(1, 0)), Is.EqualTo(deterministic).Within(1e-9), "the same deterministic year");

        var emigrating = StochasticProjector.Project(input, moreEmigration, model, options);
        var movingAway = StochasticProjector.Project(input, moreDomesticOut, model, options);

        Assert.That(deterministic - emigrating.Quantile(0, 0, 1, 0), Is.GreaterThan(5), "a deviation of about −2 % of 600 persons at the 2.5 % level");
        for (var level = 0; level < 5; level++)
        {
            Assert.That(emigrating.Quantile(0, 0, 1, level), Is.EqualTo(movingAway.Quantile(0, 0, 1, level)).Within(1e-3), $"level {level}");
        }
    }

    [TestCase(1, 0.0)]
    [TestCase(3, 0.5)]
    public void A_migration_deviation_moves_every_age_both_ways_whatever_the_regions_own_flows(int regions, double internalShare)
    {
        // Net flows only, as estimated from series without gross flows: children (ages 0–9) arrive, 1,000 of
        // each sex at each age, nobody else; young adults (20–29) leave at 20 % a year, nobody else. A
        // migration deviation spread over arrivals when positive and departures when negative could only
        // raise the children and only lower the young adults: each group's 80 % interval would lie on one
        // side of the projection. Spread by one schedule of movers both ways, each straddles it.
        var layout = new PopulationLayout(40);
        var builder = new RatesBuilder(layout);
        for (var age = 0; age < 10; age++)
        {
            builder.Immigrants(Sex.Male, age, 1_000).Immigrants(Sex.Female, age, 1_000);
        }

        for (var age = 20; age < 30; age++)
        {
            builder.DomesticOut(Sex.Male, age, 0.2).DomesticOut(Sex.Female, age, 0.2);
        }

        // Three regions sending half their leavers to one another: the pooled path in double precision; one: the lanes.
        var rates = builder.Internal(internalShare, 1.0 / regions).Build();
        var population = new double[layout.CellCount];
        Array.Fill(population, 10_000);
        var input = new ProjectionInput { Layout = layout, BaseYear = 2024, Regions = [.. Enumerable.Range(0, regions).Select(r => new Region($"19{r:00}", "R", population, rates))] };
        var scenario = new Scenario { Horizon = 5 };
        var model = new UncertaintyModel { MigrationNational = new(1, 0.01) };
        AgeGroup[] groups = [new("0-9", 0, 9), new("20-29", 20, 29)];
        var intervals = StochasticProjector.Project(input, scenario, model, new StochasticOptions { Trajectories = 2_000, Seed = 3, AgeGroups = groups });
        var projected = Projector.Project(input, scenario).Population(5, 0);

        for (var g = 0; g < groups.Length; g++)
        {
            var deterministic = PopulationIndicators.SumOfAges(projected, layout, groups[g].FromAge, groups[g].LastAge(layout));
            Assert.That(intervals.Quantile(0, g + 1, 5, 1), Is.LessThan(0.99 * deterministic), $"{groups[g].Name}: the 10 % quantile below the projection");
            Assert.That(intervals.Quantile(0, g + 1, 5, 3), Is.GreaterThan(1.01 * deterministic), $"{groups[g].Name}: the 90 % quantile above it");
        }
    }

    [Test]
    public void Progress_is_told_after_every_block_of_trajectories_up_to_all_of_them()
    {
        var reports = new System.Collections.Concurrent.ConcurrentBag<int>();
        var progress = new Reports(reports);

        StochasticProjector.Project(RandomInput(2), new Scenario { Horizon = 5 }, Realistic, new StochasticOptions { Trajectories = 100, Seed = 1, AgeGroups = [], Progress = progress });

        // 100 trajectories in blocks of 16 (the last of 4): seven reports, each the count finished so far, the largest all 100.
        Assert.That(reports, Has.Count.EqualTo(7));
        Assert.That(reports.Max(), Is.EqualTo(100));
        Assert.That(reports.Distinct().Count(), Is.EqualTo(7), "running totals: each report counts every block finished before it");
        Assert.That(reports, Is.All.InRange(4, 100));
    }

    private sealed class Reports(System.Collections.Concurrent.ConcurrentBag<int> into) : IProgress<int>
    {
        public void Report(int value) => into.Add(value);
    }

    [Test]
    public void Without_a_pool_progress_is_told_after_every_region_as_its_share_of_the_trajectories()
    {
        var reports = new System.Collections.Concurrent.ConcurrentBag<int>();

        StochasticProjector.Project(RandomInput(4, internalShare: 0), new Scenario { Horizon = 5 }, Realistic, new StochasticOptions { Trajectories = 100, Seed = 1, AgeGroups = [], Progress = new Reports(reports) });

        // Four regions run one at a time: after each, 100 × regions done / 4.
        Assert.That(reports.Order(), Is.EqualTo(new[] { 25, 50, 75, 100 }));
    }

    [Test]
    public void A_shared_national_deviation_keeps_the_sum_of_regions_as_uncertain_as_its_parts()
    {
        // Ten identical counties with only migration uncertain. With a national deviation the regions
        // move together and their sum is as uncertain, relatively, as each; with the same deviation
        // drawn per region they offset, and the sum's relative width falls by about √10 ≈ 3.2.
        // (Counties: municipalities of one county would share its regional deviation.)
        var layout = new PopulationLayout(5);
        var builder = new RatesBuilder(layout).Mortality(0.01);
        for (var age = 0; age <= 5; age++)
        {
            builder.Immigrants(Sex.Male, age, 10).Immigrants(Sex.Female, age, 10);
        }

        var rates = builder.Build();
        var population = new double[layout.CellCount];
        Array.Fill(population, 1000);
        var input = new ProjectionInput
        {
            Layout = layout,
            BaseYear = 2024,
            Regions = [.. Enumerable.Range(0, 10).Select(r => new Region($"{r + 1:00}", $"R{r}", (double[])population.Clone(), rates))],
        };
        var scenario = new Scenario { Horizon = 10 };
        var options = new StochasticOptions { Trajectories = 4000, Seed = 9, AgeGroups = [] };
        var national = StochasticProjector.Project(input, scenario, new UncertaintyModel { MigrationNational = new(0.8, 0.004) }, options);
        var regional = StochasticProjector.Project(input, scenario, new UncertaintyModel { MigrationRegional = new(0.8, 0.004) }, options);

        var all = national.RegionIndex(ProjectionIntervals.AllRegions);
        Assert.That(RelativeWidth(regional, 0, 10), Is.EqualTo(RelativeWidth(national, 0, 10)).Within(8).Percent);
        Assert.That(RelativeWidth(national, all, 10), Is.EqualTo(RelativeWidth(national, 0, 10)).Within(1).Percent);
        Assert.That(RelativeWidth(national, all, 10) / RelativeWidth(regional, all, 10), Is.EqualTo(Math.Sqrt(10)).Within(12).Percent);
    }

    [Test]
    public void Bad_options_are_refused_naming_the_field()
    {
        var input = RandomInput(1);
        var error = Assert.Throws<InvalidInputException>(() =>
            StochasticProjector.Project(input, new Scenario(), new UncertaintyModel { MortalityNational = new(1.5, -0.1) }, new StochasticOptions { Trajectories = 0 }));

        Assert.That(error!.Errors.Keys, Is.SupersetOf(new[] { "mortalityNational.persistence", "mortalityNational.innovationSd" }));
        var options = Assert.Throws<InvalidInputException>(() => StochasticProjector.Project(input, new Scenario(), new UncertaintyModel(), new StochasticOptions { Trajectories = 0 }));
        Assert.That(options!.Errors.Keys, Does.Contain("trajectories"));
    }

    private static double Width(ProjectionIntervals intervals, int region, int year) => intervals.Quantile(region, 0, year, 4) - intervals.Quantile(region, 0, year, 0);

    private static double RelativeWidth(ProjectionIntervals intervals, int region, int year) => Width(intervals, region, year) / intervals.Quantile(region, 0, year, 2);
}

namespace Projection.Core.Tests;

public class ProjectorTests
{
    private static ProjectionInput Input(int regionCount, int seed = 1)
    {
        var layout = PopulationLayout.Default;
        var (populations, rates) = RandomInputs.Regions(layout, new Random(seed), regionCount);
        var regions = new Region[regionCount];
        for (var r = 0; r < regionCount; r++)
        {
            regions[r] = new Region($"19{r:00}", $"Region {r}", populations[r], rates[r]);
        }

        return new ProjectionInput { Layout = layout, BaseYear = 2024, Regions = regions };
    }

    [Test]
    public void Every_projected_year_balances_for_every_region()
    {
        var input = Input(3);
        var result = Projector.Project(input, new Scenario { Horizon = 20 });

        for (var t = 1; t <= 20; t++)
        {
            for (var r = 0; r < 3; r++)
            {
                double change = 0;
                foreach (var sex in new[] { Sex.Male, Sex.Female })
                {
                    change += result.Component(t, r, sex, ComponentOfChange.Births)
                        - result.Component(t, r, sex, ComponentOfChange.Deaths)
                        + result.Component(t, r, sex, ComponentOfChange.DomesticIn)
                        - result.Component(t, r, sex, ComponentOfChange.DomesticOut)
                        + result.Component(t, r, sex, ComponentOfChange.Immigration)
                        - result.Component(t, r, sex, ComponentOfChange.Emigration);
                }

                var before = PopulationIndicators.Total(result.Population(t - 1, r));
                var after = PopulationIndicators.Total(result.Population(t, r));
                Assert.That(after, Is.EqualTo(before + change).Within(1e-8 * before), $"year {t}, region {r}");
            }
        }
    }

    [Test]
    public void A_reused_projector_gives_each_projection_exactly_as_a_fresh_one_whatever_came_before()
    {
        var projector = new ReusableProjector(keepComponentsByAge: false);
        var first = Input(3, seed: 1);
        var second = Input(3, seed: 2);
        var lower = new Scenario { Name = "lower", Horizon = 15, Fertility = new FertilityAssumption { TargetTfr = 1.2, YearsToTarget = 4 }, Mortality = new MortalityAssumption { AnnualImprovement = 0.02 } };
        var higher = new Scenario { Name = "higher", Horizon = 15, Migration = new MigrationAssumption { Immigration = 1.5 } };

        // Same shape in between (the buffers are reused), then another shape (they are replaced), then back.
        foreach (var (input, scenario) in new[] { (first, lower), (second, higher), (Input(2, seed: 3), higher), (first, higher), (second, lower) })
        {
            var reused = projector.Project(input, scenario);
            var fresh = Projector.Project(input, scenario, keepComponentsByAge: false);
            Assert.That((reused.Scenario.Name, reused.RegionCount, reused.BaseYear), Is.EqualTo((fresh.Scenario.Name, fresh.RegionCount, fresh.BaseYear)));
            Assert.That(reused.RegionCodes, Is.EqualTo(fresh.RegionCodes));
            for (var t = 0; t <= scenario.Horizon; t++)
            {
                Assert.That(reused.PopulationOfAllRegions(t).ToArray(), Is.EqualTo(fresh.PopulationOfAllRegions(t).ToArray()), $"year {t}");
                for (var r = 0; t > 0 && r < reused.RegionCount; r++)
                {
                    foreach (var component in Enum.GetValues<ComponentOfChange>())
                    {
                        Assert.That(reused.Component(t, r, Sex.Female, component), Is.EqualTo(fresh.Component(t, r, Sex.Female, component)), $"{component}, year {t}");
                    }
                }
            }
        }

        Assert.That(projector.Project(first, lower), Is.SameAs(projector.Project(second, lower)), "one result, overwritten: the caller owns its buffers");
    }

    [Test]
    public void Components_by_age_match_the_totals()
    {
        var result = Projector.Project(Input(2), new Scenario { Horizon = 3 });
        var byAge = Enumerable.Range(0, 101).Sum(age => result.ComponentByAge(3, 1, ComponentOfChange.Deaths, Sex.Female, age));
        Assert.That(byAge, Is.EqualTo(result.Component(3, 1, Sex.Female, ComponentOfChange.Deaths)).Within(1e-9));
        Assert.That(result.ComponentByAge(1, 0, ComponentOfChange.Births, Sex.Male, 0), Is.EqualTo(result.Component(1, 0, Sex.Male, ComponentOfChange.Births)));
    }

    [TestCase(1.0)]
    [TestCase(1.3)]
    public void Totals_and_populations_are_the_same_whether_or_not_the_flows_by_age_are_kept(double migrationFactor)
    {
        // The step sums the flows as it computes them and stores them by age only on request; factors of 1
        // (the main scenario) skip the multiplications. Each total must still be the sum of its flows by age,
        // and leaving the flows by age out must not change a single bit of the populations or totals.
        var scenario = new Scenario
        {
            Horizon = 4,
            Migration = new MigrationAssumption { DomesticIn = migrationFactor, DomesticOut = migrationFactor, Immigration = migrationFactor, Emigration = migrationFactor },
        };
        var byAge = Projector.Project(Input(2), scenario);
        var totalsOnly = Projector.Project(Input(2), scenario, keepComponentsByAge: false);
        Assert.That(totalsOnly.Populations, Is.EqualTo(byAge.Populations));
        foreach (var component in Enum.GetValues<ComponentOfChange>())
        {
            foreach (var sex in new[] { Sex.Female, Sex.Male })
            {
                var total = byAge.Component(4, 1, sex, component);
                var summed = Enumerable.Range(0, 101).Sum(age => byAge.ComponentByAge(4, 1, component, sex, age));
                Assert.That(summed, Is.EqualTo(total).Within(1e-9 * Math.Max(1, Math.Abs(total))), $"{component}, {sex}");
                Assert.That(totalsOnly.Component(4, 1, sex, component), Is.EqualTo(total), $"{component}, {sex}");
            }
        }
    }

    [Test]
    public void A_target_TFR_is_reached_after_the_given_years_and_held()
    {
        var input = Input(2);
        var scenario = new Scenario { Horizon = 12, Fertility = new FertilityAssumption { TargetTfr = 1.5, YearsToTarget = 5 } };
        var assumptions = new StepAssumptions(2);

        foreach (var t in new[] { 5, 12 })
        {
            assumptions.SetYear(scenario, input.Regions, t);
            Assert.That(assumptions.FertilityFactor[1] * input.Regions[1].Rates.TotalFertility(), Is.EqualTo(1.5).Within(1e-12), $"year {t}");
        }

        assumptions.SetYear(scenario, input.Regions, 1);
        var baseTfr = input.Regions[0].Rates.TotalFertility();
        Assert.That(assumptions.FertilityFactor[0] * baseTfr, Is.EqualTo(baseTfr + ((1.5 - baseTfr) / 5)).Within(1e-12));
    }

    [Test]
    public void Fertility_returns_to_the_regions_long_run_level_in_five_straight_steps_and_stays()
    {
        // The same region twice, once with a long-run TFR 1.5 × its base TFR. Women's numbers do not
        // depend on births for fifteen years, so births differ by the factor on the schedule alone:
        // a fifth of the way each year, 1 + 0.5·t/5 = 1.1, 1.2, 1.3, 1.4, then 1.5 held; a scenario's
        // multiplier scales that path (× 0.9), and a scenario's target TFR replaces it.
        var input = Input(1);
        var rates = input.Regions[0].Rates;
        var returning = new ProjectionInput
        {
            Layout = input.Layout,
            BaseYear = input.BaseYear,
            Regions = [new Region("1900", "Returning", input.Regions[0].BasePopulation, WithLongRun(rates, 1.5 * rates.TotalFertility()))],
        };
        double[] expected = [1.1, 1.2, 1.3, 1.4, 1.5, 1.5, 1.5, 1.5];

        double Births(ProjectionResult result, int t) => result.Component(t, 0, Sex.Male, ComponentOfChange.Births) + result.Component(t, 0, Sex.Female, ComponentOfChange.Births);
        var held = Projector.Project(input, new Scenario { Horizon = 8 });
        var path = Projector.Project(returning, new Scenario { Horizon = 8 });
        var lower = Projector.Project(returning, new Scenario { Horizon = 8, Fertility = new FertilityAssumption { Multiplier = 0.9 } });
        var target = Projector.Project(returning, new Scenario { Horizon = 8, Fertility = new FertilityAssumption { TargetTfr = rates.TotalFertility(), YearsToTarget = 5 } });
        for (var t = 1; t <= 8; t++)
        {
            Assert.That(Births(path, t) / Births(held, t), Is.EqualTo(expected[t - 1]).Within(1e-9), $"year {t}");
            Assert.That(Births(lower, t) / Births(held, t), Is.EqualTo(0.9 * expected[t - 1]).Within(1e-9), $"year {t}, × 0.9");
            Assert.That(Births(target, t) / Births(held, t), Is.EqualTo(1).Within(1e-9), $"year {t}, target TFR = the base TFR");
        }
    }

    private static RegionRates WithLongRun(RegionRates rates, double longRun) => new()
    {
        Mortality = rates.Mortality,
        Fertility = rates.Fertility,
        DomesticOutMigration = rates.DomesticOutMigration,
        Emigration = rates.Emigration,
        DomesticInMigration = rates.DomesticInMigration,
        Immigration = rates.Immigration,
        SexRatioAtBirth = rates.SexRatioAtBirth,
        LongRunTotalFertility = longRun,
    };

    [Test]
    public void Mortality_improvement_compounds_each_year()
    {
        var input = Input(1);
        var assumptions = new StepAssumptions(1);
        assumptions.SetYear(new Scenario { Mortality = new MortalityAssumption { Multiplier = 0.9, AnnualImprovement = 0.01 } }, input.Regions, 10);
        Assert.That(assumptions.MortalityFactor[0], Is.EqualTo(0.9 * Math.Pow(0.99, 10)).Within(1e-15));
    }

    [Test]
    public void Mortality_improves_by_age_in_the_given_pattern()
    {
        // One cohort: 1,000 men aged 0 at the start, a death rate of 0.1 at age 1, nobody else.
        // Improvement 5 % a year at twice the pace at age 1 (s = 2): the rate in year 1 is
        // 0.1 · (1 − 0.05·2) = 0.09, in year 2 (age 2, s = 0.5, rate 0.2) 0.2 · (1 − 0.025)² = 0.190125.
        // Deaths = m · exposure, exposure = start / (1 + m/2) with nobody arriving (docs/method.md §2).
        var layout = new PopulationLayout(3);
        var rates = new RatesBuilder(layout).Mortality(Sex.Male, 1, 0.1).Mortality(Sex.Male, 2, 0.2).Build();
        var population = new double[layout.CellCount];
        population[layout.Index(Sex.Male, 0)] = 1000;
        var pattern = Enumerable.Repeat(1.0, layout.CellCount).ToArray();
        pattern[layout.Index(Sex.Male, 1)] = 2;
        pattern[layout.Index(Sex.Male, 2)] = 0.5;
        var input = new ProjectionInput { Layout = layout, BaseYear = 2024, Regions = [new Region("1980", "Västerås", population, rates)], MortalityImprovementByAge = pattern };
        var scenario = new Scenario { Horizon = 2, Mortality = new MortalityAssumption { AnnualImprovement = 0.05 } };

        var result = Projector.Project(input, scenario);

        var firstDeaths = 0.09 * 1000 / (1 + 0.045);
        var survivors = 1000 - firstDeaths;
        var secondDeaths = 0.190125 * survivors / (1 + (0.190125 / 2));
        Assert.That(result.Component(1, 0, Sex.Male, ComponentOfChange.Deaths), Is.EqualTo(firstDeaths).Within(1e-9));
        Assert.That(result.Component(2, 0, Sex.Male, ComponentOfChange.Deaths), Is.EqualTo(secondDeaths).Within(1e-9));
    }

    [Test]
    public void Mortality_by_age_of_a_year_is_the_same_whether_reached_year_by_year_or_asked_for_directly()
    {
        var input = Input(1);
        var pattern = Enumerable.Range(0, input.Layout.CellCount).Select(c => 0.2 + ((c % 101) / 40.0)).ToArray();
        var scenario = new Scenario { Mortality = new MortalityAssumption { AnnualImprovement = 0.018 } };
        var stepping = new StepAssumptions(1);
        for (var t = 1; t <= 40; t++)
        {
            stepping.SetYear(scenario, input.Regions, t, pattern);
        }

        var direct = new StepAssumptions(1);
        direct.SetYear(scenario, input.Regions, 40, pattern);
        for (var c = 0; c < pattern.Length; c++)
        {
            var expected = Math.Pow(Math.Clamp(1 - (0.018 * pattern[c]), 0.5, 1.5), 40);
            Assert.That(stepping.MortalityByAge[c], Is.EqualTo(expected).Within(1e-12 * expected), $"cell {c}, year by year");
            Assert.That(direct.MortalityByAge[c], Is.EqualTo(expected).Within(1e-15 * expected), $"cell {c}, directly");
        }

        // Going back to an earlier year starts again from the pattern.
        stepping.SetYear(scenario, input.Regions, 3, pattern);
        Assert.That(stepping.MortalityByAge[5], Is.EqualTo(Math.Pow(1 - (0.018 * pattern[5]), 3)).Within(1e-15));
    }

    [Test]
    public void A_flat_pattern_of_improvement_by_age_is_the_same_as_none()
    {
        var plain = Input(2);
        var flat = new ProjectionInput { Layout = plain.Layout, BaseYear = plain.BaseYear, Regions = plain.Regions, MortalityImprovementByAge = Enumerable.Repeat(1.0, plain.Layout.CellCount).ToArray() };
        var scenario = new Scenario { Horizon = 30, Mortality = new MortalityAssumption { Multiplier = 1.1, AnnualImprovement = 0.02 } };

        var a = Projector.Project(plain, scenario);
        var b = Projector.Project(flat, scenario);

        for (var r = 0; r < 2; r++)
        {
            Assert.That(PopulationIndicators.Total(b.Population(30, r)), Is.EqualTo(PopulationIndicators.Total(a.Population(30, r))).Within(1e-9 * PopulationIndicators.Total(a.Population(30, r))));
        }
    }

    [Test]
    public void Lower_mortality_means_more_people_and_fewer_deaths()
    {
        var input = Input(1);
        var main = Projector.Project(input, new Scenario { Horizon = 10 });
        var improved = Projector.Project(input, new Scenario { Horizon = 10, Mortality = new MortalityAssumption { AnnualImprovement = 0.02 } });
        Assert.That(PopulationIndicators.Total(improved.Population(10, 0)), Is.GreaterThan(PopulationIndicators.Total(main.Population(10, 0))));
        Assert.That(improved.Component(10, 0, Sex.Female, ComponentOfChange.Deaths), Is.LessThan(main.Component(10, 0, Sex.Female, ComponentOfChange.Deaths)));
    }

    [Test]
    public void Out_of_range_assumptions_are_refused_naming_every_field()
    {
        var scenario = new Scenario
        {
            Horizon = 101,
            Fertility = new FertilityAssumption { Multiplier = 2, TargetTfr = 9 },
            Migration = new MigrationAssumption { Immigration = -1 },
        };

        var error = Assert.Throws<InvalidInputException>(() => Projector.Project(Input(1), scenario));

        Assert.That(error!.Errors.Keys, Is.SupersetOf(new[] { "horizon", "fertility.targetTfr", "fertility", "migration.immigration" }));
        Assert.That(error.Message, Does.Contain("horizon: must be between 1 and 100, was 101."));
    }

    [Test]
    public void Bad_regions_are_refused_with_their_index_and_field()
    {
        var input = Input(2);
        input.Regions[1].Rates.Mortality[5] = double.NaN;
        var duplicate = new ProjectionInput { Layout = input.Layout, BaseYear = 2024, Regions = [input.Regions[0], input.Regions[0]] };

        var nan = Assert.Throws<InvalidInputException>(() => Projector.Project(input, new Scenario()));
        var twice = Assert.Throws<InvalidInputException>(() => Projector.Project(duplicate, new Scenario()));

        Assert.That(nan!.Errors.Keys, Does.Contain("regions[1].rates.mortality"));
        Assert.That(twice!.Errors.Keys, Does.Contain("regions[1].code"));
    }

    [Test]
    public void A_region_of_the_set_never_goes_negative_even_under_extreme_scenarios()
    {
        var scenario = new Scenario { Horizon = 30, Mortality = new MortalityAssumption { Multiplier = 5 }, Migration = new MigrationAssumption { DomesticOut = 5, Emigration = 5, DomesticIn = 0, Immigration = 0 } };
        var result = Projector.Project(Input(3), scenario);

        for (var t = 0; t <= 30; t++)
        {
            Assert.That(result.PopulationOfAllRegions(t).ToArray(), Is.All.GreaterThanOrEqualTo(0));
        }

        Assert.That(Enumerable.Range(1, 30).Sum(t => result.CappedCellCount(t, 0)), Is.GreaterThan(0), "random rates up to 5 × (0.3 + 0.2 + 0.05) exceed 2 somewhere");
    }

    [Test]
    public void The_engine_depends_on_nothing_but_the_runtime()
    {
        var references = typeof(ProjectionStep).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.That(references, Is.All.Matches<string>(name => name!.StartsWith("System", StringComparison.Ordinal) || name == "netstandard"), string.Join(", ", references));
    }
}

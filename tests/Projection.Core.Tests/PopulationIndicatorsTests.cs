namespace Projection.Core.Tests;

public class PopulationIndicatorsTests
{
    private static readonly PopulationLayout Toy = new(4);

    [Test]
    public void Median_age_interpolates_within_the_year_of_age()
    {
        // Both sexes by age 0..4+: 10, 20, 30, 20, 20 (total 100). Half is 50: 30 below age 2, 20 more of the 30 at age 2 → 2 + 20/30.
        var population = RatesBuilder.Population(Toy, [5, 10, 15, 10, 10], [5, 10, 15, 10, 10]);
        Assert.That(PopulationIndicators.MedianAge(population, Toy), Is.EqualTo(2 + (20.0 / 30)).Within(1e-12));
        Assert.That(PopulationIndicators.MedianAge(new double[Toy.CellCount], Toy), Is.NaN);
    }

    [Test]
    public void Totals_by_sex_and_age_group_add_up()
    {
        var population = RatesBuilder.Population(Toy, [1, 2, 3, 4, 5], [10, 20, 30, 40, 50]);
        Assert.That(PopulationIndicators.Total(population, Toy, Sex.Male), Is.EqualTo(15));
        Assert.That(PopulationIndicators.Total(population, Toy, Sex.Female), Is.EqualTo(150));
        var groups = AgeGroupings.Parse("0,1-2,3+", Toy);
        var totals = new double[groups.Count];
        PopulationIndicators.AgeGroupTotals(population, Toy, groups, totals);
        Assert.That(totals, Is.EqualTo(new[] { 11.0, 55.0, 99.0 }));
    }

    [Test]
    public void The_dependency_ratio_counts_the_young_and_old_per_person_of_working_age()
    {
        var layout = PopulationLayout.Default;
        var population = layout.NewPopulation();
        population[layout.Index(Sex.Male, 10)] = 30;   // 0–19
        population[layout.Index(Sex.Female, 40)] = 100; // 20–64
        population[layout.Index(Sex.Female, 70)] = 20;  // 65+
        Assert.That(PopulationIndicators.DependencyRatio(population, layout), Is.EqualTo(0.5));
    }

    [Test]
    public void The_planning_groups_cover_every_age_once()
    {
        var layout = PopulationLayout.Default;
        var population = Enumerable.Repeat(1.0, layout.CellCount).ToArray();
        var totals = new double[AgeGroupings.Planning.Count];
        PopulationIndicators.AgeGroupTotals(population, layout, AgeGroupings.Planning, totals);
        Assert.That(totals.Sum(), Is.EqualTo(layout.CellCount));
        Assert.That(totals[2], Is.EqualTo(2 * 10), "6–15 is ten ages, two sexes");
    }

    [TestCase("")]
    [TestCase("5-3")]
    [TestCase("abc")]
    [TestCase("200+")]
    [TestCase("0-200")]
    [TestCase("95-101")]
    public void A_bad_age_group_is_refused_naming_it(string text)
    {
        var error = Assert.Throws<InvalidInputException>(() => AgeGroupings.Parse(text, PopulationLayout.Default));
        Assert.That(error!.Errors.ContainsKey("ageGroups"));
    }

    [Test]
    public void A_range_past_the_open_group_is_refused_with_the_open_group_to_write_instead()
    {
        var error = Assert.Throws<InvalidInputException>(() => AgeGroupings.Parse("65-79,80-120", PopulationLayout.Default));

        Assert.That(error!.Errors["ageGroups"], Is.EqualTo(new[] { "'80-120' goes past 100, the last age counted, which holds everyone 100 and over: write 80+." }));
        Assert.That(AgeGroupings.Parse("80-100,80+", PopulationLayout.Default).Select(g => g.LastAge(PopulationLayout.Default)), Is.EqualTo(new[] { 100, 100 }), "up to 100 is the same people as 80+");
    }
}

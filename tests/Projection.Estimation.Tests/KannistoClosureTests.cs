using Projection.Core;

namespace Projection.Estimation.Tests;

public class KannistoClosureTests
{
    [Test]
    public void Rates_that_follow_a_logistic_hazard_at_80_to_94_are_continued_by_it_and_the_open_group_lives_its_expectancy()
    {
        // a = e^−10.5, b = 0.11 (about Swedish women's old-age mortality): m(x) = μ(x + ½) at 80–94, 1,000 person-years an age.
        const double LogA = -10.5, B = 0.11;
        var layout = new PopulationLayout(100);
        var mortality = new double[layout.CellCount];
        var deaths = new double[layout.CellCount];
        var exposure = new double[layout.CellCount];
        for (var s = 0; s < 2; s++)
        {
            for (var age = 0; age <= 100; age++)
            {
                var c = layout.Index((Sex)s, age);
                var z = Math.Exp(LogA + (B * (age + 0.5)));
                mortality[c] = age >= 95 ? 0.9 : z / (1 + z); // noise where the closure will replace
                exposure[c] = 1000;
                deaths[c] = mortality[c] * 1000;
            }
        }

        KannistoClosure.Apply(layout, mortality, deaths, exposure);

        var at97 = Math.Exp(LogA + (B * 97.5));
        Assert.That(mortality[layout.Index(Sex.Female, 97)], Is.EqualTo(at97 / (1 + at97)).Within(1e-9));

        // Life expectancy at 100 the long way: survival from summing the hazard in small steps, not the closed form.
        double survival = 1, lived = 0;
        const double Step = 0.001;
        for (var t = 0.0; t < 60; t += Step)
        {
            var z = Math.Exp(LogA + (B * (100 + t + (Step / 2))));
            var next = survival * Math.Exp(-z / (1 + z) * Step);
            lived += (survival + next) / 2 * Step;
            survival = next;
        }

        Assert.That(mortality[layout.Index(Sex.Male, 100)], Is.EqualTo(1 / lived).Within(1e-4 / lived));
        Assert.That(mortality[layout.Index(Sex.Male, 90)], Is.EqualTo(deaths[layout.Index(Sex.Male, 90)] / 1000), "below 95 the rates stay");
    }

    [Test]
    public void Too_few_deaths_to_fit_leave_the_rates_as_they_are()
    {
        var layout = new PopulationLayout(100);
        var mortality = Enumerable.Repeat(0.3, layout.CellCount).ToArray();
        var exposure = Enumerable.Repeat(10.0, layout.CellCount).ToArray();
        var deaths = exposure.Select(e => e * 0.3).ToArray(); // 3 deaths an age: 45 at 80–94

        KannistoClosure.Apply(layout, mortality, deaths, exposure);

        Assert.That(mortality, Is.All.EqualTo(0.3));
    }
}

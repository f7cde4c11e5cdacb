namespace Projection.Core.Tests;

/// <summary>Random but plausible regions for property tests: the same seed gives the same regions.</summary>
internal static class RandomInputs
{
    public static (double[][] Populations, RegionRates[] Rates) Regions(
        PopulationLayout layout,
        Random random,
        int regionCount,
        bool migration = true,
        bool inFromOutside = true,
        double? internalShare = null)
    {
        var share = internalShare ?? (regionCount > 1 ? 0.3 : 0);
        var destinations = new double[regionCount];
        for (var r = 0; r < regionCount; r++)
        {
            destinations[r] = 0.1 + random.NextDouble();
        }

        var destinationSum = destinations.Sum();
        var populations = new double[regionCount][];
        var rates = new RegionRates[regionCount];
        for (var r = 0; r < regionCount; r++)
        {
            populations[r] = Schedule(layout.CellCount, () => random.NextDouble() * 2000);
            var fertility = new double[layout.AgeCount];
            for (var age = 15; age <= Math.Min(49, layout.OldestAge); age++)
            {
                fertility[age] = random.NextDouble() * 0.15;
            }

            rates[r] = new RegionRates
            {
                Mortality = Schedule(layout.CellCount, () => 0.001 + (random.NextDouble() * 0.3)),
                Fertility = fertility,
                DomesticOutMigration = Schedule(layout.CellCount, () => migration ? random.NextDouble() * 0.2 : 0),
                Emigration = Schedule(layout.CellCount, () => migration ? random.NextDouble() * 0.05 : 0),
                DomesticInMigration = Schedule(layout.CellCount, () => migration && inFromOutside ? random.NextDouble() * 50 : 0),
                Immigration = Schedule(layout.CellCount, () => migration && inFromOutside ? random.NextDouble() * 20 : 0),
                SexRatioAtBirth = 1.03 + (random.NextDouble() * 0.04),
                InternalMigrationShare = migration ? share : 0,
                InternalDestinationShare = destinations[r] / destinationSum,
            };
        }

        return (populations, rates);
    }

    private static double[] Schedule(int length, Func<double> next)
    {
        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = next();
        }

        return values;
    }
}

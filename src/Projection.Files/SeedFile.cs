using System.Text.Json;
using System.Text.Json.Serialization;
using Projection.Core;

namespace Projection.Files;

/// <summary>Reads and writes <see cref="SeedDocument"/> files and turns them into the engine's input.</summary>
public static class SeedFile
{
    /// <summary>The JSON options every seed file is written and read with: camelCase, indented, UTF-8 kept as is (Västerås).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Reads a seed; a file that is not one throws <see cref="InvalidDataFileException"/> naming the file.</summary>
    public static SeedDocument Read(string path)
    {
        InvalidDataFileException.ThrowIfNotAFile(path);

        using var stream = File.OpenRead(path);
        return Read(stream, Path.GetFileName(path));
    }

    public static SeedDocument Read(Stream stream, string name)
    {
        SeedDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<SeedDocument>(stream, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataFileException($"{JsonErrorText.InDocument(e, name)} (not a seed document; its format: docs/method.md §9)", e);
        }

        if (document is null || document.Format != SeedDocument.CurrentFormat)
        {
            throw new InvalidDataFileException($"{name}: expected format '{SeedDocument.CurrentFormat}', found '{document?.Format}'.");
        }

        return document;
    }

    public static void Write(SeedDocument document, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(stream, document, JsonOptions);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// The engine's input for <paramref name="regionCode"/>: the county code gives all its
    /// municipalities (projected together, the county being their sum), a municipality code
    /// gives that one. Unknown codes throw <see cref="InvalidInputException"/>.
    /// </summary>
    public static ProjectionInput ToProjectionInput(SeedDocument document, string regionCode)
    {
        var layout = new PopulationLayout(document.OldestAge);
        var selected = regionCode == document.County.Code
            ? document.Regions
            : document.Regions.Where(r => r.Code == regionCode).ToList();
        if (selected.Count == 0)
        {
            var known = string.Join(", ", document.Regions.Select(r => r.Code).Prepend(document.County.Code));
            throw new InvalidInputException(new Dictionary<string, string[]> { ["region"] = [$"unknown region '{regionCode}'; known: {known}."] });
        }

        var single = selected.Count == 1;
        var regions = selected.Select(r => new Region(r.Code, r.Name, Cells(layout, r.Population), ToRates(layout, r.Rates, single))).ToList();
        var input = new ProjectionInput { Layout = layout, BaseYear = document.BaseYear, Regions = regions, MortalityImprovementByAge = ImprovementByAge(document) };
        input.Validate();
        return input;
    }

    /// <summary>The seed's age pattern of mortality improvement as cells (sex × age), or null when it has none.</summary>
    public static double[]? ImprovementByAge(SeedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.MortalityImprovementByAge is { } pattern ? Cells(new PopulationLayout(document.OldestAge), pattern) : null;
    }

    /// <summary>Published totals on 31 December by year for a region of the seed (the county: the sum of its municipalities).</summary>
    public static SortedDictionary<int, double> ObservedTotals(SeedDocument document, string code)
    {
        ArgumentNullException.ThrowIfNull(document);
        var totals = new SortedDictionary<int, double>();
        var codes = code == document.County.Code ? document.Regions.Select(r => r.Code).ToHashSet() : [code];
        foreach (var series in document.Observed.Where(s => s.Measure == "populationTotal" && codes.Contains(s.Region)))
        {
            for (var i = 0; i < series.Periods.Count; i++)
            {
                var year = int.Parse(series.Periods[i], System.Globalization.CultureInfo.InvariantCulture);
                totals[year] = totals.GetValueOrDefault(year) + series.Values[i];
            }
        }

        return totals;
    }

    /// <summary>Where a region's observed totals, base population and rates come from.</summary>
    public static IReadOnlyList<Provenance> ProvenanceOf(SeedDocument document, string code)
    {
        ArgumentNullException.ThrowIfNull(document);
        var county = code == document.County.Code;
        var (population, rates) = county ? CountyProvenance(document) : MunicipalityProvenance(document.Regions.First(r => r.Code == code));
        var observed = document.Observed.FirstOrDefault(s => s.Measure == "populationTotal" && (county || s.Region == code))?.Provenance;
        IReadOnlyList<Provenance> sources = observed is null ? [population, rates] : [observed, population, rates];
        return document.MortalityImprovementProvenance is { } improvement ? [.. sources, improvement] : sources;
    }

    private static (Provenance Population, Provenance Rates) MunicipalityProvenance(SeedRegion region) => (region.PopulationProvenance, region.RatesProvenance);

    /// <summary>
    /// The county's: a county of one municipality is that municipality; otherwise its projection is
    /// the sum of its municipalities', so one municipality's levels and migration would misstate it.
    /// The seed's county entry says what the sum rests on; a seed without one gets a plain statement.
    /// </summary>
    private static (Provenance Population, Provenance Rates) CountyProvenance(SeedDocument document)
    {
        var first = document.Regions[0];
        if (document.Regions.Count == 1)
        {
            return (first.PopulationProvenance, first.RatesProvenance);
        }

        var sum = $"The sum of its {document.Regions.Count} municipalities' projections, each from its own population and rates (each municipality's projection names where they come from)";
        var population = document.Regions.All(r => r.PopulationProvenance == first.PopulationProvenance)
            ? first.PopulationProvenance
            : new Provenance(Combined(document.Regions.Select(r => r.PopulationProvenance.Status)), Distinct(document.Regions.Select(r => r.PopulationProvenance.Source)), sum, first.PopulationProvenance.Period);
        var rates = document.County.RatesProvenance
            ?? new Provenance(Provenance.Modeled, Distinct(document.Regions.Select(r => r.RatesProvenance.Source)), sum, first.RatesProvenance.Period);
        return (population, rates);

        static string Combined(IEnumerable<string> statuses) => statuses.All(s => s == Provenance.Observed) ? Provenance.Observed : Provenance.Modeled;
        static string Distinct(IEnumerable<string> sources) => string.Join("; ", sources.Distinct(StringComparer.Ordinal));
    }

    private static RegionRates ToRates(PopulationLayout layout, SeedRates rates, bool alone) => new()
    {
        Mortality = Cells(layout, rates.Mortality),
        Fertility = rates.Fertility,
        LongRunTotalFertility = rates.LongRunTotalFertility,
        DomesticOutMigration = Cells(layout, rates.DomesticOutMigration),
        Emigration = Cells(layout, rates.Emigration),
        DomesticInMigration = Cells(layout, rates.DomesticInMigration),
        Immigration = Cells(layout, rates.Immigration),
        SexRatioAtBirth = rates.SexRatioAtBirth,

        // Projected alone, a municipality's moves to the rest of the county are moves to the rest of Sweden.
        InternalMigrationShare = alone ? 0 : rates.InternalMigrationShare,
        InternalDestinationShare = alone ? 0 : rates.InternalDestinationShare,
    };

    /// <summary>Flattens a by-sex schedule into the engine's layout; a wrong length leaves a short array that validation reports.</summary>
    public static double[] Cells(PopulationLayout layout, SexSchedule schedule)
    {
        if (schedule.Men.Length != layout.AgeCount || schedule.Women.Length != layout.AgeCount)
        {
            return [.. schedule.Men, .. schedule.Women];
        }

        var cells = layout.NewPopulation();
        schedule.Men.CopyTo(cells, layout.SexOffset(Sex.Male));
        schedule.Women.CopyTo(cells, layout.SexOffset(Sex.Female));
        return cells;
    }

    /// <summary>Splits the engine's cells into a by-sex schedule, rounded to <paramref name="digits"/> significant digits.</summary>
    public static SexSchedule Schedule(PopulationLayout layout, ReadOnlySpan<double> cells, int digits = 6) => new()
    {
        Men = Round(cells.Slice(layout.SexOffset(Sex.Male), layout.AgeCount), digits),
        Women = Round(cells.Slice(layout.SexOffset(Sex.Female), layout.AgeCount), digits),
    };

    public static double[] Round(ReadOnlySpan<double> values, int digits = 6)
    {
        var rounded = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (v == 0 || !double.IsFinite(v))
            {
                rounded[i] = v;
                continue;
            }

            var scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(v))));
            rounded[i] = Math.Round(v * scale) / scale;
        }

        return rounded;
    }
}

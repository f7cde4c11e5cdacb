using System.Text.Json;
using Projection.Core;

namespace Projection.Files;

/// <summary>
/// The uncertainty model file (models/uncertainty.json): the AR(1) parameters of each component,
/// national and regional, with the data and years they were estimated from. Written by
/// <c>projection uncertainty</c>; unknown fields are refused.
/// </summary>
public static class UncertaintyFile
{
    /// <summary>What the file's parameters are, for its readers.</summary>
    public const string Description =
        "Year-to-year deviations of Swedish fertility, mortality and net migration, national (shared by every region of a trajectory) and regional " +
        "(each county's difference from Sweden, pooled). Fertility: log TFR, AR(1). Mortality: log age-standardized death rate, national random walk, regional AR(1). " +
        "Migration: net migration per inhabitant from the balancing equation, national random walk, regional AR(1). Estimated by `projection uncertainty` (docs/method.md §11); " +
        "the migration σ are multiplied by nationalMigrationScale and regionalMigrationScale, chosen by `projection calibrate` (docs/accuracy.md).";

    /// <summary>The statistics the shipped model is estimated from.</summary>
    public const string CountySeriesData = "SCB county series (BE0101N1 population, BE0101E2 births, BE0101D9 deaths; shared/data/scb-county)";

    /// <summary>
    /// The factor on the nation's migration innovations: 1, the random walk as estimated. Its
    /// yearly changes are Sweden's own; before, the one scale below applied to them too (1.4), and
    /// the 80 % intervals then held 89–94 % of the county outcomes at ten years and all of them at
    /// fifteen (docs/accuracy.md).
    /// </summary>
    public const double DefaultNationalMigrationScale = 1.0;

    /// <summary>
    /// The factor on the regions' migration innovations: a region's year-to-year variation
    /// understates how far its next decade's migration strays from the mean of the twelve years
    /// before (that mean is itself an estimate). Chosen on the county backtests from the bases
    /// 1990–1997 only (projection calibrate --bases 1990-1997 --regional-scale …, 5,000
    /// trajectories, seeds 1 and 7), as the scale whose 80 % intervals come nearest 80 % over
    /// both horizons together (the sum of the two distances, averaged over the seeds), with each
    /// deviation spread over ages by the standard schedule of movers: 1.6 16.3, 1.7 12.5,
    /// <b>1.8 11.7</b>, 1.9 12.8, 2.1 14.5, 2.3 16.1. The bases 1998–2005 are kept to check it
    /// (docs/accuracy.md).
    /// </summary>
    public const double DefaultRegionalMigrationScale = 1.8;

    /// <summary>
    /// What the coverage section says of itself: how it was measured, and what it does not cover.
    /// Written by <c>projection calibrate --out</c>.
    /// </summary>
    public const string CoverageDescription =
        "How often this model's intervals held what happened: regions projected from every base year below with only what was known then " +
        "(the model estimated from 1969 to the base year, with these scales), and SCB's population at each horizon checked against the 80 % and 95 % intervals. " +
        "Counties (measuredOn counties): each county of SCB's county series, the total and each planning group. " +
        "Municipalities (measuredOn municipalities): those of the county municipalCounty, known by their yearly totals only, the total. " +
        "(projection calibrate --data shared/data/scb-county --age-groups planning --municipal-totals shared/data/scb/vastmanland_municipal_population_total.csv --out models/uncertainty.json; docs/accuracy.md.)";

    /// <summary>A model's backtested coverage (<see cref="IntervalTrackRecord"/>), as the file keeps it.</summary>
    public sealed class CoverageSection
    {
        /// <summary>How it was measured (<see cref="CoverageDescription"/>).</summary>
        public string Description { get; set; } = "";

        /// <summary>The counties' base years, FIRST–LAST.</summary>
        public string Bases { get; set; } = "";

        /// <summary>The municipalities' base years, FIRST–LAST (absent when no municipality was checked).</summary>
        public string? MunicipalBases { get; set; }

        /// <summary>The county (SCB code) whose municipalities were checked (absent when none was).</summary>
        public string? MunicipalCounty { get; set; }

        /// <summary>Trajectories per base year.</summary>
        public int Trajectories { get; set; }

        /// <summary>The random seed of the calibration run.</summary>
        public ulong Seed { get; set; }

        /// <summary>Each indicator (the total and each age group checked) at each horizon.</summary>
        public List<IntervalCoverage> Entries { get; set; } = [];
    }

    /// <summary>A municipality's own migration deviation from its county (<see cref="UncertaintyModel.MigrationLocal"/>), with what it was estimated from.</summary>
    public sealed class LocalComponent
    {
        /// <summary>The municipal totals it was estimated from, and their years.</summary>
        public string Data { get; set; } = "";

        /// <summary>φ, pooled over the municipalities.</summary>
        public double Persistence { get; set; }

        /// <summary>σ of a municipality of <see cref="ReferencePopulation"/> people.</summary>
        public double InnovationSd { get; set; }

        public double ReferencePopulation { get; set; } = 10_000;

        /// <summary>β in σ(P) = σ × (reference / P)^β.</summary>
        public double SizeExponent { get; set; }

        /// <summary>The factor on <see cref="InnovationSd"/> (<see cref="DefaultLocalMigrationScale"/>); the fields above are as estimated.</summary>
        public double Scale { get; set; } = 1;

        /// <summary>The county (SCB code) whose municipalities' long series gave σ and β; with <see cref="OtherCounties"/>, only its municipalities take them.</summary>
        public string? County { get; set; }

        /// <summary>σ and β for the municipalities of every other county (φ and <see cref="Scale"/> as above); absent: the ones above serve every county.</summary>
        public LocalOtherCounties? OtherCounties { get; set; }
    }

    /// <summary>A municipality's own migration deviation outside <see cref="LocalComponent.County"/>, from a few years of every municipality's totals (<see cref="UncertaintyModel.LocalOtherCountiesSd"/>).</summary>
    public sealed class LocalOtherCounties
    {
        /// <summary>The municipal totals it was estimated from, and their years.</summary>
        public string Data { get; set; } = "";

        /// <summary>How many municipalities it was estimated from.</summary>
        public int Municipalities { get; set; }

        /// <summary>σ of a municipality of the reference population.</summary>
        public double InnovationSd { get; set; }

        /// <summary>β in σ(P) = σ × (reference / P)^β.</summary>
        public double SizeExponent { get; set; }
    }

    /// <summary>
    /// The factor on a municipality's own migration innovations, for the same reason as the
    /// regional one (a year's variation understates how far the next decade strays from a
    /// twelve-year mean). Chosen on Västmanland's municipalities from the bases 1990–1997 only
    /// (projection calibrate --municipal-totals … --municipal-bases 1990-1997 --local-scale …, 5,000
    /// trajectories, seeds 1 and 7), as the scale whose 80 % intervals come nearest 80 % over both
    /// horizons together: 1.0 12.6, <b>1.2 4.4</b>, 1.4 5.6, 1.6 15.6 (docs/accuracy.md).
    /// </summary>
    public const double DefaultLocalMigrationScale = 1.2;

    /// <summary>One component's processes.</summary>
    public sealed class Component
    {
        public AutoregressiveProcess National { get; set; }

        public AutoregressiveProcess Regional { get; set; }
    }

    public sealed class Document
    {
        /// <summary>What the parameters are and how they are used.</summary>
        public string Description { get; set; } = "";

        /// <summary>The statistics they were estimated from.</summary>
        public string Data { get; set; } = "";

        public int FirstYear { get; set; }

        public int LastYear { get; set; }

        public List<string> Regions { get; set; } = [];

        /// <summary>Boundary changes left out, REGION:FIRSTYEAR.</summary>
        public List<string> Breaks { get; set; } = [];

        public Component Fertility { get; set; } = new();

        public Component Mortality { get; set; } = new();

        public Component Migration { get; set; } = new();

        /// <summary>The factor applied to the nation's migration innovations (<see cref="DefaultNationalMigrationScale"/>); the processes above are as estimated.</summary>
        public double NationalMigrationScale { get; set; } = 1;

        /// <summary>The factor applied to the regions' migration innovations (<see cref="DefaultRegionalMigrationScale"/>).</summary>
        public double RegionalMigrationScale { get; set; } = 1;

        /// <summary>A municipality's own migration deviation; absent, a municipality varies as a county does.</summary>
        public LocalComponent? MigrationLocal { get; set; }

        /// <summary>How often this model's intervals held in backtests, with these scales; absent until <c>projection calibrate --out</c> records it.</summary>
        public CoverageSection? Coverage { get; set; }

        public UncertaintyModel ToModel() => (new UncertaintyModel
        {
            FertilityNational = Fertility.National,
            FertilityRegional = Fertility.Regional,
            MortalityNational = Mortality.National,
            MortalityRegional = Mortality.Regional,
            MigrationNational = Migration.National,
            MigrationRegional = Migration.Regional,
            MigrationLocal = MigrationLocal is null ? default : new AutoregressiveProcess(MigrationLocal.Persistence, MigrationLocal.InnovationSd * MigrationLocal.Scale),
            LocalReferencePopulation = MigrationLocal?.ReferencePopulation ?? 10_000,
            LocalSizeExponent = MigrationLocal?.SizeExponent ?? 0,
            LocalCounty = MigrationLocal?.OtherCounties is null ? null : MigrationLocal.County,
            LocalOtherCountiesSd = MigrationLocal?.OtherCounties is { } other ? other.InnovationSd * MigrationLocal.Scale : 0,
            LocalOtherCountiesSizeExponent = MigrationLocal?.OtherCounties?.SizeExponent ?? 0,
            Source = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Data}, {FirstYear}–{LastYear}, migration × {NationalMigrationScale} national, × {RegionalMigrationScale} regional{(MigrationLocal is null ? "" : $"; a municipality's own migration from {MigrationLocal.Data}{(MigrationLocal.OtherCounties is null ? "" : $", of other counties' municipalities from {MigrationLocal.OtherCounties.Data}")}")}"),
        }.WithMigrationScales(NationalMigrationScale, RegionalMigrationScale)) with
        {
            TrackRecord = Coverage is null
                ? null
                : new IntervalTrackRecord(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Coverage.Description} Base years: counties {Coverage.Bases}{(Coverage.MunicipalBases is null ? "" : $", municipalities of county {Coverage.MunicipalCounty} {Coverage.MunicipalBases}")}; {Coverage.Trajectories} trajectories, seed {Coverage.Seed}."), Coverage.Entries, Coverage.MunicipalCounty),
        };
    }

    /// <summary>A document holding <paramref name="model"/>, its parameters rounded to six decimals so that the file reads and diffs well.</summary>
    public static Document FromModel(UncertaintyModel model, string description, string data, int firstYear, int lastYear, IEnumerable<string> regions, IEnumerable<string> breaks, double nationalMigrationScale = DefaultNationalMigrationScale, double regionalMigrationScale = DefaultRegionalMigrationScale)
    {
        ArgumentNullException.ThrowIfNull(model);
        static AutoregressiveProcess Round(AutoregressiveProcess p) => new(Math.Round(p.Persistence, 6), Math.Round(p.InnovationSd, 6));
        return new Document
        {
            Description = description,
            Data = data,
            FirstYear = firstYear,
            LastYear = lastYear,
            Regions = [.. regions],
            Breaks = [.. breaks],
            Fertility = new Component { National = Round(model.FertilityNational), Regional = Round(model.FertilityRegional) },
            Mortality = new Component { National = Round(model.MortalityNational), Regional = Round(model.MortalityRegional) },
            Migration = new Component { National = Round(model.MigrationNational), Regional = Round(model.MigrationRegional) },
            NationalMigrationScale = nationalMigrationScale,
            RegionalMigrationScale = regionalMigrationScale,
        };
    }

    /// <summary>The local component of <paramref name="process"/>, rounded as <see cref="FromModel"/> rounds the others.</summary>
    public static LocalComponent Local(AutoregressiveProcess process, double referencePopulation, double sizeExponent, string data, double scale = DefaultLocalMigrationScale) => new()
    {
        Data = data,
        Persistence = Math.Round(process.Persistence, 6),
        InnovationSd = Math.Round(process.InnovationSd, 6),
        ReferencePopulation = referencePopulation,
        SizeExponent = Math.Round(sizeExponent, 6),
        Scale = scale,
    };

    /// <summary>
    /// The σ and β of the municipalities outside <paramref name="county"/> from <paramref name="totalsPath"/>
    /// (totals by sex of every municipality for a few years: shared/data/scb-kommun/population_31dec2001_2004_total_by_sex.csv),
    /// with <paramref name="local"/>'s φ and reference population (<see cref="Projection.Estimation.UncertaintyEstimator.EstimateLocalAcrossCounties"/>).
    /// </summary>
    public static LocalOtherCounties OtherCounties(string totalsPath, LocalComponent local, string county)
    {
        ArgumentNullException.ThrowIfNull(local);
        var totals = CountySeriesCsv.ReadTotalsBySex(totalsPath).ToDictionary(r => r.Key, r => new SortedDictionary<int, double>(r.Value.ToDictionary(y => y.Key, y => y.Value.Sum())));
        var years = totals.Values.SelectMany(t => t.Keys).Distinct().Order().ToList();
        if (years.Count < 3)
        {
            throw new InvalidInputException(new Dictionary<string, string[]> { ["otherMunicipalTotals"] = [$"needs totals for at least three years; {Path.GetFileName(totalsPath)} has {years.Count}."] });
        }

        var other = Projection.Estimation.UncertaintyEstimator.EstimateLocalAcrossCounties(totals, years[1], years[^1], local.Persistence, county, local.ReferencePopulation);
        return new LocalOtherCounties
        {
            Data = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SCB totals of {other.Municipalities} municipalities of the other counties ({Path.GetFileName(totalsPath)}), {years[0]}–{years[^1]}"),
            Municipalities = other.Municipalities,
            InnovationSd = Math.Round(other.Process.InnovationSd, 6),
            SizeExponent = Math.Round(other.SizeExponent, 6),
        };
    }

    public static string Serialize(Document document) => JsonSerializer.Serialize(document, DocumentJson.Options) + "\n";

    public static void Write(Document document, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, Serialize(document));
    }

    /// <summary>Reads and validates the file; problems throw <see cref="InvalidDataFileException"/> naming the file and field.</summary>
    public static Document Read(string path)
    {
        InvalidDataFileException.ThrowIfNotAFile(path);

        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), DocumentJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataFileException(JsonErrorText.InDocument(e, Path.GetFileName(path)), e);
        }

        if (document is null)
        {
            throw new InvalidDataFileException($"{Path.GetFileName(path)}: empty.");
        }

        foreach (var (field, scale) in new[] { ("nationalMigrationScale", document.NationalMigrationScale), ("regionalMigrationScale", document.RegionalMigrationScale) })
        {
            if (scale is <= 0 or > 10 || double.IsNaN(scale))
            {
                throw new InvalidDataFileException($"{Path.GetFileName(path)}: {field} must be above 0 and at most 10, was {scale}.");
            }
        }

        if (document.MigrationLocal is { Scale: <= 0 or > 10 or double.NaN } badLocal)
        {
            throw new InvalidDataFileException($"{Path.GetFileName(path)}: migrationLocal.scale must be above 0 and at most 10, was {badLocal.Scale}.");
        }

        if (document.MigrationLocal?.OtherCounties is { } other
            && (document.MigrationLocal.County is null || !Region.IsCountyCode(document.MigrationLocal.County) || !(other.InnovationSd is > 0 and <= 1) || !(other.SizeExponent is >= 0 and <= 1)))
        {
            throw new InvalidDataFileException($"{Path.GetFileName(path)}: migrationLocal.otherCounties needs migrationLocal.county (the two-digit code of the county of the long series), an innovationSd above 0 and at most 1 and a sizeExponent of 0–1; had county {document.MigrationLocal.County ?? "absent"}, innovationSd {other.InnovationSd}, sizeExponent {other.SizeExponent}.");
        }

        if (document.Coverage is { } coverage)
        {
            if (coverage.Entries is null)
            {
                throw new InvalidDataFileException($"{Path.GetFileName(path)}: coverage.entries is missing.");
            }

            var municipal = coverage.Entries.Any(e => e?.MeasuredOn == IntervalCoverage.Municipalities);
            if (municipal != coverage.MunicipalCounty is not null || (municipal && !Region.IsCountyCode(coverage.MunicipalCounty!)))
            {
                throw new InvalidDataFileException($"{Path.GetFileName(path)}: coverage.municipalCounty must be the two-digit code of the county whose municipalities were checked, present exactly when an entry is measured on municipalities; was {coverage.MunicipalCounty ?? "absent"}.");
            }

            for (var i = 0; i < coverage.Entries.Count; i++)
            {
                var entry = coverage.Entries[i];
                var problem = entry switch
                {
                    null => "is missing",
                    { Indicator: null or "" } => "has no indicator",
                    { HorizonYears: < 1 or > 200 } => "horizonYears must be 1–200",
                    { Cases: < 1 } => "cases must be at least 1",
                    _ when !(entry.In80Percent is >= 0 and <= 100) || !(entry.In95Percent is >= 0 and <= 100) => "in80Percent and in95Percent must be 0–100",
                    _ when entry.Below80 < 0 || entry.Above80 < 0 || entry.Below80 + entry.Above80 > entry.Cases => "below80 and above80 must be at least 0 and at most cases together",
                    { MeasuredOn: not (IntervalCoverage.Counties or IntervalCoverage.Municipalities) } => "measuredOn must be counties or municipalities",
                    _ => null,
                };
                if (problem is not null)
                {
                    throw new InvalidDataFileException($"{Path.GetFileName(path)}: coverage.entries[{i}] {problem}.");
                }
            }
        }

        try
        {
            document.ToModel().Validate();
        }
        catch (InvalidInputException e)
        {
            throw new InvalidDataFileException($"{Path.GetFileName(path)}: {e.Message}", e);
        }

        return document;
    }
}

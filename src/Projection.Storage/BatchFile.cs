using System.Text.Json;
using System.Text.RegularExpressions;
using Projection.Core;

namespace Projection.Storage;

/// <summary>
/// Batch files (models/batches/*.json; format in docs/batches.md): a named list of runs, each
/// with the regions to report, a base scenario and optional overrides, a horizon, and optionally
/// stochastic trajectories and a seed. Unknown fields are refused, and every problem is named by
/// its run and field before anything runs.
/// </summary>
public static partial class BatchFile
{
    /// <summary>The most runs one batch may hold.</summary>
    public const int MaxRuns = 1000;

    public sealed class Document
    {
        /// <summary>The batch's name (file-safe).</summary>
        public string Name { get; set; } = "";

        public string? Description { get; set; }

        public List<Run> Runs { get; set; } = [];
    }

    public sealed class Run
    {
        /// <summary>Unique in the batch, file-safe: letters, digits, '.', '_' and '-'.</summary>
        public string Name { get; set; } = "";

        /// <summary>Region codes to report; default: the county.</summary>
        public List<string>? Regions { get; set; }

        /// <summary>The base scenario by name; default: main.</summary>
        public string? Scenario { get; set; }

        /// <summary>Replacements for the base scenario's assumptions, each as a whole.</summary>
        public AssumptionOverrides? Overrides { get; set; }

        /// <summary>Years projected; default: the scenario's.</summary>
        public int? Horizon { get; set; }

        /// <summary>Stochastic trajectories (1..100,000); none: a deterministic run.</summary>
        public int? Trajectories { get; set; }

        /// <summary>The trajectories' seed; default 1.</summary>
        public long? Seed { get; set; }
    }

    public sealed class AssumptionOverrides
    {
        public FertilityAssumption? Fertility { get; set; }

        public MortalityAssumption? Mortality { get; set; }

        public MigrationAssumption? Migration { get; set; }
    }

    /// <summary>Reads a batch file; syntax problems throw <see cref="InvalidDataFileException"/> naming the file and line.</summary>
    public static Document Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataFileException($"{path}: file not found.");
        }

        return Deserialize(File.ReadAllText(path), Path.GetFileName(path));
    }

    public static Document Deserialize(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<Document>(json, DocumentJson.Options) ?? throw new InvalidDataFileException($"{source}: empty batch.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataFileException($"{source}, line {(e.LineNumber ?? 0) + 1}: {e.Message}", e);
        }
    }

    public static string Serialize(Document document) => JsonSerializer.Serialize(document, DocumentJson.Options);

    /// <summary>
    /// Resolves every run against <paramref name="data"/>'s scenarios and regions; all problems
    /// throw one <see cref="InvalidInputException"/> keyed by field, e.g. <c>runs[2].scenario</c>.
    /// </summary>
    public static IReadOnlyList<RunSpecification> Resolve(Document document, RunData data)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(data);
        var errors = new ValidationErrors();
        if (!FileSafe().IsMatch(document.Name ?? ""))
        {
            errors.Add("name", $"'{document.Name}' must be 1–64 letters, digits, '.', '_' or '-'.");
        }

        if (document.Runs is null || document.Runs.Count == 0)
        {
            errors.Add("runs", "a batch needs at least one run.");
        }
        else if (document.Runs.Count > MaxRuns)
        {
            errors.Add("runs", $"{document.Runs.Count} runs; at most {MaxRuns} per batch.");
        }

        var runs = new List<RunSpecification>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (document.Runs?.Count ?? 0) && i < MaxRuns; i++)
        {
            var run = document.Runs![i];
            var field = $"runs[{i}]";
            if (run is null)
            {
                errors.Add(field, "is empty.");
                continue;
            }

            if (!FileSafe().IsMatch(run.Name ?? ""))
            {
                errors.Add($"{field}.name", $"'{run.Name}' must be 1–64 letters, digits, '.', '_' or '-'.");
            }
            else if (!names.Add(run.Name!))
            {
                errors.Add($"{field}.name", $"'{run.Name}' is used by an earlier run.");
            }

            var regions = run.Regions is { Count: > 0 } given ? given : [data.CountyCode];
            foreach (var region in regions.Where(r => !data.IsKnownRegion(r)))
            {
                errors.Add($"{field}.regions", $"unknown region '{region}'; known: {string.Join(", ", data.RegionNames.Keys)}.");
            }

            if (regions.Distinct(StringComparer.Ordinal).Count() != regions.Count)
            {
                errors.Add($"{field}.regions", "lists a region twice.");
            }

            var baseName = run.Scenario ?? "main";
            if (!data.Scenarios.TryGetValue(baseName, out var baseScenario))
            {
                errors.Add($"{field}.scenario", $"unknown scenario '{baseName}'; known: {string.Join(", ", data.Scenarios.Keys)}.");
                continue;
            }

            var scenario = baseScenario.ToScenario() with
            {
                Name = run.Overrides is null ? baseName : $"{baseName}+overrides",
                Horizon = run.Horizon ?? baseScenario.Horizon,
                Fertility = run.Overrides?.Fertility ?? baseScenario.Fertility,
                Mortality = run.Overrides?.Mortality ?? baseScenario.Mortality,
                Migration = run.Overrides?.Migration ?? baseScenario.Migration,
            };
            try
            {
                scenario.Validate();
            }
            catch (InvalidInputException e)
            {
                foreach (var (key, messages) in e.Errors)
                {
                    var prefix = key == "horizon" ? field : $"{field}.overrides";
                    foreach (var message in messages)
                    {
                        errors.Add($"{prefix}.{key}", message);
                    }
                }
            }

            if (run.Trajectories is { } count && (count < 1 || count > StochasticOptions.MaxTrajectories))
            {
                errors.Add($"{field}.trajectories", $"must be between 1 and {StochasticOptions.MaxTrajectories}, was {count}.");
            }

            if (run.Seed is { } seed && seed < 0)
            {
                errors.Add($"{field}.seed", $"must be zero or more, was {seed}.");
            }
            else if (run.Seed is not null && run.Trajectories is null)
            {
                errors.Add($"{field}.seed", "is only used with trajectories.");
            }

            runs.Add(new RunSpecification(run.Name ?? "", regions, scenario, run.Trajectories, (ulong)Math.Max(0, run.Seed ?? 1), baseScenario.MigrationSource));
        }

        errors.ThrowIfAny();
        return runs;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex FileSafe();
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Projection.Core;

namespace Projection.Files;

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
        InvalidDataFileException.ThrowIfNotAFile(path);

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
            throw new InvalidDataFileException(JsonErrorText.InDocument(e, source), e);
        }
    }

    public static string Serialize(Document document) => JsonSerializer.Serialize(document, DocumentJson.Options);

    /// <summary>Names of batches and runs: 1–64 letters, digits, '.', '_' or '-' (they name files).</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    public static partial Regex FileSafe();
}

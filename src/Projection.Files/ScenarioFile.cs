using System.Text.Json;
using Projection.Core;

namespace Projection.Files;

/// <summary>
/// Scenario assumption files (models/scenarios/*.json, format in docs/scenarios.md). Unknown
/// fields are refused, so that a misspelt assumption never silently falls back to its default.
/// </summary>
public static class ScenarioFile
{
    /// <summary>A scenario as its file describes it: the engine's assumptions plus words for people.</summary>
    public sealed class Document
    {
        public string Name { get; set; } = "";

        public string Description { get; set; } = "";

        public int Horizon { get; set; } = 30;

        public FertilityAssumption Fertility { get; set; } = new();

        public MortalityAssumption Mortality { get; set; } = new();

        public MigrationAssumption Migration { get; set; } = new();

        /// <summary>
        /// Where the migration assumption comes from: "baseline" (the base rates; from SCB's tables,
        /// the twelve years to the base), "model" (the learned model, models/migration, where it can be applied), or
        /// absent: whichever the model's evaluation chose as default (MODEL_CARD.md).
        /// </summary>
        public string? MigrationSource { get; set; }

        /// <summary>Where each level comes from.</summary>
        public List<string> Sources { get; set; } = [];

        public Scenario ToScenario() => new()
        {
            Name = Name,
            Horizon = Horizon,
            Fertility = Fertility,
            Mortality = Mortality,
            Migration = Migration,
        };
    }

    /// <summary>Reads and validates one file; problems throw <see cref="InvalidDataFileException"/> naming the file and field.</summary>
    public static Document Read(string path)
    {
        InvalidDataFileException.ThrowIfNotAFile(path);

        return Deserialize(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Every scenario file in <paramref name="directory"/>, by name.</summary>
    public static IReadOnlyDictionary<string, Document> ReadDirectory(string directory)
    {
        var scenarios = new SortedDictionary<string, Document>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            return scenarios;
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var document = Read(path);
            scenarios[document.Name] = document;
        }

        return scenarios;
    }

    public static string Serialize(Document document) => JsonSerializer.Serialize(document, DocumentJson.Options);

    /// <summary>Reads and validates a scenario from text; problems throw <see cref="InvalidDataFileException"/> naming <paramref name="source"/>.</summary>
    public static Document Deserialize(string json, string source)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, DocumentJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataFileException(JsonErrorText.InDocument(e, source), e);
        }

        if (document is null)
        {
            throw new InvalidDataFileException($"{source}: empty scenario.");
        }

        if (document.MigrationSource is not (null or "baseline" or "model"))
        {
            throw new InvalidDataFileException($"{source}: migrationSource must be \"baseline\" or \"model\", not \"{document.MigrationSource}\".");
        }

        try
        {
            document.ToScenario().Validate();
        }
        catch (InvalidInputException e)
        {
            throw new InvalidDataFileException($"{source}: {e.Message}", e);
        }

        return document;
    }
}

using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Cli;

/// <summary>Finds a scenario by name among the scenario files and those saved in the store, or reads it from a path.</summary>
internal static class ScenarioFiles
{
    public static ScenarioFile.Document Resolve(string nameOrPath, string directory, string? storePath)
    {
        if (nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(nameOrPath))
        {
            return ScenarioFile.Read(nameOrPath);
        }

        var scenarios = ScenarioRegistry.Load(directory, storePath);
        if (scenarios.TryGetValue(nameOrPath, out var document))
        {
            return document;
        }

        throw new InvalidInputException(new Dictionary<string, string[]>
        {
            ["--scenario"] = [$"unknown scenario '{nameOrPath}'; known: {string.Join(", ", scenarios.Keys)}, or give a scenario file."],
        });
    }
}

using Projection.Files;
using Projection.Store;

namespace Projection.Application;

/// <summary>
/// The scenarios both doors know, by name: the shipped files (main, low, high) and those saved in
/// the store (through the API's POST /api/v1/scenarios or <c>projection scenario import</c>).
/// </summary>
public static class ScenarioRegistry
{
    /// <summary>The files of <paramref name="directory"/> and, when the store exists, its saved scenarios; a saved one never replaces a shipped one.</summary>
    public static IReadOnlyDictionary<string, ScenarioFile.Document> Load(string directory, string? storePath)
    {
        var scenarios = new Dictionary<string, ScenarioFile.Document>(ScenarioFile.ReadDirectory(directory), StringComparer.Ordinal);
        if (storePath is not null && File.Exists(storePath))
        {
            foreach (var saved in new ScenarioStore(storePath).List())
            {
                scenarios.TryAdd(saved.Name, saved);
            }
        }

        return scenarios;
    }
}

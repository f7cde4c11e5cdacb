using System.Globalization;
using Projection.Files;

namespace Projection.Store;

/// <summary>Custom scenarios saved by users, kept in the store's SQLite file beside the source tables.</summary>
public sealed class ScenarioStore(string path)
{
    private readonly StoreFile _file = new(path, "CREATE TABLE IF NOT EXISTS scenarios (name TEXT PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL);");

    /// <summary>Saves a new scenario; false (and nothing written) when the name is taken.</summary>
    public bool TryAdd(ScenarioFile.Document scenario, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return _file.Execute(
            "INSERT INTO scenarios (name, body, created_at) VALUES ($name, $body, $created) ON CONFLICT (name) DO NOTHING",
            ("$name", scenario.Name),
            ("$body", ScenarioFile.Serialize(scenario)),
            ("$created", createdAt.ToString("O", CultureInfo.InvariantCulture))) == 1;
    }

    public IReadOnlyList<ScenarioFile.Document> List()
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, body FROM scenarios ORDER BY name";
        using var reader = command.ExecuteReader();
        var scenarios = new List<ScenarioFile.Document>();
        while (reader.Read())
        {
            scenarios.Add(ScenarioFile.Deserialize(reader.GetString(1), $"stored scenario {reader.GetString(0)}"));
        }

        return scenarios;
    }
}

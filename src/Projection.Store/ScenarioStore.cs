using System.Data.Common;
using System.Globalization;
using Projection.Files;

namespace Projection.Store;

/// <summary>Custom scenarios saved by users, kept in the store beside the source tables.</summary>
public sealed class ScenarioStore
{
    private readonly StoreFile _file;

    public ScenarioStore(string path)
    {
        _file = new StoreFile(
            path,
            new("scenarios-1", "CREATE TABLE IF NOT EXISTS scenarios (name TEXT PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL)"),

            // Round 2: the API key that saved it (only its owner or an admin may delete it).
            new("scenarios-2-owner", "ALTER TABLE scenarios ADD COLUMN owner TEXT NULL", ("scenarios", "owner")));
    }

    /// <summary>Saves a new scenario; false (and nothing written) when the name is taken.</summary>
    public bool TryAdd(ScenarioFile.Document scenario, DateTimeOffset createdAt, string? owner = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return _file.Execute(
            "INSERT INTO scenarios (name, body, created_at, owner) VALUES (@name, @body, @created, @owner) ON CONFLICT (name) DO NOTHING",
            ("@name", scenario.Name),
            ("@body", ScenarioFile.Serialize(scenario)),
            ("@created", createdAt.ToString("O", CultureInfo.InvariantCulture)),
            ("@owner", owner)) == 1;
    }

    /// <summary>Who saved a scenario: (true, owner id or null) when it is saved here; (false, null) when not.</summary>
    public (bool Saved, string? Owner) OwnerOf(string name)
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT owner FROM scenarios WHERE name = @name";
        command.Add("@name", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (true, reader.IsDBNull(0) ? null : reader.GetString(0)) : (false, null);
    }

    /// <summary>How many saved scenarios a key owns (its quota, docs/api.md).</summary>
    public int CountOwnedBy(string owner) =>
        Convert.ToInt32(_file.Scalar("SELECT COUNT(*) FROM scenarios WHERE owner = @owner", ("@owner", owner)) ?? 0, CultureInfo.InvariantCulture);

    /// <summary>Deletes a saved scenario; false when there is none by that name.</summary>
    public bool Delete(string name) => _file.Execute("DELETE FROM scenarios WHERE name = @name", ("@name", name)) == 1;

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

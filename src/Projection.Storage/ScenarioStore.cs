using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Projection.Storage;

/// <summary>Custom scenarios saved by users, kept in the store's SQLite file beside the source tables.</summary>
public sealed class ScenarioStore
{
    private readonly string _connectionString;

    public ScenarioStore(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS scenarios (name TEXT PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL);";
        command.ExecuteNonQuery();
    }

    /// <summary>Saves a new scenario; false (and nothing written) when the name is taken.</summary>
    public bool TryAdd(ScenarioFile.Document scenario, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO scenarios (name, body, created_at) VALUES ($name, $body, $created) ON CONFLICT (name) DO NOTHING";
        command.Parameters.AddWithValue("$name", scenario.Name);
        command.Parameters.AddWithValue("$body", ScenarioFile.Serialize(scenario));
        command.Parameters.AddWithValue("$created", createdAt.ToString("O", CultureInfo.InvariantCulture));
        return command.ExecuteNonQuery() == 1;
    }

    public IReadOnlyList<ScenarioFile.Document> List()
    {
        using var connection = Open();
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

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}

using Npgsql;

namespace Projection.Tests;

/// <summary>
/// A fresh PostgreSQL database for one test fixture, on the server named by
/// PROJECTION_TEST_POSTGRES (a connection string to a database the user may create databases
/// from, e.g. Host=127.0.0.1;Port=54329;Username=postgres;Database=postgres; .ci/run starts such a
/// server). Without it the PostgreSQL tests are skipped with a message saying what to install —
/// unless PROJECTION_REQUIRE_POSTGRES=1 (as in CI), where that is a failure.
/// </summary>
internal sealed class TestPostgres : IDisposable
{
    public const string ServerVariable = "PROJECTION_TEST_POSTGRES";

    private readonly string _name = $"projection_test_{Guid.NewGuid():N}";

    public TestPostgres()
    {
        EnsureAvailable();
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", connection);
        create.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(Server) { Database = _name, Pooling = false }.ConnectionString;
    }

    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    public static string MissingMessage => $"No PostgreSQL server for the tests: install PostgreSQL (Debian: apt-get install postgresql), start a server and set {ServerVariable} to a connection string (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres); .ci/run does all of this.";

    /// <summary>The new database's connection string.</summary>
    public string ConnectionString { get; }

    public static void EnsureAvailable()
    {
        if (Server is not null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("PROJECTION_REQUIRE_POSTGRES") == "1")
        {
            Assert.Fail(MissingMessage);
        }

        Assert.Ignore(MissingMessage);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}

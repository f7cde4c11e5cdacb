using Npgsql;

namespace Projection.Store;

/// <summary>
/// Where a store is: an SQLite file path (the default), or a PostgreSQL database given as a
/// connection string (<c>Host=db;Database=projection;Username=…;Password=…</c>) or a URI
/// (<c>postgresql://user:password@db:5432/projection</c>).
/// </summary>
public static class StoreLocations
{
    public static bool IsPostgres(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || location.Contains("Host=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The Npgsql connection string of a PostgreSQL location (a URI turned into keywords).</summary>
    public static string PostgresConnectionString(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!location.Contains("://", StringComparison.Ordinal))
        {
            return location;
        }

        var uri = new Uri(location);
        var user = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = user.Length > 0 && user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : null,
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
        };
        return builder.ConnectionString;
    }

    /// <summary>The location as it may be shown in a log or a message: a file's full path, or a database without its password.</summary>
    public static string Describe(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!IsPostgres(location))
        {
            return Path.GetFullPath(location);
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString(location));
            return $"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port} as {builder.Username}";
        }
        catch (ArgumentException)
        {
            return "a PostgreSQL database (the connection string cannot be read)";
        }
    }
}

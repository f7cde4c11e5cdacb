using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Projection.Store;

/// <summary>An API key as the store knows it: never the key itself, only its hash.</summary>
/// <param name="Id">The key's public id (names its owner in batches and scenarios).</param>
/// <param name="Name">Who it was issued to.</param>
/// <param name="Scopes">What it may do: write (save scenarios, submit and cancel batches) and/or admin (anything, anyone's).</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="Revoked">True once revoked: it opens nothing.</param>
public sealed record ApiKey(string Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, bool Revoked);

/// <summary>
/// The service's API keys, in the store. A key is shown once, when it is issued
/// (<c>projection keys create</c>); the store keeps its SHA-256, so a copy of the store does not
/// give the keys away. Reads of the API need no key; writes do.
/// </summary>
public sealed class ApiKeyStore
{
    public const string Write = "write";
    public const string Admin = "admin";

    private readonly StoreFile _file;

    public ApiKeyStore(string path) => _file = new StoreFile(path, new StoreMigration("api_keys-1", """
        CREATE TABLE IF NOT EXISTS api_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            scopes TEXT NOT NULL,
            created_at TEXT NOT NULL,
            revoked INTEGER NOT NULL DEFAULT 0
        )
        """));

    /// <summary>Issues a key; returns it with the secret, which is not kept.</summary>
    public (ApiKey Key, string Secret) Create(string name, IReadOnlyList<string> scopes, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(scopes);
        if (scopes.Count == 0 || scopes.Any(s => s is not (Write or Admin)))
        {
            throw new ArgumentException($"Scopes are {Write} and {Admin}.", nameof(scopes));
        }

        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var secret = $"pk_{id}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
        _file.Execute(
            "INSERT INTO api_keys (id, name, hash, scopes, created_at) VALUES (@id, @name, @hash, @scopes, @now)",
            ("@id", id),
            ("@name", name),
            ("@hash", Hash(secret)),
            ("@scopes", string.Join(' ', scopes.Distinct())),
            ("@now", now.ToString("O", CultureInfo.InvariantCulture)));
        return (new ApiKey(id, name, [.. scopes.Distinct()], now, false), secret);
    }

    /// <summary>The key a secret opens, or null (unknown or revoked).</summary>
    public ApiKey? Find(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Read("WHERE hash = @hash AND revoked = 0", ("@hash", Hash(secret))).FirstOrDefault();
    }

    public IReadOnlyList<ApiKey> List() => Read("ORDER BY created_at, id");

    private List<ApiKey> Read(string where, params (string Name, object Value)[] parameters)
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, name, scopes, created_at, revoked FROM api_keys {where}";
        foreach (var (name, value) in parameters)
        {
            command.Add(name, value);
        }

        using var reader = command.ExecuteReader();
        var keys = new List<ApiKey>();
        while (reader.Read())
        {
            keys.Add(new ApiKey(reader.GetString(0), reader.GetString(1), reader.GetString(2).Split(' ', StringSplitOptions.RemoveEmptyEntries), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture), reader.Long(4) != 0));
        }

        return keys;
    }

    /// <summary>Revokes a key by its id; false when there is none.</summary>
    public bool Revoke(string id) => _file.Execute("UPDATE api_keys SET revoked = 1 WHERE id = @id", ("@id", id)) == 1;

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Projection.Core;

namespace Projection.Files;

/// <summary>
/// One run of a batch, resolved: the regions to report, the scenario with its overrides applied,
/// and, for a stochastic run, the trajectories and seed.
/// </summary>
/// <param name="Name">The run's name in its batch (file-safe; names its CSV).</param>
/// <param name="Regions">Region codes to report: the county and/or its municipalities (all of them are projected together).</param>
/// <param name="Scenario">The assumptions, overrides applied.</param>
/// <param name="Trajectories">Stochastic trajectories, or null for a deterministic run.</param>
/// <param name="Seed">The seed of the trajectories.</param>
/// <param name="MigrationSource">The base scenario's migration source (baseline, model, or null for the default).</param>
public sealed record RunSpecification(string Name, IReadOnlyList<string> Regions, Scenario Scenario, int? Trajectories, ulong Seed, string? MigrationSource = null)
{
    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web);

    /// <summary>Bumped when the engine's results change for the same inputs, so that stored runs are not reused across such a change.</summary>
    public const string EngineVersion = "projection-engine/2";

    /// <summary>
    /// The run's identity: a SHA-256 (first 16 hex digits) of everything its numbers depend on —
    /// the data's version, the regions, the assumptions, the trajectories and seed, the uncertainty
    /// model of a stochastic run, and <see cref="EngineVersion"/>. Not the run's name: the same
    /// content under another name is the same run. Running it again finds it done.
    /// </summary>
    public string ContentHash(string dataVersion, UncertaintyModel uncertainty)
    {
        ArgumentNullException.ThrowIfNull(uncertainty);
        var content = new
        {
            engine = EngineVersion,
            data = dataVersion,
            regions = Regions,
            scenario = Scenario,
            trajectories = Trajectories,
            seed = Trajectories is null ? 0 : Seed,
            uncertainty = Trajectories is null ? null : uncertainty with { Source = "", TrackRecord = null },
            migration = MigrationSource,
        };
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(content, Canonical));
        return Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
    }
}

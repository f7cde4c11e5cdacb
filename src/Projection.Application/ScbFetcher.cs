using Projection.Core;
using Projection.Files;
using Projection.Scb;
using Projection.Store;

namespace Projection.Application;

/// <summary>
/// Fetches the service's source tables for a county and its municipalities from SCB and keeps
/// them in the store. Variable and value codes come from each table's metadata: the region and
/// the municipalities under it, every age and sex, the configured contents and the years from a
/// start year. Eliminable variables not needed (e.g. Civilstand) are left out so that SCB sums
/// them; a table with a variable the service does not know is refused as a changed layout.
/// </summary>
public sealed class ScbFetcher(ScbClient client, SourceStore store, TimeProvider time)
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "Region", "Alder", "AlderModer", "Kon", "ContentsCode", "Tid" };

    /// <summary>One source's outcome.</summary>
    public sealed record Fetched(string Name, string TableId, long Cells, SaveOutcome Outcome);

    /// <param name="region">The county (or municipality) code.</param>
    /// <param name="fromYear">The first year fetched.</param>
    /// <param name="sources">The tables.</param>
    /// <param name="progress">Lines for a person watching.</param>
    /// <param name="cancellationToken">Stops the fetch; nothing is stored then.</param>
    /// <param name="checkBeforeSaving">Called with every fetched table before any is stored; throwing keeps the store as it was (the service checks it can project from them).</param>
    public async Task<IReadOnlyList<Fetched>> FetchAsync(string region, int fromYear, IReadOnlyList<ScbSource> sources, IProgress<string>? progress, CancellationToken cancellationToken, Action<IReadOnlyList<TableToSave>>? checkBeforeSaving = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var results = new List<Fetched>();
        await client.ReadLimitsAsync(cancellationToken).ConfigureAwait(false);

        // Fetch everything first; store only when every table came whole.
        var parts = new List<(ScbSource Source, ScbQuery Query, ScbTable Table)>();
        foreach (var source in sources)
        {
            var tableId = source.TableId(client.Api);
            if (string.IsNullOrEmpty(tableId))
            {
                progress?.Report($"{source.Name}: searching for {source.SearchName}");
                var found = await client.FindTablesAsync(source.SearchName, cancellationToken).ConfigureAwait(false);
                if (found.Count == 0)
                {
                    progress?.Report($"{source.Name}: no table {source.SearchName} published (yet); skipped");
                    continue;
                }

                // A search for FoddaK also finds FoddaKCKM: the table whose label names it exactly comes first.
                tableId = (found.FirstOrDefault(t => t.Label.Contains($"({source.SearchName})", StringComparison.Ordinal)) ?? found[0]).Id;
            }

            progress?.Report($"{source.Name}: reading the metadata of {tableId}");
            var metadata = await client.GetMetadataAsync(tableId, cancellationToken).ConfigureAwait(false);
            var from = Math.Max(fromYear, source.FromYear);
            if (!metadata.Any(d => d.Id == "Tid" && d.Codes.Any(c => int.TryParse(c, out var year) && year >= from && year <= source.ToYear)))
            {
                progress?.Report($"{source.Name}: {tableId} has no years in {from}–{source.ToYear}; skipped");
                continue;
            }

            var query = Query(tableId, region, from, source, metadata);
            progress?.Report($"{source.Name}: fetching {query.Cells:N0} cells ({query})");
            var table = await client.GetTableAsync(query, cancellationToken).ConfigureAwait(false);
            parts.Add((source, query, table));
        }

        // Sources that share a name (a table and its successor from another year on) are joined by
        // year; then every table of the fetch is stored in one transaction.
        var tables = parts
            .GroupBy(p => p.Source.Name)
            .Select(group => new TableToSave(group.Key, region, "fetched", string.Join(" + ", group.Select(p => p.Query.ToString())), ScbTables.JoinYears(group.Select(p => p.Table).ToList())))
            .ToList();
        checkBeforeSaving?.Invoke(tables);
        var outcomes = store.SaveAll(tables, time.GetUtcNow());
        for (var i = 0; i < tables.Count; i++)
        {
            progress?.Report($"{tables[i].Name}: {outcomes[i].ToString().ToLowerInvariant()}");
            results.Add(new Fetched(tables[i].Name, tables[i].Table.TableId, tables[i].Table.Values.Length, outcomes[i]));
        }

        return results;
    }

    /// <summary>The query for one source, from the table's own metadata.</summary>
    /// <summary>SCB's code for Sweden as a whole (Riket).</summary>
    public const string NationCode = "00";

    public static ScbQuery Query(string tableId, string region, int fromYear, ScbSource source, IReadOnlyList<ScbDimension> metadata)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(metadata);
        var selection = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (var variable in metadata)
        {
            IReadOnlyList<string> codes;
            switch (variable.Id)
            {
                case "Region":
                    // The region and its parts, and Sweden (00) where the table has it: the migration model's national features are Sweden's.
                    codes = variable.Codes.Where(c => c == region || c == NationCode || (c.Length == region.Length + 2 && c.StartsWith(region, StringComparison.Ordinal))).ToList();
                    break;
                case "ContentsCode":
                    var missing = source.Contents.Where(c => !variable.Codes.Contains(c)).ToList();
                    if (missing.Count > 0)
                    {
                        throw new ScbFormatException($"{tableId}: content {string.Join(", ", missing)} is not in the table (it has {string.Join(", ", variable.Codes)}); the table may have changed.");
                    }

                    codes = source.Contents;
                    break;
                case "Tid":
                    codes = variable.Codes.Where(c => int.TryParse(c, out var year) && year >= fromYear && year <= source.ToYear).ToList();
                    break;
                case var id when Known.Contains(id):
                    // Totals codes (e.g. "tot" for every age) are the sum of the rest: not asked for.
                    codes = variable.Codes.Where(c => !ScbCodes.IsTotal(c)).ToList();
                    break;
                case var id when variable.Elimination:
                    continue;
                default:
                    throw new ScbFormatException($"{tableId}: variable '{variable.Id}' cannot be left out and the service does not know it; the table's layout may have changed.");
            }

            if (codes.Count == 0)
            {
                throw new ScbFormatException($"{tableId}: no values of {variable.Id} match region {region} from {fromYear}.");
            }

            selection.Add(new(variable.Id, codes));
        }

        return new ScbQuery(tableId, selection);
    }
}

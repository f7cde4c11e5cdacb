namespace Projection.Scb;

/// <summary>
/// One SCB table the service needs: its v2 id, its v1 path, the content codes (ContentsCode) to
/// fetch, and the variables that are eliminated. <see cref="FromYear"/>/<see cref="ToYear"/>
/// bound the reference years it serves: from 2025 SCB publishes some series in new tables with
/// Cell Key Method noise (e.g. FoddaKCKM, Flyttningar97CKM), configured as further sources.
/// </summary>
/// <remarks>
/// Several sources may share a <see cref="Name"/>: their years are fetched from each table and
/// joined into one stored table. An empty <see cref="V2TableId"/> is looked up at fetch time through
/// <c>/tables?query=</c> with the last part of <see cref="V1Path"/> (e.g. FoddaKCKM).
/// </remarks>
public sealed record ScbSource(string Name, string V2TableId, string V1Path, IReadOnlyList<string> Contents, IReadOnlyList<string> Eliminated, int FromYear = 1968, int ToYear = 2024)
{
    public string TableId(ScbApiVersion api) => api == ScbApiVersion.V2 ? V2TableId : V1Path;

    /// <summary>What to search for when the v2 id is not configured: the table's name in v1, e.g. FoddaKCKM.</summary>
    public string SearchName => V1Path[(V1Path.LastIndexOf('/') + 1)..];
}

/// <summary>
/// The default tables. Confirmed against recorded SCB responses: TAB638 / BefolkningNy with BE0101N1
/// (docs/scb.md); the deaths table by public code that calls SCB (DodaHandelseK = TAB960 with
/// BE0101D9); the other v2 ids are second-hand and overridable. Every table's contents are checked
/// against its metadata at fetch time.
/// </summary>
public static class ScbSources
{
    public static IReadOnlyList<ScbSource> Defaults { get; } =
    [
        new("population", "TAB638", "BE/BE0101/BE0101A/BefolkningNy", ["BE0101N1"], ["Civilstand"]),
        new("births", "TAB1264", "BE/BE0101/BE0101H/FoddaK", ["BE0101E2"], []),
        // Deaths by age at death (a Lexis square), what the estimation reads (LexisDeaths); SCB's
        // DodaFodelsearK (TAB959) is another table: its BE0101D8 counts deaths by age reached during the year.
        new("deaths", "TAB960", "BE/BE0101/BE0101I/DodaHandelseK", ["BE0101D9"], []),
        new("migration", "TAB1212", "BE/BE0101/BE0101J/Flyttningar97", ["BE0101A2", "BE0101A3", "BE0101AX", "BE0101AY"], []),

        // From reference year 2025 SCB publishes births, deaths and migration in new tables with
        // Cell Key Method noise (names as public code that calls SCB uses them); their v2 ids are
        // found at fetch time by /tables?query= and their contents checked against their metadata.
        // A table SCB does not have (yet) is skipped with a warning naming it.
        new("births", "", "BE/BE0101/BE0101H/FoddaKCKM", ["BE0101E2"], [], 2025, 2100),
        new("migration", "", "BE/BE0101/BE0101J/Flyttningar97CKM", ["BE0101A2", "BE0101A3", "BE0101AX", "BE0101AY"], [], 2025, 2100),

        // DodaHandelseK's successor is not confirmed; DodaFodelsearKCKM counts deaths by age
        // reached during the year (BE0101D8), kept apart from the deaths by age at death above and
        // read as cohorts (ObservedStatistics.DeathsByAgeReached).
        new(DeathsByAgeReached, "", "BE/BE0101/BE0101I/DodaFodelsearKCKM", ["BE0101D8"], [], 2025, 2100),
    ];

    /// <summary>The stored name of deaths by age reached during the year (BE0101D8), beside "deaths" by age at death (BE0101D9).</summary>
    public const string DeathsByAgeReached = "deaths-reached";
}

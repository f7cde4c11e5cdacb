namespace Projection.Files;

/// <summary>
/// Every county the embedded data covers: the home seed (seeds/vastmanland.json, base year 2024)
/// and, where the directory seeds/sweden/ lies beside it, the other counties (base year 2019, SCB's
/// real ages). A region is served from the seed of its county; the home seed wins where both
/// know a county.
/// </summary>
public sealed class SeedSet
{
    /// <summary>The directory of the other counties' seeds, beside the home seed.</summary>
    public const string CountryDirectoryName = "sweden";

    private readonly Dictionary<string, SeedDocument> _byRegion;

    private SeedSet(SeedDocument home, string homeHash, IEnumerable<(SeedDocument Seed, string Hash)> others)
    {
        Home = home;
        var byCounty = new Dictionary<string, SeedDocument>(StringComparer.Ordinal) { [home.County.Code] = home };
        var hashes = new Dictionary<SeedDocument, string> { [home] = homeHash };
        foreach (var (seed, hash) in others)
        {
            if (byCounty.TryAdd(seed.County.Code, seed))
            {
                hashes[seed] = hash;
            }
        }

        Counties = byCounty.Values.OrderBy(s => s == home ? "" : s.County.Code, StringComparer.Ordinal).ToList();
        _byRegion = new Dictionary<string, SeedDocument>(StringComparer.Ordinal);
        foreach (var seed in Counties)
        {
            _byRegion[seed.County.Code] = seed;
            foreach (var region in seed.Regions)
            {
                _byRegion.TryAdd(region.Code, seed);
            }
        }

        Regions = Counties.SelectMany(s => s.Regions.Select(r => (r.Code, r.Name)).Prepend((s.County.Code, s.County.Name))).ToList();
        _hashes = hashes;
    }

    private readonly Dictionary<SeedDocument, string> _hashes;

    /// <summary>The home county's seed (the one the store and the refresh are for).</summary>
    public SeedDocument Home { get; }

    /// <summary>Every county's seed, the home county first, then by code.</summary>
    public IReadOnlyList<SeedDocument> Counties { get; }

    /// <summary>Every county and municipality by code and name, each county followed by its municipalities.</summary>
    public IReadOnlyList<(string Code, string Name)> Regions { get; }

    /// <summary>Reads the home seed at <paramref name="homePath"/> and the county seeds in seeds/sweden/ beside it, if there are any.</summary>
    public static SeedSet Load(string homePath)
    {
        var home = SeedFile.Read(homePath);
        var directory = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(homePath))!, CountryDirectoryName);
        var others = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(path => (SeedFile.Read(path), HashOf(path))).ToList()
            : [];
        return new SeedSet(home, HashOf(homePath), others);
    }

    /// <summary>The seed that holds a county or municipality code, or null.</summary>
    public SeedDocument? SeedOf(string regionCode) => _byRegion.GetValueOrDefault(regionCode);

    /// <summary>A short hash of the seed file's bytes: part of the data version of every projection from it.</summary>
    public string HashOf(SeedDocument seed) => _hashes[seed];

    public bool IsHome(SeedDocument seed) => ReferenceEquals(seed, Home);

    private static string HashOf(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))[..12];
}

using System.Text;

namespace Projection.Application;

/// <summary>
/// Regions asked for by code or by name, the way people write them: "1980", "Västerås",
/// "vasteras", "Västerås kommun", "västmanlands län" — case, å/ä/ö and the words kommun/län do not
/// matter. An unknown one is answered with the nearest names.
/// </summary>
public static class RegionNames
{
    /// <summary>The code of the region <paramref name="text"/> names (a code as it is, or a name), or null.</summary>
    public static string? Find(string text, IEnumerable<(string Code, string Name)> regions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(regions);
        var list = regions.ToList();
        var trimmed = text.Trim();
        if (list.Any(r => r.Code == trimmed))
        {
            return trimmed;
        }

        var key = Normalize(trimmed);
        // "Västmanland" for "Västmanlands län": the genitive s of county names may be left out.
        return key.Length == 0 ? null : list.Where(r => Normalize(r.Name) is var name && (name == key || name == key + "s")).Select(r => r.Code).FirstOrDefault();
    }

    /// <summary>Up to <paramref name="count"/> names nearest to <paramref name="text"/> (by edit distance between the normalized forms), for "did you mean".</summary>
    public static IReadOnlyList<string> Nearest(string text, IEnumerable<(string Code, string Name)> regions, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = Normalize(text);
        return regions
            .Select(r => (r.Code, r.Name, Distance: EditDistance(key, Normalize(r.Name))))
            .OrderBy(r => r.Distance)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(r => $"{r.Name} ({r.Code})")
            .ToList();
    }

    /// <summary>Lower case, Swedish letters folded (å, ä → a; ö → o; é → e), "kommun"/"län" and punctuation dropped.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder();
        foreach (var ch in name.ToLowerInvariant())
        {
            text.Append(ch switch
            {
                'å' or 'ä' or 'á' or 'à' => "a",
                'ö' or 'ø' or 'ó' => "o",
                'é' or 'è' or 'ë' => "e",
                'ü' => "u",
                'æ' => "ae",
                _ when char.IsLetterOrDigit(ch) => ch.ToString(),
                _ => " ",
            });
        }

        var words = text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w is not "kommun" and not "lan").ToList();
        return string.Concat(words);
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

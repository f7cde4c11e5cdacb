using System.Text;

namespace Projection.Application;

/// <summary>
/// Regions asked for by code or by name, the way people write them: "1980", "Västerås",
/// "vasteras", "Västerås kommun", "västmanlands län" — case, å/ä/ö and the words kommun/län do not
/// matter, except to choose between a county and a municipality of the same name. An unknown one
/// is answered with the nearest names.
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
        if (key.Length == 0)
        {
            return null;
        }

        // The genitive s may be left out or added: "Västmanland" for "Västmanlands län",
        // "Stockholms kommun" for Stockholm.
        var words = Words(trimmed);
        var askedForCounty = words.Contains("lan");
        var askedForMunicipality = words.Contains("kommun");
        var (asWritten, withoutAccents) = (Written(trimmed, fold: false), Written(trimmed, fold: true));
        return list
            .Where(r => Normalize(r.Name) is var name && (name == key || name == key + "s" || name + "s" == key))
            .Where(r => !askedForCounty || IsCounty(r.Code))
            .Where(r => !askedForMunicipality || !IsCounty(r.Code))
            // Where names share their letters, the name as written decides: with its own letters
            // ("Håbo" is Håbo, "Habo" Habo), then with its words ("Uppsala" and "Stockholm" are the
            // municipalities, "Uppsala län" the county), then without the genitive ("Stockholms" is the county).
            .OrderBy(r => Written(r.Name, fold: false) == asWritten ? 0
                : Written(r.Name, fold: true) == withoutAccents ? 1
                : Normalize(r.Name) == key ? 2
                : 3)
            .Select(r => r.Code)
            .FirstOrDefault();
    }

    /// <summary>A name's words as written, but for the word "kommun", which no municipality's name holds.</summary>
    private static string Written(string name, bool fold) => string.Join(' ', Words(name, fold).Where(w => w != "kommun"));

    /// <summary>Counties have two-digit codes (SCB's län), municipalities four.</summary>
    private static bool IsCounty(string code) => code.Length == 2;

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
        return string.Concat(Words(name).Where(w => w is not "kommun" and not "lan"));
    }

    /// <summary>The words of a name, lower case, punctuation dropped, Swedish letters folded unless <paramref name="fold"/> is false.</summary>
    private static List<string> Words(string name, bool fold = true)
    {
        var text = new StringBuilder();
        foreach (var ch in name.ToLowerInvariant())
        {
            text.Append(ch switch
            {
                _ when !fold && char.IsLetterOrDigit(ch) => ch.ToString(),
                'å' or 'ä' or 'á' or 'à' => "a",
                'ö' or 'ø' or 'ó' => "o",
                'é' or 'è' or 'ë' => "e",
                'ü' => "u",
                'æ' => "ae",
                _ when char.IsLetterOrDigit(ch) => ch.ToString(),
                _ => " ",
            });
        }

        return [.. text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
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

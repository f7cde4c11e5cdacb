namespace Projection.Core;

/// <summary>
/// Quantiles of a sample by selection instead of sorting: Hoare's quickselect (median-of-three
/// pivot) puts the k-th smallest value in place in linear expected time; the ranks needed are
/// placed middle first, each further one within the part that holds it, about 4n comparisons
/// for five levels where sorting takes n·log₂n (10n for 1,000 values).
/// </summary>
public static class OrderStatistics
{
    /// <summary>
    /// Hyndman and Fan's type-7 quantiles (R's default) of <paramref name="sample"/> at
    /// ascending <paramref name="levels"/>: h = (n − 1)·p, interpolated between the order
    /// statistics around h. The sample is reordered.
    /// </summary>
    public static void Quantiles(Span<float> sample, IReadOnlyList<double> levels, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var n = sample.Length;
        if (n == 0)
        {
            throw new ArgumentException("An empty sample has no quantiles.", nameof(sample));
        }

        // Every rank read (each level's floor and the one above it), put in place by one multi-way selection.
        Span<int> ranks = stackalloc int[levels.Count * 2];
        var count = 0;
        for (var l = 0; l < levels.Count; l++)
        {
            var below = (int)Math.Floor((n - 1) * levels[l]);
            ranks[count++] = below;
            ranks[count++] = Math.Min(below + 1, n - 1);
        }

        ranks.Sort();
        var unique = 0;
        for (var i = 0; i < count; i++)
        {
            if (unique == 0 || ranks[unique - 1] != ranks[i])
            {
                ranks[unique++] = ranks[i];
            }
        }

        count = unique;

        SelectAll(sample, ranks[..count], 0);
        for (var l = 0; l < levels.Count; l++)
        {
            var h = (n - 1) * levels[l];
            var below = (int)Math.Floor(h);
            double lower = sample[below];
            double upper = sample[Math.Min(below + 1, n - 1)];
            destination[l] = lower + ((h - below) * (upper - lower));
        }
    }

    /// <summary>Puts every one of the ascending <paramref name="ranks"/> (offset by <paramref name="offset"/>) in place: the middle rank first, then those below it in the part below and those above in the part above.</summary>
    private static void SelectAll(Span<float> values, ReadOnlySpan<int> ranks, int offset)
    {
        if (ranks.Length == 0)
        {
            return;
        }

        var middle = ranks.Length / 2;
        var k = ranks[middle] - offset;
        Select(values, k);
        SelectAll(values[..k], ranks[..middle], offset);
        SelectAll(values[(k + 1)..], ranks[(middle + 1)..], offset + k + 1);
    }

    /// <summary>Reorders <paramref name="values"/> so that position <paramref name="k"/> holds the (k+1)-th smallest, nothing greater before it and nothing smaller after.</summary>
    public static void Select(Span<float> values, int k)
    {
        var lo = 0;
        var hi = values.Length - 1;
        while (hi > lo)
        {
            var mid = lo + ((hi - lo) / 2);
            var pivot = MedianOfThree(values[lo], values[mid], values[hi]);
            var i = lo;
            var j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }
    }

    private static float MedianOfThree(float a, float b, float c) =>
        a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
}

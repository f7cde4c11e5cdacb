using System.Numerics;

namespace Projection.Core;

/// <summary>
/// The random numbers of one trajectory: SplitMix64 (Steele, Lea and Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014) seeded from the run's seed and the trajectory's
/// number, so that trajectory j draws the same numbers whichever thread runs it and in whatever
/// order. Normal draws by Marsaglia's polar method. A value type: drawing allocates nothing.
/// </summary>
public struct TrajectoryRandom
{
    private ulong _state;
    private double _spare;
    private bool _hasSpare;

    public TrajectoryRandom(ulong seed, long trajectory)
    {
        // Two mixing rounds decorrelate neighbouring trajectories of the same seed.
        _state = Mix(seed ^ Mix(0x5851F42D4C957F2DUL + (ulong)trajectory));
        _spare = 0;
        _hasSpare = false;
    }

    /// <summary>
    /// Stream <paramref name="stream"/> of trajectory <paramref name="trajectory"/>: stream 0 is the
    /// trajectory's own (the national deviations), stream r + 1 region r's, so that each region's
    /// draws do not depend on how many numbers the regions before it took and regions can be
    /// projected in any order.
    /// </summary>
    public TrajectoryRandom(ulong seed, long trajectory, int stream)
        : this(seed, trajectory)
    {
        if (stream != 0)
        {
            _state = Mix(_state ^ Mix(0xD1B54A32D192ED03UL * (ulong)stream));
        }
    }

    /// <summary>The bare SplitMix64 generator from <paramref name="state"/>, as published (for checking its output against the reference).</summary>
    public static TrajectoryRandom FromState(ulong state) => new() { _state = state };

    /// <summary>The next 64 random bits.</summary>
    public ulong NextBits()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextUniform() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal draw.</summary>
    public double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u, v, s;
        do
        {
            u = (2 * NextUniform()) - 1;
            v = (2 * NextUniform()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var scale = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * scale;
        _hasSpare = true;
        return u * scale;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the draws that as many calls of <see cref="NextNormal"/>
    /// would return, in the same order and from the same bits; only the last bit of a draw may differ
    /// (the logarithms are taken a vector at a time). The candidates' acceptance is branch-free and
    /// the transform vectorized: a trajectory's lanes draw all their normals this way (docs/performance.md).
    /// </summary>
    public void FillNormals(Span<double> destination)
    {
        var next = 0;
        if (_hasSpare && destination.Length > 0)
        {
            destination[next++] = _spare;
            _hasSpare = false;
        }

        Span<double> u = stackalloc double[PairsPerBatch];
        Span<double> v = stackalloc double[PairsPerBatch];
        Span<double> squares = stackalloc double[PairsPerBatch];
        while (next < destination.Length)
        {
            // Accepted pairs (u, v) go to the destination in order, u then v; s = u² + v² to `squares`.
            var pairs = Math.Min(PairsPerBatch, (destination.Length - next + 1) / 2);
            var accepted = 0;
            while (accepted < pairs)
            {
                var x = (2 * NextUniform()) - 1;
                var y = (2 * NextUniform()) - 1;
                var square = (x * x) + (y * y);
                u[accepted] = x;
                v[accepted] = y;
                squares[accepted] = square;
                accepted += square < 1 && square != 0 ? 1 : 0;
            }

            var k = 0;
            for (; k + Vector<double>.Count <= pairs; k += Vector<double>.Count)
            {
                var sum = new Vector<double>(squares[k..]);
                Vector.SquareRoot(-2 * Vector.Log(sum) / sum).CopyTo(squares[k..]);
            }

            for (; k < pairs; k++)
            {
                squares[k] = Math.Sqrt(-2 * Math.Log(squares[k]) / squares[k]);
            }

            for (k = 0; k < pairs; k++)
            {
                destination[next++] = u[k] * squares[k];
                if (next < destination.Length)
                {
                    destination[next++] = v[k] * squares[k];
                }
                else
                {
                    _spare = v[k] * squares[k];
                    _hasSpare = true;
                }
            }
        }
    }

    /// <summary>Normal pairs transformed together by <see cref="FillNormals"/> (stack buffers of this many doubles).</summary>
    private const int PairsPerBatch = 64;

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

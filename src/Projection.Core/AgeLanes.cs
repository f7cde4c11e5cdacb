using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Projection.Core;

/// <summary>
/// A vector of consecutive ages' values at one width, so that the step's hot loop is written once
/// and the JIT compiles it per width (a generic method over a struct is specialized and inlined).
/// </summary>
internal interface IAgeLanes<TSelf>
    where TSelf : struct, IAgeLanes<TSelf>
{
    /// <summary>Ages per vector.</summary>
    static abstract int Count { get; }

    static abstract TSelf Load(ref double at, nuint index);

    static abstract TSelf Broadcast(double value);

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);

    static abstract TSelf operator /(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf value);

    /// <summary>left × right + addend, fused into one rounding where the processor has fused multiply-adds.</summary>
    static abstract TSelf MultiplyAdd(TSelf left, TSelf right, TSelf addend);

    /// <summary>Whether any lane of <paramref name="left"/> exceeds the same lane of <paramref name="right"/>.</summary>
    static abstract bool AnyGreater(TSelf left, TSelf right);

    /// <summary>One bit per lane (lane 0 lowest) where <paramref name="left"/> exceeds <paramref name="right"/>.</summary>
    static abstract uint GreaterBits(TSelf left, TSelf right);

    /// <summary><paramref name="limit"/> / <paramref name="value"/> in lanes where value exceeds limit, else 1: the factor that caps value at limit.</summary>
    static abstract TSelf CapFactor(TSelf value, TSelf limit);

    /// <summary>max(value, 0) per lane (the processor's own maximum: its operands are never NaN here).</summary>
    static abstract TSelf AtLeastZero(TSelf value);

    /// <summary>The vector with lanes 0..<paramref name="lanes"/> − 1 set to zero.</summary>
    static abstract TSelf DropLowLanes(TSelf value, int lanes);

    static abstract double Sum(TSelf value);

    /// <summary>A vector of zeros but for <paramref name="value"/> in its last lane.</summary>
    static abstract TSelf InLastLane(double value);

    void Store(ref double at, nuint index);
}

/// <summary>Eight doubles in a 512-bit register, where the processor has them (AVX-512).</summary>
internal readonly struct Lanes512(Vector512<double> value) : IAgeLanes<Lanes512>
{
    private static readonly Vector512<double> LaneIndex = Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7);

    private readonly Vector512<double> _value = value;

    public static int Count => Vector512<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(ref double at, nuint index) => new(Vector512.LoadUnsafe(ref at, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Broadcast(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator +(Lanes512 left, Lanes512 right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 left, Lanes512 right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator *(Lanes512 left, Lanes512 right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator /(Lanes512 left, Lanes512 right) => new(left._value / right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 value) => new(-value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 MultiplyAdd(Lanes512 left, Lanes512 right, Lanes512 addend) => new(Vector512.MultiplyAddEstimate(left._value, right._value, addend._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyGreater(Lanes512 left, Lanes512 right) => Vector512.GreaterThanAny(left._value, right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint GreaterBits(Lanes512 left, Lanes512 right) => (uint)Vector512.GreaterThan(left._value, right._value).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 CapFactor(Lanes512 value, Lanes512 limit) =>
        new(Vector512.ConditionalSelect(Vector512.GreaterThan(value._value, limit._value), limit._value / value._value, Vector512<double>.One));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 AtLeastZero(Lanes512 value) => new(Vector512.MaxNative(value._value, Vector512<double>.Zero));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 DropLowLanes(Lanes512 value, int lanes) =>
        new(Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(LaneIndex, Vector512.Create((double)lanes)), value._value, Vector512<double>.Zero));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Lanes512 value) => Vector512.Sum(value._value);

    public static Lanes512 InLastLane(double value) => new(Vector512<double>.Zero.WithElement(Vector512<double>.Count - 1, value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double at, nuint index) => _value.StoreUnsafe(ref at, index);
}

/// <summary>The runtime's <see cref="Vector{T}"/> of doubles (four with AVX2, two with NEON).</summary>
internal readonly struct LanesOfRuntimeWidth(Vector<double> value) : IAgeLanes<LanesOfRuntimeWidth>
{
    private static readonly Vector<double> LaneIndex = new(Enumerable.Range(0, Vector<double>.Count).Select(i => (double)i).ToArray());

    private readonly Vector<double> _value = value;

    public static int Count => Vector<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesOfRuntimeWidth Load(ref double at, nuint index) => new(Vector.LoadUnsafe(ref at, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesOfRuntimeWidth Broadcast(double value) => new(new Vector<double>(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesOfRuntimeWidth operator +(LanesOfRuntimeWidth left, LanesOfRuntimeWidth right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesOfRuntimeWidth operator -(LanesOfRuntimeWidth left, LanesOfRuntimeWidth right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesOfRuntimeWidth operator *(LanesOfRuntimeWidth left, LanesOfRuntimeWidth right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesOfRuntimeWidth operator /(LanesOfRuntimeWidth left, LanesOfRuntimeWidth right) => new(left._value / right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesOfRuntimeWidth operator -(LanesOfRuntimeWidth value) => new(-value._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesOfRuntimeWidth MultiplyAdd(LanesOfRuntimeWidth left, LanesOfRuntimeWidth right, LanesOfRuntimeWidth addend) => new(Vector.MultiplyAddEstimate(left._value, right._value, addend._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AnyGreater(LanesOfRuntimeWidth left, LanesOfRuntimeWidth right) => Vector.GreaterThanAny(left._value, right._value);

    public static uint GreaterBits(LanesOfRuntimeWidth left, LanesOfRuntimeWidth right)
    {
        // Only for capped cells (extreme scenarios), so a plain loop over the lanes.
        var over = Vector.GreaterThan(left._value, right._value);
        var bits = 0u;
        for (var lane = 0; lane < Vector<double>.Count; lane++)
        {
            bits |= over[lane] != 0 ? 1u << lane : 0;
        }

        return bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesOfRuntimeWidth CapFactor(LanesOfRuntimeWidth value, LanesOfRuntimeWidth limit) =>
        new(Vector.ConditionalSelect(Vector.GreaterThan(value._value, limit._value), limit._value / value._value, Vector<double>.One));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesOfRuntimeWidth AtLeastZero(LanesOfRuntimeWidth value) => new(Vector.MaxNative(value._value, Vector<double>.Zero));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanesOfRuntimeWidth DropLowLanes(LanesOfRuntimeWidth value, int lanes) =>
        new(Vector.ConditionalSelect(Vector.GreaterThanOrEqual(LaneIndex, new Vector<double>(lanes)), value._value, Vector<double>.Zero));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(LanesOfRuntimeWidth value) => Vector.Sum(value._value);

    public static LanesOfRuntimeWidth InLastLane(double value) => new(Vector<double>.Zero.WithElement(Vector<double>.Count - 1, value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double at, nuint index) => _value.StoreUnsafe(ref at, index);
}

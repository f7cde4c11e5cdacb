namespace Projection.Core;

/// <summary>Collects validation messages by field; throws them together as one <see cref="InvalidInputException"/>.</summary>
public sealed class ValidationErrors
{
    // Made on the first error, so that checking valid input allocates nothing (ReusableProjector checks every call).
    private Dictionary<string, List<string>>? _errors;

    public bool IsEmpty => _errors is null || _errors.Count == 0;

    /// <summary>Forgets every message, so that one instance can check input after input.</summary>
    public void Clear() => _errors?.Clear();

    public void Add(string field, string message)
    {
        _errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
    }

    /// <summary>Adds an error unless <paramref name="value"/> is finite and within [min, max].</summary>
    public void RequireInRange(string field, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            Add(field, $"must be between {min} and {max}, was {value}.");
        }
    }

    /// <summary>Adds an error unless the array has <paramref name="length"/> finite, non-negative values.</summary>
    public void RequireSchedule(string field, double[]? values, int length) => RequireSchedule(field, string.Empty, values, length);

    /// <summary>As <see cref="RequireSchedule(string, double[], int)"/> for the field <paramref name="prefix"/> + <paramref name="name"/>, joined only when there is an error to name.</summary>
    public void RequireSchedule(string prefix, string name, double[]? values, int length)
    {
        if (values is null)
        {
            Add(prefix + name, "is required.");
            return;
        }

        if (values.Length != length)
        {
            Add(prefix + name, $"must have {length} values (sex × age), had {values.Length}.");
            return;
        }

        if (FirstNegativeOrNotFinite(values) is var i and >= 0)
        {
            Add(prefix + name, $"value {i} must be finite and non-negative, was {values[i]}.");
        }
    }

    /// <summary>As <see cref="RequireInRange(string, double, double, double)"/> for the field <paramref name="prefix"/> + <paramref name="name"/>, joined only when there is an error to name.</summary>
    public void RequireInRange(string prefix, string name, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            Add(prefix + name, $"must be between {min} and {max}, was {value}.");
        }
    }

    /// <summary>The index of the first value that is negative, infinite or NaN; −1 when there is none. A vector at a time: 0 ≤ v ≤ double.MaxValue fails for exactly those.</summary>
    private static int FirstNegativeOrNotFinite(ReadOnlySpan<double> values)
    {
        var i = 0;
        var least = System.Numerics.Vector<double>.Zero;
        var greatest = new System.Numerics.Vector<double>(double.MaxValue);
        for (; i + System.Numerics.Vector<double>.Count <= values.Length; i += System.Numerics.Vector<double>.Count)
        {
            var v = new System.Numerics.Vector<double>(values[i..]);
            if (!System.Numerics.Vector.GreaterThanOrEqualAll(v, least) || !System.Numerics.Vector.LessThanOrEqualAll(v, greatest))
            {
                break;
            }
        }

        for (; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]) || values[i] < 0)
            {
                return i;
            }
        }

        return -1;
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary()
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (_errors is not null)
        {
            foreach (var (field, list) in _errors)
            {
                result[field] = [.. list];
            }
        }

        return result;
    }

    public void ThrowIfAny()
    {
        if (!IsEmpty)
        {
            throw new InvalidInputException(ToDictionary());
        }
    }
}

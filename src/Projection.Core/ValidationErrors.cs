namespace Projection.Core;

/// <summary>Collects validation messages by field; throws them together as one <see cref="InvalidInputException"/>.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
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
    public void RequireSchedule(string field, double[]? values, int length)
    {
        if (values is null)
        {
            Add(field, "is required.");
            return;
        }

        if (values.Length != length)
        {
            Add(field, $"must have {length} values (sex × age), had {values.Length}.");
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]) || values[i] < 0)
            {
                Add(field, $"value {i} must be finite and non-negative, was {values[i]}.");
                return;
            }
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary()
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, list) in _errors)
        {
            result[field] = [.. list];
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

namespace Projection.Core;

/// <summary>
/// Input that the engine refuses, with every problem found keyed by the field it concerns
/// (for example <c>fertility.targetTfr</c>), so that the edges can show all of them at once:
/// the API as RFC 7807 validation problems, the CLI as one line each.
/// </summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(IReadOnlyDictionary<string, string[]> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public InvalidInputException()
        : this(new Dictionary<string, string[]>())
    {
    }

    public InvalidInputException(string message)
        : this(new Dictionary<string, string[]> { [""] = [message] })
    {
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]> { [""] = [message] };
    }

    /// <summary>Field → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    private static string Describe(IReadOnlyDictionary<string, string[]> errors)
    {
        var lines = new List<string>();
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                lines.Add(field.Length == 0 ? message : $"{field}: {message}");
            }
        }

        return lines.Count == 0 ? "Invalid input." : string.Join(Environment.NewLine, lines);
    }
}

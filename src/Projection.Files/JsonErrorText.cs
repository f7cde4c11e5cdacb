using System.Text.Json;
using System.Text.RegularExpressions;

namespace Projection.Files;

/// <summary>
/// Says what is wrong with a JSON document in the words of its fields — "runs[0].trajectories
/// must be a whole number", "fertilty is not a field" — never in .NET type names. One place for
/// the API's request bodies and the CLI's scenario and batch files, so both doors say the same.
/// </summary>
public static partial class JsonErrorText
{
    /// <summary>A field (JSON path without "$.", or "body") and a sentence about it.</summary>
    public sealed record FieldError(string Field, string Message)
    {
        public override string ToString() => $"{Field}: {Message}";
    }

    public static FieldError Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = exception.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..]
            : exception.Path is { Length: > 1 } q && q.StartsWith('$') ? q[1..]
            : "body";
        var message = exception.Message;
        var unmapped = UnmappedMember().Match(message);
        if (unmapped.Success)
        {
            var name = unmapped.Groups["name"].Value;
            var field = path == "body" ? name : path.EndsWith(name, StringComparison.Ordinal) ? path : $"{path}.{name}";
            return new FieldError(field, "is not a field here (misspelt?); the documented fields are in docs/api.md, docs/scenarios.md and docs/batches.md.");
        }

        if (DuplicateProperty().IsMatch(message))
        {
            return new FieldError(path, "is given more than once; give it once.");
        }

        var converted = ConversionTarget().Match(message);
        if (converted.Success)
        {
            return new FieldError(path, $"must be {Expected(TargetOf(converted.Groups["type"].Value, path))}.");
        }

        return new FieldError(path, "is not valid JSON here; check the quotes, commas and brackets around it.");
    }

    /// <summary>
    /// The error as a line about a document from <paramref name="source"/> (a file, or "body"):
    /// "batch.json, line 3: runs[0].horizon: must be a whole number."; an error of the whole
    /// document is said of it, without a field.
    /// </summary>
    public static string InDocument(JsonException exception, string source)
    {
        var error = Describe(exception);
        var where = $"{source}, line {(exception.LineNumber ?? 0) + 1}";
        return error.Field == "body" ? $"{where}: the document {error.Message}" : $"{where}: {error}";
    }

    /// <summary>
    /// The type a value was to become. For a record's constructor parameter the serializer names the
    /// record, not the parameter's type, so the field (the path's last name) is looked up in it.
    /// </summary>
    private static string TargetOf(string named, string path)
    {
        var type = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(named, throwOnError: false)).FirstOrDefault(t => t is not null);
        if (type is null || type.IsPrimitive || type == typeof(string) || type.IsArray || Nullable.GetUnderlyingType(type) is not null)
        {
            return named;
        }

        var field = path[(path.LastIndexOf('.') + 1)..];
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        field = bracket >= 0 ? field[..bracket] : field;
        var property = type.GetProperty(field, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
        return property?.PropertyType.FullName ?? named;
    }

    /// <summary>What a .NET type (a query parameter's "int?", a JSON target's "System.Nullable`1[System.Int32]") means to someone writing JSON or a query string.</summary>
    public static string Expected(string clrType)
    {
        ArgumentNullException.ThrowIfNull(clrType);
        var keyword = clrType.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?');
        bool Is(string name, string clrName) => keyword == name || clrType.Contains(clrName, StringComparison.Ordinal);
        return clrType switch
        {
            _ when clrType.Contains("List`", StringComparison.Ordinal) || clrType.Contains("List<", StringComparison.Ordinal) || clrType.EndsWith("[]", StringComparison.Ordinal) => "a list",
            _ when Is("int", "System.Int32") || Is("long", "System.Int64") || Is("ulong", "System.UInt64") => "a whole number",
            _ when Is("double", "System.Double") || Is("decimal", "System.Decimal") => "a number",
            _ when Is("bool", "System.Boolean") => "true or false",
            _ when Is("string", "System.String") => "a text in quotes",
            _ => "an object of the documented shape",
        };
    }

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("could not be converted to (?<type>[^\\s]+?)\\.?(\\s|$)")]
    private static partial Regex ConversionTarget();

    [GeneratedRegex("^Duplicate property '[^']*' encountered")]
    private static partial Regex DuplicateProperty();
}

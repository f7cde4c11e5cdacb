using System.Text.Json;
using System.Text.RegularExpressions;
using Projection.Files;

namespace Projection.Api;

/// <summary>
/// Turns the framework's messages about a request it could not read (a query value of the wrong
/// type; JSON with an unknown field or a value of the wrong type) into the field's name and a
/// sentence for the person who sent it — never a .NET type name.
/// </summary>
internal static partial class RequestErrors
{
    public static JsonErrorText.FieldError? FieldOf(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.InnerException is JsonException json)
        {
            return JsonErrorText.Describe(json);
        }

        var binding = QueryBinding().Match(exception.Message);
        return binding.Success
            ? new JsonErrorText.FieldError(QueryName(binding.Groups["name"].Value), $"'{binding.Groups["value"].Value}' is not {JsonErrorText.Expected(binding.Groups["type"].Value)}.")
            : null;
    }

    /// <summary>The query's own spelling of a field bound through a request record (From → from, AgeGroups → ageGroups).</summary>
    private static string QueryName(string name) => name.Length > 0 && char.IsUpper(name[0]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;

    [GeneratedRegex("Failed to bind parameter \"(?<type>.+) (?<name>[A-Za-z0-9_]+)\" from \"(?<value>.*)\"")]
    private static partial Regex QueryBinding();
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Projection.Files;

/// <summary>
/// How the project's hand-edited JSON files (scenarios, batches, the uncertainty model) are read
/// and written: camelCase, comments and trailing commas allowed, unknown fields refused (a
/// misspelt field is an error, never a silent default), a field given twice refused (never the
/// last one silently), indented, letters as they are.
/// </summary>
internal static class DocumentJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

using System.Text.Json;
using Projection.Application;
using Projection.Core;
using Projection.Files;
using Projection.Store;

namespace Projection.Cli;

/// <summary>How the CLI writes JSON: indented, UTF-8 letters as they are, the shapes of <see cref="ProjectionReports"/> (README: "JSON output").</summary>
internal static class ProjectionJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new FiniteNumberJsonConverter() },
    };
}

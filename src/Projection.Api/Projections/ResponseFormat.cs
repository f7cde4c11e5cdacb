using Microsoft.AspNetCore.Http;

namespace Projection.Api.Projections;

/// <summary>How a projection is returned: JSON, CSV (invariant) or CSV for Swedish Excel; from <c>?format=</c>, else the Accept header.</summary>
internal enum ResponseFormat
{
    Json,
    Csv,
    CsvExcel,
}

internal static class ResponseFormats
{
    public const string FormatField = "format";

    public static ResponseFormat? From(string? format, HttpRequest request) => format?.ToLowerInvariant() switch
    {
        null or "" => request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase)) ? ResponseFormat.Csv : ResponseFormat.Json,
        "json" => ResponseFormat.Json,
        "csv" => ResponseFormat.Csv,
        "csv-excel" => ResponseFormat.CsvExcel,
        _ => null,
    };
}

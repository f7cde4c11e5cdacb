using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Projection.Files;

namespace Projection.Api.Hosting;

public static class JsonSetup
{
    /// <summary>
    /// JSON as the documented shapes: letters as they are (å, ä, ö), every field written, numbers
    /// always finite (null where undefined), and request bodies read strictly — a field the request
    /// does not have (a misspelt "fertilty") is a 400 naming it, not silently the default, and a
    /// field given twice (which would otherwise silently take the last) is a 400 naming it too.
    /// </summary>
    public static IServiceCollection AddProjectionJson(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.AllowDuplicateProperties = false;
            options.SerializerOptions.Converters.Add(new FiniteNumberJsonConverter());
        });
        return services;
    }
}

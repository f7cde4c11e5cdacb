using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Projection.Api.Hosting;

/// <summary>
/// HEAD answered wherever GET is, as RFC 9110 §9.3.2 asks of every general-purpose server: the
/// same status and headers (the ETag, the type, the encoding) without the body, which Kestrel
/// leaves out of a HEAD response. Minimal APIs map GET alone, so an uptime monitor or a cache
/// checking a projection's ETag with HEAD was answered 405.
/// </summary>
public static class HeadRequests
{
    /// <summary>Every endpoint of <paramref name="endpoints"/> that answers GET answers HEAD too.</summary>
    public static TBuilder AnswerHeadLikeGet<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder
    {
        // Finally: after each endpoint's own conventions, so that its methods are settled; routing reads the last method metadata.
        endpoints.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase)
                && !methods.HttpMethods.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase))
            {
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
            }
        });
        return endpoints;
    }
}

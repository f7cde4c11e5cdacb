namespace Projection.Api.Hosting;

public static class QueryParameters
{
    /// <summary>
    /// Refuses a query parameter the endpoint does not read (a misspelt <c>?scenaro=high</c> would
    /// otherwise silently give the main scenario): a 400 naming it and the ones that are read.
    /// </summary>
    public static TBuilder AllowQuery<TBuilder>(this TBuilder builder, params string[] names)
        where TBuilder : IEndpointConventionBuilder
    {
        var allowed = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);

        // The refusal is part of every such endpoint's contract, so the OpenAPI document lists it.
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
        builder.AddEndpointFilter(async (context, next) =>
        {
            var unknown = context.HttpContext.Request.Query.Keys.Where(key => !allowed.Contains(key)).ToList();
            if (unknown.Count > 0)
            {
                var known = allowed.Count == 0 ? "none" : string.Join(", ", allowed.Order(StringComparer.Ordinal));
                return TypedResults.ValidationProblem(unknown.ToDictionary(key => key, _ => new[] { $"is not a parameter of this endpoint; it reads: {known}." }));
            }

            return await next(context);
        });
        return builder;
    }
}

using Projection.Application;

namespace Projection.Api.Hosting;

/// <summary>A request record that carries a <c>{regionCode}</c> (bound with [AsParameters]), so that <see cref="RegionRoute"/> can put the code in place of a name.</summary>
public interface IRegionRequest
{
    string RegionCode { get; }

    /// <summary>The same request for <paramref name="code"/>.</summary>
    IRegionRequest WithRegionCode(string code);
}

public static class RegionRoute
{
    /// <summary>
    /// Lets <c>{regionCode}</c> be a name as well as a code (/projections/vasteras, /projections/Västerås):
    /// the handler receives the code, whether it takes the region as a parameter named regionCode or
    /// in a request record (<see cref="IRegionRequest"/>). An unknown text reaches the handler
    /// unchanged and is answered with the nearest names.
    /// </summary>
    public static TBuilder AcceptRegionNames<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var parameters = factory.MethodInfo.GetParameters();
            var index = Array.FindIndex(parameters, p => p.Name == "regionCode" || typeof(IRegionRequest).IsAssignableFrom(p.ParameterType));
            if (index < 0)
            {
                return next;
            }

            return async context =>
            {
                var catalog = context.HttpContext.RequestServices.GetRequiredService<ProjectionCatalog>();
                switch (context.Arguments[index])
                {
                    case string text when RegionNames.Find(text, catalog.KnownRegions) is { } code:
                        context.Arguments[index] = code;
                        break;
                    case IRegionRequest request when RegionNames.Find(request.RegionCode, catalog.KnownRegions) is { } code:
                        context.Arguments[index] = request.WithRegionCode(code);
                        break;
                }

                return await next(context);
            };
        });
        return builder;
    }
}

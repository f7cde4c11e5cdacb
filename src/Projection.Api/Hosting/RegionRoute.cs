using Projection.Application;

namespace Projection.Api.Hosting;

public static class RegionRoute
{
    /// <summary>
    /// Lets <c>{regionCode}</c> be a name as well as a code (/projections/vasteras, /projections/Västerås):
    /// the handler receives the code. An unknown text reaches the handler unchanged and is answered
    /// with the nearest names.
    /// </summary>
    public static TBuilder AcceptRegionNames<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var index = Array.FindIndex(factory.MethodInfo.GetParameters(), p => p.Name == "regionCode");
            if (index < 0)
            {
                return next;
            }

            return async context =>
            {
                if (context.Arguments[index] is string text)
                {
                    var catalog = context.HttpContext.RequestServices.GetRequiredService<ProjectionCatalog>();
                    if (RegionNames.Find(text, catalog.KnownRegions) is { } code)
                    {
                        context.Arguments[index] = code;
                    }
                }

                return await next(context);
            };
        });
        return builder;
    }
}

using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Projection.Api;
using Projection.Api.Batches;
using Projection.Api.Charts;
using Projection.Api.Health;
using Projection.Api.Hosting;
using Projection.Api.Projections;
using Projection.Api.Regions;
using Projection.Api.Scenarios;
using Projection.Api.Sources;
using Projection.Application;
using Projection.Files;
using Projection.Scb;
using Projection.Store;

// `--healthcheck`: the container's HEALTHCHECK, without curl in the image.
if (args.Contains("--healthcheck"))
{
    return await HealthProbe.RunAsync(Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") ?? "8080");
}

// The explorer page (wwwroot) is served from beside the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot") });
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

// Data: the embedded default and the scenarios, checked at start; the store, created on first start.
builder.Services.AddOptions<ProjectionServiceOptions>()
    .Bind(builder.Configuration.GetSection(ProjectionServiceOptions.Section))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProjectionStore();
builder.Services.AddSingleton<ProjectionCatalog>();
builder.Services.AddSingleton<StochasticGate>();

// Batches run one at a time in the background; jobs are kept in the store and resumed after a restart.
builder.Services.AddSingleton<BatchWorker>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<BatchWorker>());

// Refreshing the store from SCB in the background (the typed client's resilience is declared in AddScbClient).
builder.Services.AddScbClient(builder.Configuration);
builder.Services.AddSingleton<RefreshJobs>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<RefreshJobs>());

// Errors as problem details, JSON as the documented shapes, read strictly.
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddProjectionJson();

// Caching of GET projections (with ETags), limits per client, and the origins that may call from a browser.
builder.Services.AddOutputCache(options =>
    options.AddPolicy(ProjectionsApi.CachePolicy, policy => policy.Expire(TimeSpan.FromHours(1)).SetVaryByQuery("*").SetVaryByHeader("Accept").Tag(ProjectionsApi.CachePolicy)));
builder.Services.AddProjectionRequestLimits();
builder.Services.AddProjectionCors();
builder.Services.AddProjectionApiKeys();

builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]).AddCheck<DataHealthCheck>("data", tags: ["ready"]);
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen(options =>
{
    options.SwaggerDoc("v1", new() { Title = "Projection: Hur många blir vi?", Version = "v1", Description = "Population projections for Swedish municipalities (docs/api.md)." });
    foreach (var documentation in Directory.EnumerateFiles(AppContext.BaseDirectory, "Projection.*.xml").Order(StringComparer.Ordinal))
    {
        options.IncludeXmlComments(documentation);
    }

    options.OperationFilter<OpenApiDescriptions>();
});

var app = builder.Build();

// Load and check the data at start, and seed an empty store from the embedded default; a store that cannot be used stops the start with a message naming it.
ProjectionCatalog catalog;
try
{
    catalog = app.Services.GetRequiredService<ProjectionCatalog>();
    StoreSeeding.SeedIfEmpty(app.Services.GetRequiredService<SourceStore>(), catalog.Seed, app.Services.GetRequiredService<TimeProvider>());
}
catch (StoreUnavailableException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 3;
}

var storePath = StoreLocations.Describe(app.Services.GetRequiredService<IOptions<ProjectionServiceOptions>>().Value.StorePath);
Log.ProjectingFrom(app.Logger, catalog.DataSource, storePath);

app.UseExceptionHandler();
app.UseStatusCodePages();

// The explorer page "Hur många blir vi?" at /, from wwwroot; Swagger stays at /swagger.
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseCors(CrossOrigin.Policy);
app.UseAuthentication();
app.UseAuthorization();
app.UseOutputCache();
app.UseRateLimiter();
app.UseSwagger();
if (app.Services.GetRequiredService<IOptions<ProjectionServiceOptions>>().Value.SwaggerUi)
{
    app.UseSwaggerUI();
}

app.MapRegions();
app.MapScenarios();
app.MapProjections();
app.MapCharts();
app.MapSources();
app.MapBatches();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).WithTags("Health");

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

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
using Projection.Store;

// `--healthcheck`: the container's HEALTHCHECK, without curl in the image.
if (args.Contains("--healthcheck"))
{
    return await HealthProbe.RunAsync(Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") ?? "8080");
}

// The explorer page (wwwroot) is served from beside the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot") });
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

builder.Services.AddProjectionData(builder.Configuration);
builder.Services.AddProjectionBackgroundWork(builder.Configuration);
builder.Services.AddProjectionProblemDetails();
builder.Services.AddProjectionJson();
builder.Services.AddProjectionOutputCache();
builder.Services.AddProjectionResponseCompression();
builder.Services.AddProjectionRequestLimits();
builder.Services.AddProjectionCors();
builder.Services.AddProjectionApiKeys();
builder.Services.AddProjectionHealthChecks();
builder.Services.AddProjectionOpenApi();

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
Log.ProjectingFrom(app.Logger, ProductVersion.Current, catalog.DataSource, storePath);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseResponseCompression();

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

// Every GET endpoint answers HEAD too (RFC 9110): the same status and headers, no body.
var endpoints = app.MapGroup(string.Empty).AnswerHeadLikeGet();
endpoints.MapRegions();
endpoints.MapScenarios();
endpoints.MapProjections();
endpoints.MapCharts();
endpoints.MapSources();
endpoints.MapBatches();
endpoints.MapProjectionHealthChecks();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

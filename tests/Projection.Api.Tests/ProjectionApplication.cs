using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Projection.Api.Tests;

/// <summary>
/// The real service on a real Kestrel server on 127.0.0.1 (request limits and all), on the
/// embedded default, with its store in a temporary file.
/// </summary>
internal sealed class ProjectionApplication : WebApplicationFactory<Program>
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), $"projection-api-{Guid.NewGuid():N}.db");
    private readonly string _environment;
    private readonly int _customProjectionsPerMinute;

    public ProjectionApplication(string environment = "Production", int customProjectionsPerMinute = 60)
    {
        _environment = environment;
        _customProjectionsPerMinute = customProjectionsPerMinute;
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Projection:StorePath", _store);
        builder.UseSetting("Projection:CustomProjectionsPerMinute", _customProjectionsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _store, _store + "-wal", _store + "-shm" })
        {
            File.Delete(file);
        }
    }
}

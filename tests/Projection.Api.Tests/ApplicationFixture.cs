namespace Projection.Api.Tests;

/// <summary>One running service per test class, started before its first test; NUnit disposes the fixture after its last.</summary>
public abstract class ApplicationFixture : IDisposable
{
    private ProjectionApplication? _app;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>GETs <paramref name="url"/>, which must answer 200, and parses its JSON.</summary>
    protected async Task<System.Text.Json.JsonElement> GetJsonAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [OneTimeSetUp]
    public void StartService()
    {
        _app = new ProjectionApplication();
        Client = _app.CreateClient();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Client?.Dispose();
            _app?.Dispose();
        }
    }
}

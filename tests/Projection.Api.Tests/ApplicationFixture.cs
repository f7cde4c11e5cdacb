namespace Projection.Api.Tests;

/// <summary>One running service per test class, started before its first test; NUnit disposes the fixture after its last.</summary>
public abstract class ApplicationFixture : IDisposable
{
    private ProjectionApplication? _app;

    protected HttpClient Client { get; private set; } = null!;

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

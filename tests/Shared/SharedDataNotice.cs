using Projection.Tests;

// In the namespace every test project's tests are under, so that it runs once for all of them.
namespace Projection;

/// <summary>
/// Says once per test assembly, in the default output of `dotnet test`, why tests are skipped
/// when the shared SCB reference data are absent (each skipped test also carries the reason).
/// </summary>
[SetUpFixture]
public sealed class SharedDataNotice
{
    [OneTimeSetUp]
    public void SayWhyTestsAreSkipped()
    {
        if (SharedData.Directory is null)
        {
            // Around NUnit's capture of Console, so that `dotnet test` shows it without a verbosity switch.
            using var stderr = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
            stderr.WriteLine($"{typeof(SharedDataNotice).Assembly.GetName().Name}: the shared SCB reference data (shared/data beside the repository, or PROJECTION_SHARED_DATA) are not here, so the tests that compare with SCB's published figures are skipped; everything else runs.");
        }
    }
}

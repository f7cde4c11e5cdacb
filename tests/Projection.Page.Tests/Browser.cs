using Microsoft.Playwright;

namespace Projection.Page.Tests;

/// <summary>
/// Debian's Chromium, driven by Playwright (browsers cannot be downloaded here, so Playwright is
/// pointed at /usr/bin/chromium, or PROJECTION_CHROMIUM). Where it is not installed the page's
/// tests are skipped with a message naming what to install — unless PROJECTION_REQUIRE_BROWSER=1
/// (as .ci/run sets it), where a missing browser is a failure, not a skip.
/// </summary>
internal static class Browser
{
    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("PROJECTION_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool Required => Environment.GetEnvironmentVariable("PROJECTION_REQUIRE_BROWSER") == "1";

    public static string MissingMessage => $"Chromium is not installed at {ExecutablePath}: install it (Debian: apt-get install chromium) or set PROJECTION_CHROMIUM to a Chromium binary, to run the explorer page's tests in a real browser.";

    /// <summary>Skips (or, where required, fails) the calling test when there is no browser.</summary>
    public static void EnsureInstalled()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        if (Required)
        {
            Assert.Fail(MissingMessage);
        }

        Assert.Ignore(MissingMessage);
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        EnsureInstalled();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
        return (playwright, browser);
    }
}

/// <summary>Says once, in the default output of `dotnet test`, why the page's tests are skipped.</summary>
[SetUpFixture]
public sealed class BrowserNotice
{
    [OneTimeSetUp]
    public void SayWhyTestsAreSkipped()
    {
        if (!File.Exists(Browser.ExecutablePath) && !Browser.Required)
        {
            using var stderr = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
            stderr.WriteLine($"Projection.Page.Tests: {Browser.MissingMessage} These tests are skipped; everything else runs.");
        }
    }
}

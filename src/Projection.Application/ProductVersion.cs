using System.Reflection;

namespace Projection.Application;

/// <summary>
/// The version both hosts report (`projection --version`, the service's first log line): the
/// build's version and the commit it was built from ("1.0.0+07f2a71…"), which the SDK writes into
/// every assembly's informational version, so that a bug report can say which build it was.
/// </summary>
public static class ProductVersion
{
    public static string Current { get; } =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ProductVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}

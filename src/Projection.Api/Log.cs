namespace Projection.Api;

/// <summary>The service's structured log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refresh {Id} from SCB failed")]
    public static partial void RefreshFailed(ILogger logger, Exception exception, Guid id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Version}: projecting from {DataSource}. Store: {StorePath}")]
    public static partial void ProjectingFrom(ILogger logger, string version, string dataSource, string storePath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stochastic projections warmed up: {Rounds} rounds of {Trajectories} trajectories")]
    public static partial void IntervalsWarmedUp(ILogger logger, int rounds, int trajectories);
}

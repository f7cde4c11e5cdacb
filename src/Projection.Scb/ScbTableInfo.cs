namespace Projection.Scb;

/// <summary>A table found by PxWebApi 2.0's search (<c>GET /tables?query=</c>): its id and what it holds.</summary>
public sealed record ScbTableInfo(string Id, string Label, DateTimeOffset? Updated, string? FirstPeriod, string? LastPeriod);

using System.Collections.Concurrent;
using Projection.Files;
using Projection.Store;

namespace Projection.Api;

/// <summary>
/// The scenarios the service knows by name: the shipped ones (models/scenarios: main, low, high)
/// and those users saved — through this service, another instance on the same store, or the
/// command line (<c>projection scenario import</c>). The store is read again for new ones at most
/// every <see cref="SavedScenariosInterval"/>, so that a request never waits on it.
/// </summary>
public sealed class ScenarioCatalog
{
    /// <summary>How often the store is read for scenarios saved elsewhere.</summary>
    public static readonly TimeSpan SavedScenariosInterval = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, ScenarioFile.Document> _scenarios = new(StringComparer.Ordinal);
    private readonly ScenarioStore _saved;
    private long _readAt = Environment.TickCount64;

    public ScenarioCatalog(string shippedDirectory, ScenarioStore saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        _saved = saved;
        foreach (var scenario in ScenarioFile.ReadDirectory(shippedDirectory).Values.Concat(saved.List()))
        {
            _scenarios[scenario.Name] = scenario;
        }

        if (!_scenarios.ContainsKey("main"))
        {
            throw new InvalidDataFileException($"{shippedDirectory}: no 'main' scenario.");
        }
    }

    /// <summary>Every scenario by name, the store's newly saved ones included (read at most every <see cref="SavedScenariosInterval"/>).</summary>
    public IReadOnlyDictionary<string, ScenarioFile.Document> All
    {
        get
        {
            var now = Environment.TickCount64;
            var last = Interlocked.Read(ref _readAt);
            if (now - last > SavedScenariosInterval.TotalMilliseconds && Interlocked.CompareExchange(ref _readAt, now, last) == last)
            {
                foreach (var saved in _saved.List())
                {
                    _scenarios.TryAdd(saved.Name, saved);
                }
            }

            return _scenarios;
        }
    }

    /// <summary>Makes a newly saved scenario available by name.</summary>
    public void Add(ScenarioFile.Document scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenarios[scenario.Name] = scenario;
    }

    /// <summary>Forgets a deleted saved scenario.</summary>
    public void Remove(string name) => _scenarios.TryRemove(name, out _);
}

using Projection.Core;
using Projection.Files;

namespace Projection.Application;

/// <summary>A batch file's runs resolved against the data the service projects from (its regions and scenarios).</summary>
public static class BatchRuns
{
    /// <summary>
    /// Resolves every run against <paramref name="data"/>'s scenarios and regions; all problems
    /// throw one <see cref="InvalidInputException"/> keyed by field, e.g. <c>runs[2].scenario</c>.
    /// </summary>
    public static IReadOnlyList<RunSpecification> Resolve(BatchFile.Document document, RunData data)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(data);
        var errors = new ValidationErrors();
        if (!BatchFile.FileSafe().IsMatch(document.Name ?? ""))
        {
            errors.Add("name", $"'{document.Name}' must be 1–64 letters, digits, '.', '_' or '-'.");
        }

        if (document.Runs is null || document.Runs.Count == 0)
        {
            errors.Add("runs", "a batch needs at least one run.");
        }
        else if (document.Runs.Count > BatchFile.MaxRuns)
        {
            errors.Add("runs", $"{document.Runs.Count} runs; at most {BatchFile.MaxRuns} per batch.");
        }

        var runs = new List<RunSpecification>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (document.Runs?.Count ?? 0) && i < BatchFile.MaxRuns; i++)
        {
            var run = document.Runs![i];
            var field = $"runs[{i}]";
            if (run is null)
            {
                errors.Add(field, "is empty.");
                continue;
            }

            if (!BatchFile.FileSafe().IsMatch(run.Name ?? ""))
            {
                errors.Add($"{field}.name", $"'{run.Name}' must be 1–64 letters, digits, '.', '_' or '-'.");
            }
            else if (!names.Add(run.Name!))
            {
                errors.Add($"{field}.name", $"'{run.Name}' is used by an earlier run.");
            }

            // By code or by name, as a custom projection takes them ("Uppsala", "Västmanlands län").
            var regions = run.Regions is { Count: > 0 } given
                ? given.Select(r => CodeOf(r, data)).ToList()
                : [data.CountyCode];
            foreach (var region in regions.Where(r => r is null || !data.IsKnownRegion(r)))
            {
                errors.Add($"{field}.regions", region is null
                    ? "holds an empty entry; give region codes or names such as \"1980\" or \"Västerås\"."
                    : $"unknown region '{region}' (a county's or municipality's code or name); nearest: {string.Join(", ", RegionNames.Nearest(region, data.AllRegions))}.");
            }

            if (regions.Distinct(StringComparer.Ordinal).Count() != regions.Count)
            {
                errors.Add($"{field}.regions", "lists a region twice.");
            }

            var baseName = run.Scenario ?? "main";
            if (!data.Scenarios.TryGetValue(baseName, out var baseScenario))
            {
                errors.Add($"{field}.scenario", $"unknown scenario '{baseName}'; known: {string.Join(", ", data.Scenarios.Keys)}.");
                continue;
            }

            var scenario = baseScenario.ToScenario() with
            {
                Name = run.Overrides is null ? baseName : $"{baseName}+overrides",
                Horizon = run.Horizon ?? baseScenario.Horizon,
                Fertility = run.Overrides?.Fertility ?? baseScenario.Fertility,
                Mortality = run.Overrides?.Mortality ?? baseScenario.Mortality,
                Migration = run.Overrides?.Migration ?? baseScenario.Migration,
            };
            try
            {
                scenario.Validate();
            }
            catch (InvalidInputException e)
            {
                foreach (var (key, messages) in e.Errors)
                {
                    var prefix = key == "horizon" ? field : $"{field}.overrides";
                    foreach (var message in messages)
                    {
                        errors.Add($"{prefix}.{key}", message);
                    }
                }
            }

            if (run.Trajectories is { } count && (count < 1 || count > StochasticOptions.MaxTrajectories))
            {
                errors.Add($"{field}.trajectories", $"must be between 1 and {StochasticOptions.MaxTrajectories}, was {count}.");
            }

            if (run.Seed is { } seed && seed < 0)
            {
                errors.Add($"{field}.seed", $"must be zero or more, was {seed}.");
            }
            else if (run.Seed is not null && run.Trajectories is null)
            {
                errors.Add($"{field}.seed", "is only used with trajectories.");
            }

            runs.Add(new RunSpecification(run.Name ?? "", regions, scenario, run.Trajectories, (ulong)Math.Max(0, run.Seed ?? 1), baseScenario.MigrationSource));
        }

        errors.ThrowIfAny();
        return runs;
    }

    /// <summary>A region's code from its code or name; what names none (or a null entry, as JSON may hold) as it is, for validation to report.</summary>
    private static string CodeOf(string region, RunData data) =>
        region is not null && !data.IsKnownRegion(region) && RegionNames.Find(region, data.AllRegions) is { } code ? code : region!;
}

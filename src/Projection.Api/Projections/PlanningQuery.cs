using Projection.Core;
using Projection.Files;

namespace Projection.Api.Projections;

/// <summary>
/// The two query parameters planners ask with: <c>years</c> (just 2030, 2035 and 2040) and
/// <c>ageGroups</c> (their own groups, e.g. 1-5,6-15,16-18,80+). Errors go into the request's
/// one dictionary, named by field.
/// </summary>
internal static class PlanningQuery
{
    /// <summary>The most years one request may list.</summary>
    public const int MostYears = 200;

    public static IReadOnlyList<AgeGroup>? AgeGroups(string? text, int? trajectories, PopulationLayout layout, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (trajectories is not null)
        {
            // The intervals are computed for the planning groups; other groups would come without them.
            errors["ageGroups"] = ["cannot be combined with trajectories: intervals are computed for the planning groups (leave out ageGroups, or trajectories)."];
            return null;
        }

        try
        {
            return AgeGroupings.Parse(text, layout, "ageGroups");
        }
        catch (InvalidInputException e)
        {
            foreach (var (field, messages) in e.Errors)
            {
                errors[field] = [.. messages];
            }

            return null;
        }
    }

    public static IReadOnlyList<int>? Years(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var bad = parts.Where(p => !int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) || y < 1 || y > 9999).ToList();
        if (parts.Length == 0 || bad.Count > 0)
        {
            errors["years"] = [parts.Length == 0 ? "give at least one year, e.g. 2030,2035,2040." : $"'{bad[0]}' is not a year; write years separated by commas, e.g. 2030,2035,2040."];
            return null;
        }

        if (parts.Length > MostYears)
        {
            errors["years"] = [$"lists {parts.Length} years; at most {MostYears}."];
            return null;
        }

        return parts.Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
    }

    /// <summary>The response with only the chosen years (and their intervals).</summary>
    public static ProjectionResponse OnlyYears(ProjectionResponse response, IReadOnlyList<int>? years)
    {
        if (years is null)
        {
            return response;
        }

        var keep = years.ToHashSet();
        return response with
        {
            Years = response.Years.Where(y => keep.Contains(y.Year)).ToList(),
            Uncertainty = response.Uncertainty is { } u ? u with { Years = u.Years.Where(y => keep.Contains(y.Year)).ToList() } : null,
        };
    }
}

namespace Projection.Core;

/// <summary>Named sets of age groups, and the parser for custom ones.</summary>
public static class AgeGroupings
{
    /// <summary>
    /// The groups Swedish municipalities plan services by: 0; 1–5 preschool (förskola);
    /// 6–15 compulsory school (grundskola, förskoleklass to year 9); 16–18 upper secondary
    /// (gymnasium); 19–24; 25–44; 45–64; 65–79; 80–89; 90+ (elderly care).
    /// </summary>
    public static IReadOnlyList<AgeGroup> Planning { get; } =
    [
        new("0", 0, 0),
        new("1-5", 1, 5),
        new("6-15", 6, 15),
        new("16-18", 16, 18),
        new("19-24", 19, 24),
        new("25-44", 25, 44),
        new("45-64", 45, 64),
        new("65-79", 65, 79),
        new("80-89", 80, 89),
        new("90+", 90, null),
    ];

    /// <summary>
    /// A pyramid's bands with intervals: five-year age groups 0–4 … 95–99 and the open group, for
    /// men ("men:0-4", …) then women ("women:0-4", …). Bands rather than single years because one
    /// year of one sex in a small municipality is a handful of people, whose quantiles are noise,
    /// and because 42 series keep the trajectories' memory small (as UN WPP draws its probabilistic pyramids).
    /// </summary>
    public static IReadOnlyList<AgeGroup> PyramidBands(PopulationLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var bands = new List<AgeGroup>();
        foreach (var sex in new[] { Sex.Male, Sex.Female })
        {
            var prefix = sex == Sex.Male ? "men:" : "women:";
            for (var from = 0; from <= layout.OldestAge; from += 5)
            {
                var open = from + 5 > layout.OldestAge;
                bands.Add(new AgeGroup(prefix + (open ? $"{from}+" : $"{from}-{from + 4}"), from, open ? null : from + 4) { Sex = sex });
            }
        }

        return bands;
    }

    /// <summary>The most groups one list may hold: one per single year of age and a few more.</summary>
    public const int MostGroups = 120;

    /// <summary>
    /// Parses a comma-separated list such as <c>0-5,6-15,80+,42</c>: a range, an open group
    /// "N+", or one age. Throws <see cref="InvalidInputException"/> naming the bad part.
    /// </summary>
    public static IReadOnlyList<AgeGroup> Parse(string text, PopulationLayout layout, string field = "ageGroups")
    {
        var errors = new ValidationErrors();
        var groups = new List<AgeGroup>();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "give at least one age group, e.g. 0-5,6-15,80+.");
            errors.ThrowIfAny();
        }

        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParseOne(raw, out var group) || group.FromAge > layout.OldestAge || group.ToAge < group.FromAge)
            {
                errors.Add(field, $"'{raw}' is not an age group within 0..{layout.OldestAge}: write A-B, A+ or A.");
            }
            else if (group.ToAge > layout.OldestAge)
            {
                // The oldest age is an open group (100 and over): a range past it would be labelled for ages the data do not separate.
                errors.Add(field, $"'{raw}' goes past {layout.OldestAge}, the last age counted, which holds everyone {layout.OldestAge} and over: write {group.FromAge}+.");
            }
            else if (groups.Exists(g => g.Name == group.Name))
            {
                errors.Add(field, $"'{raw}' is given twice.");
            }
            else
            {
                groups.Add(group);
            }
        }

        if (groups.Count > MostGroups)
        {
            errors.Add(field, $"lists {groups.Count} age groups; at most {MostGroups}.");
        }

        if (groups.Count == 0 && errors.IsEmpty)
        {
            errors.Add(field, "give at least one age group, e.g. 0-5,6-15,80+.");
        }

        errors.ThrowIfAny();
        return groups;
    }

    private static bool TryParseOne(string raw, out AgeGroup group)
    {
        group = null!;
        if (raw.EndsWith('+'))
        {
            if (!int.TryParse(raw.AsSpan(0, raw.Length - 1), out var from) || from < 0)
            {
                return false;
            }

            group = new AgeGroup(raw, from, null);
            return true;
        }

        var dash = raw.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            if (!int.TryParse(raw, out var age) || age < 0)
            {
                return false;
            }

            group = new AgeGroup(raw, age, age);
            return true;
        }

        if (!int.TryParse(raw.AsSpan(0, dash), out var low) || !int.TryParse(raw.AsSpan(dash + 1), out var high) || low < 0)
        {
            return false;
        }

        group = new AgeGroup(raw, low, high);
        return true;
    }
}

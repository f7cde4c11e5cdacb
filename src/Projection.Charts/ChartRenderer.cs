using System.Globalization;
using Projection.Files;
using ScottPlot;

namespace Projection.Charts;

/// <summary>
/// Ready charts for the infographic team, drawn headless with ScottPlot in the explorer page's
/// design (wwwroot/explorer.js): Swedish labels and numbers ("300 000"), the Okabe–Ito palette
/// (safe for colour-blindness; the scenarios also differ by dash, for greyscale), totals from
/// zero, the legend below the data, symmetric pyramid axes without outlines, and a source line.
/// Fonts are set explicitly (DejaVu Sans, Debian's default), since a server has no desktop to choose one.
/// </summary>
public static partial class ChartRenderer
{
    public const int Width = 800;

    public const int Height = 500;

    public const string FontName = "DejaVu Sans";

    // Swedish number format written out, since the service runs in invariant globalization mode (no ICU in the image):
    // a (non-breaking) space between thousands, a decimal comma.
    private static readonly NumberFormatInfo Swedish = new() { NumberGroupSeparator = "\u00a0", NumberDecimalSeparator = "," };

    private static readonly Color Black = Color.FromHex("#1a1a1a");
    private static readonly Color Blue = Color.FromHex("#0072B2");
    private static readonly Color Orange = Color.FromHex("#E69F00");
    private static readonly Color Vermillion = Color.FromHex("#D55E00");
    private static readonly Color Green = Color.FromHex("#009E73");
    private static readonly Color Sky = Color.FromHex("#56B4E9");

    /// <summary>The scenarios' Swedish names, as SCB names its alternatives.</summary>
    public static string ScenarioName(string scenario) => scenario switch
    {
        "main" => "huvudalternativ",
        "low" => "lågt alternativ",
        "high" => "högt alternativ",
        _ => scenario,
    };

    public static string SourceLine(string scenario, int baseYear) =>
        $"Källa: SCB; framskrivning: Projection, scenario {ScenarioName(scenario)}, basår {baseYear.ToString(CultureInfo.InvariantCulture)}.";

    /// <summary>The total over time: published history, the projection of each scenario given (the first drawn strongest), and the first one's intervals.</summary>
    public static Plot Total(IReadOnlyList<ProjectionResponse> projections)
    {
        var first = projections[0];
        var plot = NewPlot($"{first.RegionName}: folkmängd 31 december");
        var observed = first.Years.Where(y => y.Observed).ToList();
        if (first.Uncertainty is { } uncertainty)
        {
            // Bands first, so that the central line is drawn over them.
            var xs = uncertainty.Years.Select(y => (double)y.Year).ToArray();
            var outer = plot.Add.FillY(xs, uncertainty.Years.Select(y => y.Total.Lower95).ToArray(), uncertainty.Years.Select(y => y.Total.Upper95).ToArray());
            outer.LegendText = "95 % av simulerade utfall";
            outer.FillStyle.Color = Sky.WithAlpha(0.3);
            outer.LineStyle.Width = 0;
            var inner = plot.Add.FillY(xs, uncertainty.Years.Select(y => y.Total.Lower80).ToArray(), uncertainty.Years.Select(y => y.Total.Upper80).ToArray());
            inner.LegendText = "80 % av simulerade utfall";
            inner.FillStyle.Color = Sky.WithAlpha(0.6);
            inner.LineStyle.Width = 0;
        }

        if (observed.Count > 0)
        {
            var history = plot.Add.Scatter(observed.Select(y => (double)y.Year).ToArray(), observed.Select(y => y.Total).ToArray());
            history.LegendText = "Observerad folkmängd (SCB)";
            history.MarkerSize = 0;
            history.LineWidth = 2;
            history.Color = Black;
        }

        foreach (var projection in projections)
        {
            var projected = projection.Years.Where(y => y.Year >= projection.BaseYear).ToList();
            var (color, pattern) = projection.Scenario switch
            {
                "main" => (Blue, LinePattern.Solid),
                "low" => (Vermillion, LinePattern.Dashed),
                "high" => (Green, LinePattern.Dotted),
                _ => (Orange, LinePattern.DenselyDashed),
            };
            var future = plot.Add.Scatter(projected.Select(y => (double)y.Year).ToArray(), projected.Select(y => y.Total).ToArray());
            future.LegendText = $"Framskrivning, {ScenarioName(projection.Scenario)}";
            future.MarkerSize = 0;
            future.LineWidth = projection == first ? 3 : 2;
            future.LinePattern = pattern;
            future.Color = color;
        }

        plot.XLabel($"År\n{SourceLine(first.Scenario, first.BaseYear)}");
        plot.YLabel("Personer");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = year => year.ToString("0", CultureInfo.InvariantCulture) };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = people => people.ToString("#,0", Swedish) };
        var highest = projections.SelectMany(p => p.Years).Select(y => y.Total).Concat(first.Uncertainty?.Years.Select(y => y.Total.Upper95) ?? []).Max();
        plot.Axes.AutoScaleX();
        plot.Axes.SetLimitsY(0, highest * 1.05);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>
    /// The components of change per projected year, as the explorer page draws them: births, deaths,
    /// moves in from and out to other municipalities, immigration and emigration. Each pair of
    /// flows shares a colour, the outward one dashed; the axis starts at zero.
    /// </summary>
    public static Plot Components(ProjectionResponse projection)
    {
        var plot = NewPlot($"{projection.RegionName}: födda, döda och flyttningar per år");
        var projected = projection.Years.Where(y => !y.Observed && y.Year > projection.BaseYear).ToList();
        var years = projected.Select(y => (double)y.Year).ToArray();
        (string Label, Func<ProjectionYear, double?> Flow, Color Color, LinePattern Pattern)[] components =
        [
            ("Födda", y => y.Births, Green, LinePattern.Solid),
            ("Döda", y => y.Deaths, Black, LinePattern.Solid),
            ("Inflyttade från andra kommuner", y => y.DomesticIn, Blue, LinePattern.Solid),
            ("Utflyttade till andra kommuner", y => y.DomesticOut, Blue, LinePattern.Dashed),
            ("Invandrade", y => y.Immigration, Orange, LinePattern.Solid),
            ("Utvandrade", y => y.Emigration, Orange, LinePattern.Dashed),
        ];
        var highest = 0.0;
        foreach (var (label, flow, color, pattern) in components)
        {
            var values = projected.Select(y => flow(y) ?? 0).ToArray();
            var line = plot.Add.Scatter(years, values);
            line.LegendText = label;
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.LinePattern = pattern;
            line.Color = color;
            highest = Math.Max(highest, values.DefaultIfEmpty(0).Max());
        }

        plot.XLabel($"År (flöden under året)\n{SourceLine(projection.Scenario, projection.BaseYear)}");
        plot.YLabel("Personer per år");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = year => year.ToString("0", CultureInfo.InvariantCulture) };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = people => people.ToString("#,0", Swedish) };
        // From the first projected year to the last, without the margin autoscaling adds, which
        // showed a tick at the base year, a year whose flows are not drawn.
        if (years.Length > 1)
        {
            plot.Axes.SetLimitsX(years[0], years[^1]);
        }
        else
        {
            plot.Axes.AutoScaleX();
        }

        plot.Axes.SetLimitsY(0, Math.Max(highest, 1) * 1.05);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>
    /// The pyramid of a year, its axis wide enough for <paramref name="sameScaleAs"/> too (the base
    /// and last years', as the explorer page scales it), so that charts of successive years, the
    /// frames of a film, keep one scale unless a year between is wider than both.
    /// </summary>
    public static Plot Pyramid(PyramidResponse pyramid, int baseYear, IReadOnlyList<PyramidResponse> sameScaleAs)
    {
        var baseYearModeled = pyramid.Year == baseYear && pyramid.Modeled;
        var plot = NewPlot($"{pyramid.RegionName} {pyramid.Year}: ålder och kön ({ScenarioName(pyramid.Scenario)})" + (baseYearModeled ? ", modellerad fördelning" : ""));
        var ages = Enumerable.Range(0, pyramid.Ages.Count).Select(a => (double)a).ToArray();
        var men = plot.Add.Bars(ages, pyramid.Ages.Select(a => -a.Men).ToArray());
        men.Horizontal = true;
        men.LegendText = "Män";
        var women = plot.Add.Bars(ages, pyramid.Ages.Select(a => a.Women).ToArray());
        women.Horizontal = true;
        women.LegendText = "Kvinnor";
        foreach (var (bars, color) in new[] { (men, Blue), (women, Orange) })
        {
            foreach (var bar in bars.Bars)
            {
                bar.FillColor = color;
                bar.LineWidth = 0;
                bar.Size = 1;
            }
        }

        // The intervals of each five-year band, per year of age (the band's spread over its ages), at the band's middle age.
        var widestInterval = 0.0;
        if (pyramid.Uncertainty is { } uncertainty)
        {
            for (var b = 0; b < uncertainty.Bands.Count; b++)
            {
                var band = uncertainty.Bands[b];
                var agesInBand = Math.Min(5, pyramid.Ages.Count - (5 * b));
                var middle = (5 * b) + ((agesInBand - 1) / 2.0);
                foreach (var (interval, side) in new[] { (band.Men, -1.0), (band.Women, 1.0) })
                {
                    var wide = plot.Add.Line(side * interval.Lower95 / agesInBand, middle, side * interval.Upper95 / agesInBand, middle);
                    wide.LineWidth = 1.5f;
                    wide.LineColor = Black;
                    var narrow = plot.Add.Line(side * interval.Lower80 / agesInBand, middle, side * interval.Upper80 / agesInBand, middle);
                    narrow.LineWidth = 4;
                    narrow.LineColor = Black;
                    if (b == 0 && side < 0)
                    {
                        narrow.LegendText = $"80 % intervall (tjock) och 95 % (tunn), femårsklass per ettårsklass, {uncertainty.Trajectories} banor";
                    }

                    widestInterval = Math.Max(widestInterval, interval.Upper95 / agesInBand);
                }
            }
        }

        // Symmetric: the same scale for men and women, so that the two sides compare by eye.
        var widest = Math.Max(sameScaleAs.Append(pyramid).SelectMany(p => p.Ages).Max(a => Math.Max(a.Men, a.Women)), widestInterval) * 1.05;
        plot.Axes.SetLimitsX(-widest, widest);
        plot.Axes.SetLimitsY(-0.5, pyramid.Ages.Count - 0.5);
        plot.XLabel($"Personer per ettårsklass (män till vänster, kvinnor till höger)\n{SourceLine(pyramid.Scenario, baseYear)}" + (baseYearModeled ? "\nBasårets fördelning på ettårsklasser är modellerad (SCB 2019 framskriven), inte observerad." : ""));
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = people => Math.Abs(people).ToString("#,0", Swedish) };
        plot.YLabel("Ålder");
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>
    /// The SVG with a viewBox, so that it scales when embedded in a page, and the same bytes every
    /// time the same chart is drawn: ScottPlot numbers its clip paths from a counter of the process
    /// (cl_14, cl_15, … on one drawing, cl_1b … on the next), so that a chart's bytes, and length,
    /// changed with every drawing (a HEAD's Content-Length did not match its GET's). They are named
    /// instead from the chart's content, which keeps them apart when different charts are inlined
    /// in one page.
    /// </summary>
    public static string Svg(Plot plot)
    {
        var svg = plot.GetSvgXml(Width, Height);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start >= 0 && !svg.Contains("viewBox", StringComparison.Ordinal))
        {
            svg = svg.Insert(start + 4, FormattableString.Invariant($" viewBox=\"0 0 {Width} {Height}\""));
        }

        var unnumbered = ClipPathId().Replace(svg, "cl");
        var prefix = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(unnumbered)))[..10];
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipPathId().Replace(svg, id => renamed.TryGetValue(id.Value, out var name) ? name : renamed[id.Value] = FormattableString.Invariant($"cl{prefix}-{renamed.Count + 1}"));
    }

    /// <summary>The chart as a file's bytes: SVG (UTF-8) or PNG, 800 × 500.</summary>
    /// <param name="plot">The chart.</param>
    /// <param name="extension">"svg" or "png".</param>
    public static byte[] Bytes(Plot plot, string extension)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return extension == "svg" ? System.Text.Encoding.UTF8.GetBytes(Svg(plot)) : plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bcl_[0-9a-f]+\b")]
    private static partial System.Text.RegularExpressions.Regex ClipPathId();

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title);
        return plot;
    }
}

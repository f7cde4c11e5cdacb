using Projection.Api.Projections;
using Projection.Application;
using Projection.Files;
using Projection.Store;
using ScottPlot;

namespace Projection.Api.Charts;

/// <summary>
/// Ready charts for the infographic team, drawn headless with ScottPlot: the total over time
/// (published history and projection) and the population pyramid. Fonts are set explicitly
/// (DejaVu Sans, Debian's default), since a server has no desktop to choose one.
/// </summary>
internal static class ChartRenderer
{
    public const int Width = 800;

    public const int Height = 500;

    public const string FontName = "DejaVu Sans";

    public static Plot Total(ProjectionResponse projection)
    {
        var plot = NewPlot($"{projection.RegionName}: folkmängd ({projection.Scenario})");
        var observed = projection.Years.Where(y => y.Observed).ToList();
        var projected = projection.Years.Where(y => y.Year >= projection.BaseYear).ToList();
        if (observed.Count > 0)
        {
            var history = plot.Add.Scatter(observed.Select(y => (double)y.Year).ToArray(), observed.Select(y => y.Total).ToArray());
            history.LegendText = "observed";
            history.MarkerSize = 0;
            history.LineWidth = 2;
        }

        if (projection.Uncertainty is { } uncertainty)
        {
            // Bands first, so that the central line is drawn over them.
            var xs = uncertainty.Years.Select(y => (double)y.Year).ToArray();
            var outer = plot.Add.FillY(xs, uncertainty.Years.Select(y => y.Total.Lower95).ToArray(), uncertainty.Years.Select(y => y.Total.Upper95).ToArray());
            outer.LegendText = "95 % interval";
            outer.FillStyle.Color = Colors.SteelBlue.WithAlpha(0.2);
            outer.LineStyle.Width = 0;
            var inner = plot.Add.FillY(xs, uncertainty.Years.Select(y => y.Total.Lower80).ToArray(), uncertainty.Years.Select(y => y.Total.Upper80).ToArray());
            inner.LegendText = "80 % interval";
            inner.FillStyle.Color = Colors.SteelBlue.WithAlpha(0.4);
            inner.LineStyle.Width = 0;
        }

        var future = plot.Add.Scatter(projected.Select(y => (double)y.Year).ToArray(), projected.Select(y => y.Total).ToArray());
        future.LegendText = "projection";
        future.MarkerSize = 0;
        future.LineWidth = 2;
        future.LinePattern = LinePattern.Dashed;
        plot.XLabel("year");
        plot.YLabel("population on 31 December");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = year => year.ToString("0", System.Globalization.CultureInfo.InvariantCulture) };
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    public static Plot Pyramid(PyramidResponse pyramid)
    {
        var plot = NewPlot($"{pyramid.RegionName} {pyramid.Year}: ålder och kön ({pyramid.Scenario})");
        var ages = Enumerable.Range(0, pyramid.Ages.Count).Select(a => (double)a).ToArray();
        var men = plot.Add.Bars(ages, pyramid.Ages.Select(a => -a.Men).ToArray());
        men.Horizontal = true;
        men.LegendText = "men";
        var women = plot.Add.Bars(ages, pyramid.Ages.Select(a => a.Women).ToArray());
        women.Horizontal = true;
        women.LegendText = "women";
        plot.XLabel("people (men to the left, women to the right)");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = people => Math.Abs(people).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) };
        plot.YLabel("age");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title);
        return plot;
    }
}

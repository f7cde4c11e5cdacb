namespace Projection.Core.Tests;

public class IntervalTrackRecordTests
{
    [Test]
    public void A_record_for_some_indicators_keeps_theirs_in_order_and_makes_up_none()
    {
        var record = new IntervalTrackRecord("counties", [
            new IntervalCoverage("total", 5, 10, 80, 90, 1, 1),
            new IntervalCoverage("0", 5, 10, 50, 70, 5, 0),
            new IntervalCoverage("80-89", 5, 10, 100, 100, 0, 0),
        ]);

        var some = record.For(["80-89", "total", "80+"]);

        Assert.That(some!.Coverage.Select(c => c.Indicator), Is.EqualTo(new[] { "total", "80-89" }), "80+ was never checked");
        Assert.That(some.Source, Is.EqualTo("counties"));
        Assert.That(record.For(["men:0-4", "women:0-4"]), Is.Null, "a pyramid's bands have no record");
    }

    [Test]
    public void A_municipality_takes_what_was_checked_on_municipalities_where_there_is_such_a_check_and_a_county_never_does()
    {
        var record = new IntervalTrackRecord("both", [
            new IntervalCoverage("total", 5, 172, 85.5, 98.3, 16, 9),
            new IntervalCoverage("1-5", 5, 172, 56.4, 75.6, 58, 17),
            new IntervalCoverage("total", 5, 250, 75.6, 95.6, 20, 41, IntervalCoverage.Municipalities),
        ]);

        var municipality = record.For(["total", "1-5"], municipality: true)!.Coverage;
        var county = record.For(["total", "1-5"])!.Coverage;

        Assert.That(municipality.Select(c => (c.Indicator, c.In80Percent)), Is.EqualTo(new[] { ("total", 75.6), ("1-5", 56.4) }));
        Assert.That(county.Select(c => (c.Indicator, c.In80Percent)), Is.EqualTo(new[] { ("total", 85.5), ("1-5", 56.4) }));
    }
}

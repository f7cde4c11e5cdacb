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
}

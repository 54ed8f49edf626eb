using Section287.Data.Reference;
using Section287.Features.Agreements;
using Section287.Features.Evaluation;
using Section287.Features.IceLists;

namespace Section287.Tests.Features.Evaluation;

/// <summary>Treatment: a county's first agreement decides its year; statewide agreements and unplaced ones are kept apart.</summary>
public sealed class TreatmentTests
{
    private static AgreementStart Start(string state, string? fips, string date, AgreementModel model = AgreementModel.Jail, bool statewide = false,
        StartSource from = StartSource.Registry) =>
        new(state, fips, statewide, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), model, "Fictional agency", from);

    [Fact]
    public void A_county_is_treated_from_its_first_agreement_whatever_the_order_they_come_in()
    {
        var assignment = Treatment.Assign([
            Start("WY", "56901", "2020-05-01", AgreementModel.TaskForce),
            Start("WY", "56901", "2016-02-01", AgreementModel.WarrantService, from: StartSource.Monitor),
            Start("WY", "56902", "2025-03-01"),
            Start("MT", null, "2012-01-01", statewide: true),
            Start("MT", null, "2019-01-01", statewide: true),
            Start("WY", null, "2020-01-01"),
        ]);
        assignment.Counties["56901"].Year.ShouldBe(2016);
        assignment.Counties["56901"].Model.ShouldBe(AgreementModel.WarrantService);
        assignment.Counties["56901"].From.ShouldBe(StartSource.Monitor);
        assignment.Counties["56902"].Year.ShouldBe(2025);
        assignment.StatewideByState["MT"].Start.Year.ShouldBe(2012);
        assignment.Unplaced.ShouldBe(1);
        assignment.FromMonitorOnly.ShouldBe(1);

        // The same starts in another order give the same assignment (and fingerprint, which keys the cache).
        var again = Treatment.Assign([
            Start("WY", null, "2020-01-01"),
            Start("MT", null, "2019-01-01", statewide: true),
            Start("WY", "56902", "2025-03-01"),
            Start("WY", "56901", "2016-02-01", AgreementModel.WarrantService, from: StartSource.Monitor),
            Start("MT", null, "2012-01-01", statewide: true),
            Start("WY", "56901", "2020-05-01", AgreementModel.TaskForce),
        ]);
        again.Fingerprint.ShouldBe(assignment.Fingerprint);
    }

    [Fact]
    public void The_monitor_file_adds_the_agreements_that_left_the_program_since_2025()
    {
        var monitor = Treatment.ReadMonitor(ReferenceData.Bundled);
        // Every agreement on ICE's newest list (bundled) is known; the monitor's extra rows are those that left.
        using var list = ReferenceData.OpenBundled(BundledIceList.FileName);
        using var buffer = new MemoryStream();
        list.CopyTo(buffer);
        var newest = IceListWorkbook.Read(buffer, out _)!.Rows
            .Select(r => IceListRowParser.Parse(r, new DateOnly(2026, 5, 18), ReferenceData.Bundled))
            .Where(r => !r.IsRejected).Select(r => (r.State!.Code, ReferenceData.Fold(r.AgencyName), r.Model!.Value)).ToHashSet();
        var left = monitor.Where(s => !newest.Contains((s.State, ReferenceData.Fold(s.Agency), s.Model))).ToList();
        left.ShouldNotBeEmpty();
        left.Count(s => s.CountyFips is not null).ShouldBeGreaterThan(0);
        // Dates are read from the monitor's own text ("5/17/26") as well as ICE's formats: no start is in the future of the file.
        monitor.ShouldAllBe(s => s.Start <= new DateOnly(2026, 5, 18) && s.Start.Year >= 1996);
    }
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Agreements;
using Section287.Features.Complaints;
using Section287.Features.Inspections;

namespace Section287.Tests.Features.Transparency;

/// <summary>
/// Issue 18: beyond encounters, the public reads officers designated and trained, complaints and their allegations by type and
/// finding, and inspection findings raised, closed and open, per agency and quarter, through the same release and the same gate.
/// Records are written straight into the database with the entities' own factories, dated inside and outside the settled quarter.
/// </summary>
public sealed class FigureSourcesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime Utc(int month, int day, int hour = 15) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task OfficersComplaintsAndInspectionFindings_ArePublishedPerQuarter_AsCountedFromTheRecords()
    {
        // 15 November 2026: the third quarter (July to September) has settled; the fourth has not.
        var clock = new TestClock(new DateTimeOffset(2026, 11, 15, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var omega = await Given.AgencyAsync(app, "Test Omega County Sheriff's Office", state: "ZZ");
        var sigma = await Given.AgencyAsync(app, "Test Sigma City Police Department", state: "ZZ");
        var jail = await Given.AgreementAsync(app, omega, AgreementModel.Jail);

        // Officers: 12 certified on 22 July and authorized on 27 July; one authorization revoked in September.
        var officers = new List<Guid>();
        for (var i = 0; i < 12; i++) officers.Add(await GivenOfficers.AuthorizedAsync(app, omega, Utc(8, 1), jail));
        await app.WithDbAsync(async (db, _) =>
        {
            var revoked = await db.Authorizations.IgnoreQueryFilters().FirstAsync(a => a.OfficerId == officers[0], Ct);
            revoked.Revoke("Test", "Left the unit", Utc(9, 15)).ShouldBeNull();
            await db.SaveChangesAsync(Ct);
        });

        await app.WithDbAsync(async (db, _) =>
        {
            // Complaints: Omega 20 in August (each one allegation of force, found unfounded in September) and one in October;
            // Sigma 12 in September (each an unlawful stop, no finding yet).
            void Receive(Guid agencyId, DateTime at, AllegationCategory category, bool found)
            {
                var complaint = Complaint.Receive(agencyId, null, ComplaintChannel.Phone, ReceivedBy.Agency, at, "Test intake", "en", true, false, null,
                    "protected", [category], null);
                db.Complaints.Add(complaint);
                var allegation = ComplaintAllegation.Record(complaint, category, null, "a deputy", false, false, false, false, "Test intake", at);
                if (found) allegation.Find(Finding.Unfounded, null, "Test investigator", Utc(9, 20)).ShouldBeNull();
                db.ComplaintAllegations.Add(allegation);
            }
            for (var i = 0; i < 20; i++) Receive(omega.Id, Utc(8, 10), AllegationCategory.Force, found: true);
            Receive(omega.Id, Utc(10, 5), AllegationCategory.Force, found: false);
            for (var i = 0; i < 12; i++) Receive(sigma.Id, Utc(9, 3), AllegationCategory.UnlawfulStop, found: false);

            // Inspection findings at Omega: 13 minor ones recorded in August, 12 of them proven and closed in September.
            var tracked = await db.Agreements.SingleAsync(a => a.Id == jail.Id, Ct);
            var inspection = Inspection.Schedule(tracked, new DateOnly(2026, 8, 1), 12, "Test");
            db.Inspections.Add(inspection);
            for (var i = 0; i < 13; i++)
            {
                var finding = new InspectionFinding
                {
                    AgencyId = omega.Id, InspectionId = inspection.Id, Severity = Severity.Minor, Description = $"Finding {i}", CorrectiveAction = "Fix it",
                    Owner = "Test", DueOn = new DateOnly(2026, 9, 30), RecordedAt = Utc(8, 12), RecordedBy = "Test inspector",
                };
                if (i > 0)
                {
                    finding.Prove("Done", "Test", Utc(9, 1)).ShouldBeNull();
                    finding.Close("Test", Utc(9, 2)).ShouldBeNull();
                }
                db.InspectionFindings.Add(finding);
            }
            await db.SaveChangesAsync(Ct);
        });

        string[] kinds = ["officers-designated", "officers-trained", "complaints-received", "allegations", "allegation-findings",
            "inspection-findings", "inspection-findings-closed", "inspection-findings-open"];
        await GivenReleases.ApprovedAsync(app, kinds);

        var view = await Api.Ok(app.Client().GetAsync("/api/v1/figures?state=ZZ", Ct));
        JsonElement Quarter(string kind) => view.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("code").GetString() == kind)
            .GetProperty("quarters").EnumerateArray().Single(q => q.GetProperty("quarter").GetString() == "2026Q3");
        JsonElement Row(string kind, string area) => Quarter(kind).GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("area").GetString() == area);
        int? Value(string kind, string area, string? part = null)
        {
            var row = Row(kind, area);
            var v = part is null ? row.GetProperty("value") : row.GetProperty("parts").GetProperty(part);
            return v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
        }
        var o = omega.Id.ToString();
        var s = sigma.Id.ToString();

        // Only the settled quarter is published, for every kind, each once.
        foreach (var kind in kinds)
            view.GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("code").GetString() == kind).GetProperty("quarters").EnumerateArray()
                .Select(q => q.GetProperty("quarter").GetString()).ShouldBe(["2026Q3"], kind);

        // Designations in force on 30 September: the revoked one is not; all twelve were certified in the quarter.
        (Value("officers-designated", o), Value("officers-designated", o, "JEM"), Value("officers-designated", o, "TFM")).ShouldBe((11, 11, 0));
        (Value("officers-trained", o), Value("officers-trained", o, "JEM")).ShouldBe((12, 12));
        // Complaints in the quarter (October's is not in it), and their allegations by type.
        (Value("complaints-received", o), Value("complaints-received", s), Value("complaints-received", "ZZ")).ShouldBe((20, 12, 32));
        (Value("allegations", o, "force"), Value("allegations", o, "unlawful_stop"), Value("allegations", s, "unlawful_stop")).ShouldBe((20, 0, 12));
        Value("allegations", "ZZ").ShouldBe(32);
        // Findings made in the quarter: Omega's twenty, all unfounded; Sigma has none, so no row.
        (Value("allegation-findings", o), Value("allegation-findings", o, "unfounded"), Value("allegation-findings", o, "sustained")).ShouldBe((20, 20, 0));
        Quarter("allegation-findings").GetProperty("rows").EnumerateArray().ShouldNotContain(r => r.GetProperty("area").GetString() == s);
        // Inspection findings: 13 raised, 12 closed, and 1 still open at the quarter's end, which is a small cell and hidden.
        (Value("inspection-findings", o), Value("inspection-findings", o, "minor")).ShouldBe((13, 13));
        (Value("inspection-findings-closed", o), Value("inspection-findings-closed", o, "minor")).ShouldBe((12, 12));
        Value("inspection-findings-open", o).ShouldBeNull("1 open finding is a small cell");
        Value("inspection-findings-open", "ZZ").ShouldBeNull("the state's total is that same one finding");

        // The public page (the nation and its states) shows the new kinds in both languages, and no officer's name appears anywhere public.
        var page = await app.Client().GetStringAsync("/figures", Ct);
        page.ShouldContain("Allegations by type");
        page.ShouldContain("Officer designations in force");
        (await app.Client().GetStringAsync("/figures?lang=es", Ct)).ShouldContain("Alegaciones por tipo");
        var csv = await app.Client().GetStringAsync("/api/v1/figures/download.csv?state=ZZ", Ct);
        csv.ShouldNotContain("Test Officer");
        page.ShouldNotContain("Test Officer");
    }
}

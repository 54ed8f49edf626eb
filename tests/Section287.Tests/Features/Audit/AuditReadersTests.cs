using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Audit;

namespace Section287.Tests.Features.Audit;

/// <summary>Issue 14, item 11: oversight reads the audit trail, but never a keyed lookup hash that would link a person across records.</summary>
public sealed class AuditReadersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheAuditTrail_NeverShowsOversightALookupHash()
    {
        var start = new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
        await using var app = await TestApp.StartAsync(clock: new TestClock(start));
        var agency = await Given.AgencyAsync(app, "Test Sigma County Sheriff's Office");
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await GivenOfficers.AuthorizedAsync(app, agency, officerUser, start.UtcDateTime.AddDays(-30), jail);
        var officer = await Given.ApiClientAsync(app, officerUser);
        var now = start.UtcDateTime;
        var encounter = await Api.Ok(officer.PostAsJsonAsync("/api/v1/encounters/", new
        {
            agreementId = jail.Id, occurredAt = now.AddMinutes(-30), location = "County jail, booking",
            basis = new { kind = "booking", bookingNumber = "B-2026-5120", charges = "Burglary", arrestedAt = now.AddHours(-3), bookedAt = now.AddHours(-2) },
            person = new { name = "Test Person Tau", dateOfBirth = "1990-03-03", fbiNumber = "FBI-1200-T", aNumber = "A-209-555-120" },
            perception = new { races = new[] { "white" }, gender = "cisgender_man", age = 36, limitedEnglish = false, disabilities = new[] { "none" },
                interpreterNeeded = false },
        }, Ct));
        var id = encounter.GetProperty("id").GetGuid();
        var hashes = await app.WithDbAsync((db, _) => db.Encounters.Where(e => e.Id == id)
            .Select(e => new[] { e.ANumberHash, e.FbiNumberHash, e.NameDobHash }).SingleAsync());
        hashes.ShouldAllBe(h => !string.IsNullOrEmpty(h));

        var oversight = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.Oversight));
        var trail = await oversight.GetStringAsync($"/api/v1/audit/entries?entityType=Encounter&entityId={id}&pageSize=200", Ct);

        trail.ShouldContain("B-2026-5120");
        foreach (var hash in hashes) trail.ShouldNotContain(hash!);
        trail.ShouldNotContain("ANumberHash");
    }

    [Fact]
    public void AnEntryWrittenBeforeTheRedaction_IsShownWithoutItsLookupHashes()
    {
        var old = """{"ANumberHash":[null,"9f2c"],"NameDobHash":[null,"77aa"],"Location":[null,"County jail"]}""";

        var shown = AuditSummaries.ForReaders(old);

        shown.ShouldBe("""{"Location":[null,"County jail"]}""");
    }
}

using System.Net;
using System.Net.Http.Json;
using Section287.Features.Accounts;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Applications;

namespace Section287.Tests.Features.Rules;

/// <summary>
/// Every role rule answers a user of the wrong role with 403 and the rule's own code, through the API, before anything is
/// changed (rules in <see cref="AccessRules"/> and the role rules of each feature's Errors class).
/// </summary>
public sealed class RoleRuleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachRoleRule_RefusesTheWrongRole_WithItsCode_AndChangesNothing()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Rho County Sheriff's Office", aor: "ATL");
        var agreement = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        var officer = await Given.ApiClientAsync(app, officerUser);
        var programOffice = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var officerId = await GivenOfficers.AuthorizedAsync(app, agency, officerUser, DateTime.UtcNow.AddDays(-1), agreement);
        var auditBefore = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries));

        var cases = new (HttpClient Who, Func<Task<HttpResponseMessage>> Call, string Code)[]
        {
            (coordinator, () => coordinator.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/suspension", Notices.Suspension("Test"), Ct),
                AgreementErrors.IceOnly.Code),
            (officer, () => officer.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/signatures",
                new { signatoryName = "Test", signatoryTitle = "Sheriff" }, Ct), AgreementErrors.SignForOwnSideOnly.Code),
            (coordinator, () => coordinator.PutAsJsonAsync($"/api/v1/agreements/{agreement.Id}/ice-categories", new { categories = new[] { "Test" } },
                Ct), AgreementErrors.TermsIceOnly.Code),
            (programOffice, () => programOffice.PostAsync("/api/v1/applications/", null, Ct), ApplicationErrors.AgencyOnly.Code),
            (officer, () => officer.GetAsync("/api/v1/complaints/", Ct), Section287.Features.Complaints.ComplaintRules.OfficersDoNotRead.Code),
            (officer, () => officer.PostAsJsonAsync("/api/v1/complaints/", new { }, Ct), Section287.Features.Complaints.ComplaintRules.StaffIntake.Code),
            (officer, () => officer.PostAsJsonAsync($"/api/v1/agencies/{agency.Id}/contacts",
                new { role = "coordinator", name = "Test", title = "Test", email = "test@example.test", phone = "555-0100" }, Ct),
                AgencyErrors.ContactsReadOnly.Code),
            (coordinator, () => coordinator.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/detention-agreement",
                new { reference = "IGSA-1", startsOn = "2026-01-01" }, Ct), AgencyErrors.DetentionAgreementIceOnly.Code),
            (officer, () => officer.GetAsync($"/api/v1/agreements/{agreement.Id}/officers", Ct), AccessRules.RosterNotPermitted.Code),
            (officer, () => officer.GetAsync("/api/v1/measures/use-of-authority", Ct), AccessRules.MeasuresNotPermitted.Code),
            (officer, () => officer.GetAsync("/api/v1/incidents", Ct), AccessRules.IncidentNotPermitted.Code),
            (coordinator, () => coordinator.GetAsync("/api/v1/deadlines/overdue", Ct), AccessRules.WorkProgramOfficeOnly.Code),
            (coordinator, () => coordinator.GetAsync("/api/v1/supervision", Ct), AccessRules.SupervisionIceOnly.Code),
            (coordinator, () => coordinator.GetAsync("/api/v1/compliance/training", Ct), AccessRules.ComplianceIceOnly.Code),
        };
        foreach (var (_, call, code) in cases) await Api.Refused(call(), HttpStatusCode.Forbidden, code);

        (await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries))).ShouldBe(auditBefore, "a refused request changes nothing");
    }
}

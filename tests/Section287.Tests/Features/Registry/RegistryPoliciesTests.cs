using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Tests.Features.Registry;

/// <summary>
/// Issue 18: the public agency page says which of the product's policies (stricter than the law) are on for each agreement, and
/// for one the program office switched off, since when and why (AgreementTerms.cs: the reason is published).
/// </summary>
public sealed class RegistryPoliciesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheAgencyPage_ShowsEachPolicyOfTheModel_OnOrSwitchedOffWithItsReason()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Kappa County Sheriff's Office");
        var taskForce = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var other = await Given.AgencyAsync(app, "Test Lambda County Sheriff's Office");
        var otherTaskForce = await Given.AgreementAsync(app, other, AgreementModel.TaskForce);

        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var version = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Agreements.Where(a => a.Id == taskForce.Id).Select(a => a.Version), Ct));
        await Api.Ok(office.PutAsJsonAsync($"/api/v1/agreements/{taskForce.Id}/policies/offense_first",
            new { on = false, reason = "State law requires warrantless immigration arrests to be available (test).", version }, Ct));

        var doc = new HtmlParser().ParseDocument(await app.Client().GetStringAsync($"/registry/agencies/{agency.Id}", Ct));
        var off = doc.QuerySelector($"#policy-{taskForce.Id}-offense_first")!;
        off.TextContent.ShouldContain("A state or federal offense first");
        off.TextContent.ShouldContain("Switched off");
        off.TextContent.ShouldContain("State law requires warrantless immigration arrests to be available (test).");
        off.TextContent.ShouldNotContain("Test Program Office");
        // The policy is the task force model's: the jail agreement lists none.
        doc.QuerySelectorAll($"[id^='policy-{jail.Id}-']").Length.ShouldBe(0);

        var on = new HtmlParser().ParseDocument(await app.Client().GetStringAsync($"/registry/agencies/{other.Id}?lang=es", Ct))
            .QuerySelector($"#policy-{otherTaskForce.Id}-offense_first")!;
        on.TextContent.ShouldContain("Primero, un delito estatal o federal");
        on.TextContent.ShouldContain("Activada");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Section287.Features.Accounts;

namespace Section287.Tests.Features.Accounts;

/// <summary>
/// Walks every non-public API endpoint with a user of every role and users of two agencies, and proves
/// that nothing of one agency reaches another, nor an area's supervisor outside it.
/// </summary>
public sealed class TenancyTests
{
    private sealed record Walk(string Method, string Pattern, string Url, object? Body = null);

    [Fact]
    public async Task NothingCrossesAgenciesOrAreas_OnAnyNonPublicEndpoint()
    {
        await using var app = await TestApp.StartAsync();
        var alpha = await Given.AgencyAsync(app, "Test Alpha County Sheriff's Office", aor: "ATL");
        var beta = await Given.AgencyAsync(app, "Test Beta Police Department", aor: "DAL");
        var agreementOf = new Dictionary<Guid, Guid>
        {
            [alpha.Id] = (await Given.AgreementAsync(app, alpha)).Id,
            [beta.Id] = (await Given.AgreementAsync(app, beta)).Id,
        };
        var users = new Dictionary<string, TestUser>
        {
            ["program-office"] = await Given.UserAsync(app, Role.ProgramOffice),
            ["field-supervisor-atl"] = await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL"),
            ["coordinator-alpha"] = await Given.UserAsync(app, Role.AgencyCoordinator, alpha.Id),
            ["officer-alpha"] = await Given.UserAsync(app, Role.DesignatedOfficer, alpha.Id),
            ["coordinator-beta"] = await Given.UserAsync(app, Role.AgencyCoordinator, beta.Id),
            ["officer-beta"] = await Given.UserAsync(app, Role.DesignatedOfficer, beta.Id),
            ["oversight"] = await Given.UserAsync(app, Role.Oversight),
        };
        var sees = new Dictionary<string, Guid[]>
        {
            ["program-office"] = [alpha.Id, beta.Id],
            ["field-supervisor-atl"] = [alpha.Id],
            ["coordinator-alpha"] = [alpha.Id],
            ["officer-alpha"] = [alpha.Id],
            ["coordinator-beta"] = [beta.Id],
            ["officer-beta"] = [beta.Id],
            ["oversight"] = [alpha.Id, beta.Id],
        };
        var writes = new Dictionary<string, Guid[]> { ["program-office"] = [alpha.Id, beta.Id], ["coordinator-alpha"] = [alpha.Id], ["coordinator-beta"] = [beta.Id] };
        var audits = new HashSet<string> { "program-office", "oversight" };
        var imports = new HashSet<string> { "program-office" };

        var walked = new HashSet<string>();
        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);

            walked.Add("GET api/v1/me");
            (await http.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

            walked.Add("GET api/v1/agencies/");
            var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/agencies/?pageSize=200", TestContext.Current.CancellationToken);
            list.GetProperty("items").EnumerateArray().Select(i => Guid.Parse(i.GetProperty("id").GetString()!)).Order()
                .ShouldBe(sees[name].Order(), $"{name} lists");

            foreach (var agency in new[] { alpha, beta })
            {
                var visible = sees[name].Contains(agency.Id);
                walked.Add("GET api/v1/agencies/{id:guid}");
                var detail = await http.GetAsync($"/api/v1/agencies/{agency.Id}", TestContext.Current.CancellationToken);
                detail.StatusCode.ShouldBe(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, $"{name} reads {agency.Name}");
                if (visible)
                {
                    var contacts = (await detail.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("contacts");
                    var own = writes.Where(w => w.Value.Contains(agency.Id)).Select(w => $"Added by {w.Key}").Append($"Contact of {agency.Name}").ToHashSet();
                    contacts.EnumerateArray().ShouldAllBe(c => own.Contains(c.GetProperty("name").GetString()!));
                }

                walked.Add("PUT api/v1/agencies/{id:guid}/contacts/{contactId:guid}");
                var seeded = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                    db.AgencyContacts, c => c.AgencyId == agency.Id && c.Name.StartsWith("Contact of")));
                var edit = await http.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/contacts/{seeded.Id}",
                    new { name = seeded.Name, title = $"Edited by {name}", email = seeded.Email, version = seeded.Version }, TestContext.Current.CancellationToken);
                var canWrite = writes.GetValueOrDefault(name)?.Contains(agency.Id) == true;
                edit.StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : canWrite ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{name} edits a contact of {agency.Name}");

                var agreementId = agreementOf[agency.Id];
                var ice = name == "program-office";
                walked.Add("POST api/v1/agreements/{id:guid}/suspension");
                (await http.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/suspension", new { reason = $"Suspended by {name}" }, TestContext.Current.CancellationToken))
                    .StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : ice ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{name} suspends {agency.Name}");
                walked.Add("POST api/v1/agreements/{id:guid}/reinstatement");
                (await http.PostAsync($"/api/v1/agreements/{agreementId}/reinstatement", null, TestContext.Current.CancellationToken))
                    .StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : ice ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{name} reinstates {agency.Name}");
                walked.Add("POST api/v1/agreements/{id:guid}/termination-notice");
                // One day's notice: allowed to ICE's program office by role, then refused by the 90-day rule.
                var notice = await http.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/termination-notice",
                    new { by = "ice", effectiveOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)), reason = "test" }, TestContext.Current.CancellationToken);
                notice.StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : ice ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.Forbidden, $"{name} gives ICE's notice to {agency.Name}");

                walked.Add("POST api/v1/agencies/{id:guid}/contacts");
                var add = await http.PostAsJsonAsync($"/api/v1/agencies/{agency.Id}/contacts",
                    new { name = $"Added by {name}", title = "Deputy", email = "deputy@example.test" }, TestContext.Current.CancellationToken);
                var expected = !visible ? HttpStatusCode.NotFound
                    : writes.GetValueOrDefault(name)?.Contains(agency.Id) == true ? HttpStatusCode.Created : HttpStatusCode.Forbidden;
                add.StatusCode.ShouldBe(expected, $"{name} adds a contact to {agency.Name}");
            }

            walked.Add("GET api/v1/audit/verification");
            (await http.GetAsync("/api/v1/audit/verification", TestContext.Current.CancellationToken)).StatusCode
                .ShouldBe(audits.Contains(name) ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{name} checks the audit trail");
            walked.Add("GET api/v1/audit/entries");
            (await http.GetAsync("/api/v1/audit/entries", TestContext.Current.CancellationToken)).StatusCode
                .ShouldBe(audits.Contains(name) ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{name} reads the audit trail");

            walked.Add("GET api/v1/ice-lists/");
            (await http.GetAsync("/api/v1/ice-lists/", TestContext.Current.CancellationToken)).StatusCode
                .ShouldBe(imports.Contains(name) ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{name} lists imports");
        }

        // Imports add agencies, so they come after every user has listed what it sees.
        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            walked.Add("POST api/v1/ice-lists/");
            using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(Repo.Participating("2021-01-13"), TestContext.Current.CancellationToken)), "file", "participatingAgencies-2021-01-13.xlsx" } };
            var import = await http.PostAsync("/api/v1/ice-lists/", form, TestContext.Current.CancellationToken);
            if (imports.Contains(name)) import.IsSuccessStatusCode.ShouldBeTrue();
            else import.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{name} imports");
        }

        // Each agency ends up with exactly the contacts its own people and headquarters added.
        var contactsOf = await app.WithDbAsync(async (db, _) => (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.AgencyContacts))
            .GroupBy(c => c.AgencyId).ToDictionary(g => g.Key, g => g.Select(c => c.Name).Order().ToList()));
        contactsOf[alpha.Id].ShouldBe(new[] { "Added by coordinator-alpha", "Added by program-office", $"Contact of {alpha.Name}" }.Order().ToList());
        contactsOf[beta.Id].ShouldBe(new[] { "Added by coordinator-beta", "Added by program-office", $"Contact of {beta.Name}" }.Order().ToList());
        var titles = await app.WithDbAsync(async (db, _) => (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.AgencyContacts))
            .Where(c => c.Name.StartsWith("Contact of")).ToDictionary(c => c.AgencyId, c => c.Title));
        titles[alpha.Id].ShouldBe("Edited by coordinator-alpha");
        titles[beta.Id].ShouldBe("Edited by coordinator-beta");

        // The walk covered every API endpoint that needs a user.
        var nonPublic = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => $"{e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single()} {e.RoutePattern.RawText!.TrimStart('/')}")
            .ToHashSet();
        nonPublic.Except(walked).ShouldBeEmpty("non-public endpoints the tenancy walk does not cover");
    }

    [Fact]
    public async Task Anonymous_GetsA401FromEveryNonPublicEndpoint()
    {
        await using var app = await TestApp.StartAsync();
        var http = app.Client();
        foreach (var url in new[] { "/api/v1/me", "/api/v1/agencies/", $"/api/v1/agencies/{Guid.NewGuid()}", "/api/v1/audit/verification", "/api/v1/ice-lists/" })
            (await http.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, url);
    }

    [Fact]
    public async Task ThePagesCookie_DoesNotOpenTheApi()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Lambda County Sheriff's Office");
        var user = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var cookies = new System.Net.CookieContainer();
        var http = app.Client(followRedirects: true, cookies: cookies);
        var form = await http.GetStringAsync("/account/sign-in", TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = user.Email, ["Password"] = user.Password, ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
        signIn.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/staff");

        (await http.GetAsync($"/staff/agencies/{agency.Id}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.GetAsync($"/api/v1/agencies/{agency.Id}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AWriteOutsideTheScope_IsRefusedByTheContextItself()
    {
        await using var app = await TestApp.StartAsync();
        var alpha = await Given.AgencyAsync(app, "Test Gamma County Sheriff's Office");
        var beta = await Given.AgencyAsync(app, "Test Delta County Sheriff's Office");

        var attempt = () => app.WithDbAsync(async (db, _) =>
        {
            db.Scope.Become(Section287.Data.AccessScope.For(new AppUser { Role = Role.AgencyCoordinator, AgencyId = alpha.Id }));
            db.AgencyContacts.Add(new Section287.Features.Agencies.AgencyContact { AgencyId = beta.Id, Name = "Intruder", Title = "x", Email = "x@example.test" });
            await db.SaveChangesAsync();
        });

        await Should.ThrowAsync<Section287.Data.TenancyViolationException>(attempt);
    }
}

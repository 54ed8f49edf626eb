using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
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
        var writes = new Dictionary<string, Guid[]> { ["program-office"] = [alpha.Id, beta.Id], ["coordinator-alpha"] = [alpha.Id],
            ["coordinator-beta"] = [beta.Id] };
        var audits = new HashSet<string> { "program-office", "oversight" };
        var imports = new HashSet<string> { "program-office" };

        var walked = new HashSet<string>();
        var interpreterOf = new Dictionary<Guid, Guid>();
        var statisticsOf = new Dictionary<Guid, Guid>();
        foreach (var agency in new[] { alpha, beta })
        {
            (interpreterOf[agency.Id], statisticsOf[agency.Id]) = await app.WithDbAsync(async (db, _) =>
            {
                var interpreter = Section287.Features.Agencies.AgencyInterpreter.Add(agency.Id, "Test Interpreter Walk", "Spanish", false,
                    "State court certified", "Walk", DateTime.UtcNow).Value;
                db.AgencyInterpreters.Add(interpreter);
                var request = new Section287.Features.Agreements.StatisticsRequest
                {
                    AgencyId = agency.Id, AgreementId = agreementOf[agency.Id], Measures = "encounters", PeriodFrom = new DateOnly(2026, 1, 1),
                        PeriodTo = new DateOnly(2026, 6, 30),
                    DueOn = new DateOnly(2027, 1, 15), RequestedAt = DateTime.UtcNow, RequestedByName = "Walk",
                };
                db.StatisticsRequests.Add(request);
                await db.SaveChangesAsync();
                return (interpreter.Id, request.Id);
            });
        }
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
                    new { name = seeded.Name, title = $"Edited by {name}", email = seeded.Email, version = seeded.Version },
                        TestContext.Current.CancellationToken);
                var canWrite = writes.GetValueOrDefault(name)?.Contains(agency.Id) == true;
                edit.StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : canWrite ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
                    $"{name} edits a contact of {agency.Name}");

                walked.Add("PUT api/v1/agencies/{id:guid}/time-zone");
                var zoneVersion = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                    db.Agencies.Where(a => a.Id == agency.Id).Select(a => a.Version)));
                (await http.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/time-zone", new { timeZone = "America/Chicago", version = zoneVersion },
                    TestContext.Current.CancellationToken))
                    .StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : name == "program-office" ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
                        $"{name} sets the zone of {agency.Name}");

                walked.Add("PUT api/v1/agencies/{id:guid}/centre");
                var centreVersion = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                    db.Agencies.Where(a => a.Id == agency.Id).Select(a => a.Version)));
                (await http.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/centre", new { lat = "37.77", lng = "-87.11", version = centreVersion },
                    TestContext.Current.CancellationToken))
                    .StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : name == "program-office" ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
                        $"{name} sets the centre of {agency.Name}");

                var agreementId = agreementOf[agency.Id];
                var ice = name == "program-office";
                var iceSide = name is "program-office" or "field-supervisor-atl";
                var ct = TestContext.Current.CancellationToken;
                walked.Add("PUT api/v1/agencies/{id:guid}/detention-agreement");
                var agencyVersion = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                    db.Agencies.Where(a => a.Id == agency.Id).Select(a => a.Version)));
                (await http.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/detention-agreement",
                    new { reference = $"IGSA set by {name}", from = "2025-01-01", version = agencyVersion }, ct))
                    .StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : iceSide ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
                        $"{name} records the detention agreement of {agency.Name}");
                walked.Add("GET api/v1/agreements/{id:guid}/terms");
                var termsResponse = await http.GetAsync($"/api/v1/agreements/{agreementId}/terms", ct);
                termsResponse.StatusCode.ShouldBe(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound,
                    $"{name} reads the terms of {agency.Name}'s agreement");
                var termsVersion = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                    db.Agreements.Where(a => a.Id == agreementId).Select(a => a.Version)));
                // ICE's side sets task force categories (other models refuse them by rule); only the program office switches a policy.
                var taskForce = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
                    db.Agreements, a => a.Id == agreementId && a.Model == Section287.Features.Agreements.AgreementModel.TaskForce));
                var byModel = taskForce ? HttpStatusCode.OK : HttpStatusCode.UnprocessableEntity;
                walked.Add("PUT api/v1/agreements/{id:guid}/ice-categories");
                (await http.PutAsJsonAsync($"/api/v1/agreements/{agreementId}/ice-categories",
                    new { categories = new[] { "Final order" }, version = termsVersion }, ct))
                    .StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : iceSide ? byModel : HttpStatusCode.Forbidden,
                        $"{name} sets ICE categories for {agency.Name}");
                termsVersion = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                    db.Agreements.Where(a => a.Id == agreementId).Select(a => a.Version)));
                walked.Add("PUT api/v1/agreements/{id:guid}/policies/{code}");
                (await http.PutAsJsonAsync($"/api/v1/agreements/{agreementId}/policies/offense_first", new { on = true, version = termsVersion }, ct))
                    .StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : ice ? byModel : HttpStatusCode.Forbidden,
                        $"{name} switches a policy of {agency.Name}");
                walked.Add("GET api/v1/agreements/{id:guid}/training-requirements");
                (await http.GetAsync($"/api/v1/agreements/{agreementId}/training-requirements", ct))
                    .StatusCode.ShouldBe(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound,
                        $"{name} reads the training ICE requires under {agency.Name}'s agreement");
                walked.Add("POST api/v1/agreements/{id:guid}/training-requirements");
                (await http.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/training-requirements", new { kind = "additional" }, ct))
                    .StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : iceSide ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden,
                        $"{name} requires incomplete training of {agency.Name}'s officers");
                walked.Add("POST api/v1/agreements/{id:guid}/suspension");
                (await http.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/suspension", Notices.Suspension($"Suspended by {name}"),
                    TestContext.Current.CancellationToken))
                    .StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : ice ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
                        $"{name} suspends {agency.Name}");
                walked.Add("POST api/v1/agreements/{id:guid}/suspension/extension");
                (await http.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/suspension/extension",
                    new { until = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(300), reason = $"Extended by {name}" }, TestContext.Current.CancellationToken))
                    .StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : ice ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
                        $"{name} extends the suspension of {agency.Name}");
                walked.Add("POST api/v1/agreements/{id:guid}/reinstatement");
                (await http.PostAsync($"/api/v1/agreements/{agreementId}/reinstatement", null, TestContext.Current.CancellationToken))
                    .StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : ice ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
                        $"{name} reinstates {agency.Name}");
                walked.Add("POST api/v1/agreements/{id:guid}/termination-notice");
                // One day's notice: allowed to ICE's program office by role, then refused by the 90-day rule.
                var notice = await http.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/termination-notice",
                    new { by = "ice", effectiveOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)), reason = "test" },
                        TestContext.Current.CancellationToken);
                notice.StatusCode.ShouldBe(!visible ? HttpStatusCode.NotFound : ice ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.Forbidden,
                    $"{name} gives ICE's notice to {agency.Name}");

                var canKeepList = name == "program-office" || name == $"coordinator-{(agency.Id == alpha.Id ? "alpha" : "beta")}";
                await ExpectAsync(walked, http, "POST", "api/v1/agencies/{id:guid}/interpreters", $"/api/v1/agencies/{agency.Id}/interpreters",
                    !visible ? HttpStatusCode.NotFound : canKeepList ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden, false,
                        $"{name} adds an empty interpreter to {agency.Name}", JsonContent.Create(new { }));
                await ExpectAsync(walked, http, "POST", "api/v1/agencies/{id:guid}/interpreters/{interpreterId:guid}/removal",
                    $"/api/v1/agencies/{agency.Id}/interpreters/{interpreterOf[agency.Id]}/removal",
                    !visible ? HttpStatusCode.NotFound : canKeepList ? null : HttpStatusCode.Forbidden, visible && canKeepList,
                        $"{name} removes an interpreter of {agency.Name}", null);
                await ExpectAsync(walked, http, "GET", "api/v1/agreements/{id:guid}/statistics-requests",
                    $"/api/v1/agreements/{agreementOf[agency.Id]}/statistics-requests",
                    visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, false, $"{name} lists statistics requests of {agency.Name}", null);
                await ExpectAsync(walked, http, "POST", "api/v1/agreements/{id:guid}/statistics-requests",
                    $"/api/v1/agreements/{agreementOf[agency.Id]}/statistics-requests",
                    !visible ? HttpStatusCode.NotFound : name is "program-office" or "field-supervisor-atl" ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden, false,
                    $"{name} requests nothing of {agency.Name}", JsonContent.Create(new { }));
                await ExpectAsync(walked, http, "POST", "api/v1/statistics-requests/{id:guid}/answer",
                    $"/api/v1/statistics-requests/{statisticsOf[agency.Id]}/answer",
                    !visible ? HttpStatusCode.NotFound : canKeepList && name != "program-office" ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
                        false, $"{name} answers ICE for {agency.Name}",
                    JsonContent.Create(new { note = $"Answered by {name}" }));
                await ExpectAsync(walked, http, "GET", "api/v1/statistics-requests/{id:guid}/export",
                    $"/api/v1/statistics-requests/{statisticsOf[agency.Id]}/export",
                    visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, false, $"{name} exports what {agency.Name} counted", null);

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

        await WalkPartnershipsAsync(app, users, sees, walked, alpha, beta);
        await WalkOfficersAsync(app, users, sees, walked, agreementOf);
        await WalkEncountersAsync(app, users, sees, walked, alpha, beta);
        await WalkComplaintsAsync(app, users, sees, walked, [alpha.Id, beta.Id]);
        await WalkInspectionsAsync(app, users, sees, walked, agreementOf);
        await WalkEarlyInterventionAsync(app, users, sees, walked, agreementOf);
        await WalkStopDatasetsAsync(app, users, sees, walked, agreementOf.Keys.ToList());
        await WalkReleasesAsync(app, users, walked);

        // Imports add agencies, so they come after every user has listed what it sees.
        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            walked.Add("POST api/v1/ice-lists/");
            using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(Repo.Participating("2021-01-13"),
                TestContext.Current.CancellationToken)), "file", "participatingAgencies-2021-01-13.xlsx" },
                // The walk's own agreements are not on ICE's list: importing it removes them all, which is confirmed.
                { new StringContent("the tenancy walk's agreements are not on ICE's list (test)"), "confirmRemovals" } };
            var import = await http.PostAsync("/api/v1/ice-lists/", form, TestContext.Current.CancellationToken);
            if (imports.Contains(name)) import.IsSuccessStatusCode.ShouldBeTrue(await import.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            else import.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{name} imports");
        }

        // Undoing an import is the program office's alone: the first undoes it, anyone after finds it undone already.
        var newest = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.IceListSnapshots.OrderByDescending(s => s.ImportedAt)));
        var undone = false;
        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            walked.Add("POST api/v1/ice-lists/{id:guid}/undo");
            var undo = await http.PostAsJsonAsync($"/api/v1/ice-lists/{newest.Id}/undo", new { reason = "tenancy walk (test)" }, TestContext.Current.CancellationToken);
            var expected = !imports.Contains(name) ? HttpStatusCode.Forbidden : undone ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.OK;
            undo.StatusCode.ShouldBe(expected, $"{name} undoes an import: {await undo.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            undone |= undo.StatusCode == HttpStatusCode.OK;
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

        await WalkCostsAsync(app, users, sees, walked, agreementOf);
        await WalkAccountsAsync(app, users, alpha, beta, walked);
        await WalkEvaluationAsync(app, users, walked);

        // The walk covered every API endpoint that needs a user.
        var nonPublic = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => $"{e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single()} {e.RoutePattern.RawText!.TrimStart('/')}")
            .ToHashSet();
        nonPublic.Except(walked).ShouldBeEmpty("non-public endpoints the tenancy walk does not cover");
    }

    /// <summary>
    /// Costs: an agency's quarters are read in its scope by its coordinator, ICE's program office and supervisors, and oversight
    /// (never by officers: colleagues' pay); only the coordinator enters and sends them; only the program office reviews and pays.
    /// </summary>
    private static async Task WalkCostsAsync(TestApp app, Dictionary<string, TestUser> users, Dictionary<string, Guid[]> sees, HashSet<string> walked,
        Dictionary<Guid, Guid> agreementOf)
    {
        var ct = TestContext.Current.CancellationToken;
        var quarterOf = new Dictionary<Guid, Guid>();
        foreach (var (agencyId, agreementId) in agreementOf)
        {
            var coordinator = await Given.ApiClientAsync(app, users[sees.First(kv => kv.Key.StartsWith("coordinator", StringComparison.Ordinal) && kv.Value.Contains(agencyId)).Key]);
            quarterOf[agencyId] = (await Api.Ok(coordinator.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/costs", new { quarter = "2026-Q3" }, ct)))
                .GetProperty("id").GetGuid();
        }
        static JsonContent Body(object value) => JsonContent.Create(value);
        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            var reads = !name.StartsWith("officer", StringComparison.Ordinal);
            var coordinator = name.StartsWith("coordinator", StringComparison.Ordinal);
            var office = name == "program-office";
            foreach (var (agencyId, agreementId) in agreementOf)
            {
                var visible = sees[name].Contains(agencyId);
                var q = quarterOf[agencyId];
                HttpStatusCode? Exactly(bool may) => !visible ? HttpStatusCode.NotFound : may ? null : HttpStatusCode.Forbidden;
                bool Past(bool may) => visible && may;
                await ExpectAsync(walked, http, "GET", "api/v1/agreements/{id:guid}/costs", $"/api/v1/agreements/{agreementId}/costs",
                    visible && reads ? HttpStatusCode.OK : Exactly(reads), Past(reads), $"{name} lists an agreement's costs", null);
                await ExpectAsync(walked, http, "GET", "api/v1/agencies/{id:guid}/costs", $"/api/v1/agencies/{agencyId}/costs",
                    visible && reads ? HttpStatusCode.OK : Exactly(reads), Past(reads), $"{name} reads an agency's costs", null);
                await ExpectAsync(walked, http, "GET", "api/v1/costs/{id:guid}", $"/api/v1/costs/{q}",
                    visible && reads ? HttpStatusCode.OK : Exactly(reads), Past(reads), $"{name} reads a quarter", null);
                await ExpectAsync(walked, http, "POST", "api/v1/agreements/{id:guid}/costs", $"/api/v1/agreements/{agreementId}/costs", Exactly(coordinator),
                    Past(coordinator), $"{name} opens a quarter", Body(new { quarter = "2026-Q3" }));
                await ExpectAsync(walked, http, "PUT", "api/v1/costs/{id:guid}", $"/api/v1/costs/{q}", Exactly(coordinator), Past(coordinator),
                    $"{name} enters a quarter", Body(new { trainingCost = -1 }));
                await ExpectAsync(walked, http, "POST", "api/v1/costs/{id:guid}/submission", $"/api/v1/costs/{q}/submission", Exactly(coordinator),
                    Past(coordinator), $"{name} sends a quarter", null);
                await ExpectAsync(walked, http, "POST", "api/v1/costs/{id:guid}/return", $"/api/v1/costs/{q}/return", Exactly(office), Past(office),
                    $"{name} returns a claim without a reason", Body(new { reason = "" }));
                await ExpectAsync(walked, http, "POST", "api/v1/costs/{id:guid}/approval", $"/api/v1/costs/{q}/approval", Exactly(office), Past(office),
                    $"{name} approves a negative amount", Body(new { amount = -1 }));
                await ExpectAsync(walked, http, "POST", "api/v1/costs/{id:guid}/payment", $"/api/v1/costs/{q}/payment", Exactly(office), Past(office),
                    $"{name} pays a claim not approved", Body(new { amount = 1, reference = "Walk" }));
            }
        }
        // Nothing the walk sent was approved or paid.
        var left = await app.WithDbAsync((db, _) => db.QuarterCosts.Select(x => x.Status).ToListAsync(ct));
        left.ShouldAllBe(x => x != Section287.Features.Costs.QuarterCostStatus.Approved && x != Section287.Features.Costs.QuarterCostStatus.Paid);
    }

    /// <summary>
    /// The crime evaluation stands on public data only (ICE's lists and the county crime panel), so every staff role reads the same
    /// national result: no agency's scope narrows it, and no role gets more than another. Its agencies are fictional Wyoming and
    /// Montana ones, added after the scoped walks so they change no other list.
    /// </summary>
    private static async Task WalkEvaluationAsync(TestApp app, Dictionary<string, TestUser> users, HashSet<string> walked)
    {
        var ct = TestContext.Current.CancellationToken;
        await GivenCrimePanel.SimulatedAsync(app);
        var seen = new Dictionary<string, string>();
        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            await ExpectAsync(walked, http, "GET", "api/v1/evaluation/crime", "/api/v1/evaluation/crime?outcome=violent", HttpStatusCode.OK, true,
                $"{name} reads the evaluation", null);
            await ExpectAsync(walked, http, "GET", "api/v1/evaluation/crime.csv", "/api/v1/evaluation/crime.csv?outcome=property", HttpStatusCode.OK,
                true, $"{name} downloads the evaluation", null);
            seen[name] = await http.GetStringAsync("/api/v1/evaluation/crime?outcome=violent", ct);
        }
        seen.Values.Distinct().Count().ShouldBe(1, "every staff role reads the same national evaluation");
        (await app.Client().GetAsync("/api/v1/evaluation/crime", ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// Accounts, last because revocations end sessions: the program office manages every account, a coordinator the agency's own,
    /// nobody else any. The targets are officers made for this walk, so the walkers' own tokens stay good.
    /// </summary>
    private static async Task WalkAccountsAsync(TestApp app, Dictionary<string, TestUser> users, Section287.Features.Agencies.Agency alpha,
        Section287.Features.Agencies.Agency beta, HashSet<string> walked)
    {
        var ct = TestContext.Current.CancellationToken;
        var targets = new Dictionary<Guid, TestUser>
        {
            [alpha.Id] = await Given.UserAsync(app, Role.DesignatedOfficer, alpha.Id),
            [beta.Id] = await Given.UserAsync(app, Role.DesignatedOfficer, beta.Id),
        };
        var manages = new Dictionary<string, Guid[]> { ["program-office"] = [alpha.Id, beta.Id], ["coordinator-alpha"] = [alpha.Id],
            ["coordinator-beta"] = [beta.Id] };
        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            var manager = manages.TryGetValue(name, out var scope);
            // An incomplete invitation: past scope and role for a manager (400 beside the fields), refused by role for everyone else.
            await ExpectAsync(walked, http, "POST", "api/v1/accounts/", "/api/v1/accounts/", manager ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden,
                false, $"{name} invites nobody", JsonContent.Create(new { email = "", role = "designated-officer" }));
            walked.Add("GET api/v1/accounts/");
            var list = await http.GetAsync("/api/v1/accounts?pageSize=200", ct);
            list.StatusCode.ShouldBe(manager ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{name} lists accounts");
            if (manager && name != "program-office")
            {
                var agencies = (await list.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("items").EnumerateArray()
                    .Select(i => i.GetProperty("agencyId").GetString()).Distinct().ToList();
                agencies.ShouldBe([scope![0].ToString()], $"{name} lists only its agency's accounts");
            }
            foreach (var (agencyId, target) in targets)
            {
                var expected = !manager ? HttpStatusCode.Forbidden : scope!.Contains(agencyId) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                await ExpectAsync(walked, http, "GET", "api/v1/accounts/{id:guid}", $"/api/v1/accounts/{target.Id}", expected, false,
                    $"{name} reads an account", null);
                await ExpectAsync(walked, http, "POST", "api/v1/accounts/{id:guid}/disable", $"/api/v1/accounts/{target.Id}/disable", expected, false,
                    $"{name} disables an account", JsonContent.Create(new { reason = $"Walked by {name}" }));
                await ExpectAsync(walked, http, "POST", "api/v1/accounts/{id:guid}/enable", $"/api/v1/accounts/{target.Id}/enable", expected, false,
                    $"{name} enables an account", null);
                await ExpectAsync(walked, http, "POST", "api/v1/accounts/{id:guid}/end-sessions", $"/api/v1/accounts/{target.Id}/end-sessions",
                    expected, false, $"{name} ends an account's sessions", null);
                await ExpectAsync(walked, http, "POST", "api/v1/accounts/{id:guid}/second-factor-link", $"/api/v1/accounts/{target.Id}/second-factor-link",
                    expected, false, $"{name} sends an account a set-up link", null);
                await ExpectAsync(walked, http, "POST", "api/v1/accounts/{id:guid}/password-link", $"/api/v1/accounts/{target.Id}/password-link",
                    expected, false, $"{name} sends an account a new-password link", null);
                // The role it has already: past scope and role (400) for a manager of the account.
                await ExpectAsync(walked, http, "PUT", "api/v1/accounts/{id:guid}/role", $"/api/v1/accounts/{target.Id}/role",
                    expected == HttpStatusCode.OK ? HttpStatusCode.BadRequest : expected, false, $"{name} re-roles an account to its own role",
                    JsonContent.Create(new { role = "designated-officer" }));
            }
            // Everyone may change their own password; a wrong current one changes nothing.
            await ExpectAsync(walked, http, "POST", "api/v1/me/password", "/api/v1/me/password", HttpStatusCode.BadRequest, true,
                $"{name} changes their password", JsonContent.Create(new { currentPassword = "not it", newPassword = "a long new password" }));
        }
    }

    /// <summary>
    /// Applications, comments, agreement drafts and signatures, work lists and notifications. Each call is made so
    /// that, for a user allowed to make it, the answer is a success or a rule's refusal, which proves the user got past
    /// scope (404) and role (403).
    /// </summary>
    private static async Task WalkPartnershipsAsync(TestApp app, Dictionary<string, TestUser> users, Dictionary<string, Guid[]> sees, HashSet<string> walked,
        Section287.Features.Agencies.Agency alpha, Section287.Features.Agencies.Agency beta)
    {
        var ct = TestContext.Current.CancellationToken;
        var seeded = new Dictionary<Guid, (Guid Application, Guid Attachment, Guid Comment, Guid Agreement)>();
        foreach (var agency in new[] { alpha, beta })
        {
            seeded[agency.Id] = await app.WithDbAsync(async (db, _) =>
            {
                var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-5));
                var application = Section287.Features.Applications.Application.Start(agency.Id);
                application.Edit(new Section287.Features.Applications.ApplicationContent(
                    [new("JEM", 2)], 5, 100, 10, true, "Room", 1000m, null, true, null, "Objectives", null, today, today.AddDays(30),
                    [new(today.AddDays(-3), "Council", 10, "Summary")]), []).ShouldBeNull();
                application.Submit(today, DateTime.UtcNow).ShouldBeNull();
                db.Applications.Add(application);
                var (attachment, content) = Section287.Features.Applications.Attachment.From(application, "plan.pdf", null,
                    "%PDF-1.4 test"u8.ToArray(), Guid.NewGuid()).Value;
                db.Attachments.Add(attachment);
                db.AttachmentContents.Add(content);
                var comment = Section287.Features.Applications.PublicComment.Submit(application, today, "en", null, "A comment").Value;
                db.PublicComments.Add(comment);
                var tracked = await db.Agencies.FindAsync([agency.Id], ct);
                var agreement = Section287.Features.Agreements.Agreement.DraftFrom(tracked!, Section287.Features.Agreements.AgreementModel.Jail, application.Id,
                    Section287.Features.Agreements.AgreementTemplate.Draft(tracked!, Section287.Features.Agreements.AgreementModel.Jail, 2, []),
                        Guid.NewGuid(), "test", today, DateTime.UtcNow);
                db.Agreements.Add(agreement);
                await db.SaveChangesAsync(ct);
                return (application.Id, attachment.Id, comment.Id, agreement.Id);
            });
        }
        var poNotification = await app.WithDbAsync(async (db, _) =>
        {
            var n = Section287.Features.Notifications.Notification.To(users["program-office"].Id, alpha.Id, "test", "For the program office",
                "/staff", email: false);
            db.Notifications.Add(n);
            await db.SaveChangesAsync(ct);
            return n.Id;
        });

        async Task Expect(HttpClient http, string method, string pattern, string url, HttpStatusCode expected, string because, HttpContent? body = null)
        {
            walked.Add($"{method} {pattern}");
            var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = body }, ct);
            response.StatusCode.ShouldBe(expected, $"{because}: {await response.Content.ReadAsStringAsync(ct)}");
        }
        static JsonContent Body(object value) => JsonContent.Create(value);

        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            var ice = name == "program-office";
            var supervisor = name.StartsWith("field-supervisor", StringComparison.Ordinal);
            var coordinator = name.StartsWith("coordinator", StringComparison.Ordinal);

            walked.Add("GET api/v1/applications/");
            var listed = await http.GetFromJsonAsync<JsonElement>("/api/v1/applications/?pageSize=200", ct);
            listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("agencyId").GetGuid()).Distinct().Order().ShouldBe(sees[name].Order(), $"{name} lists applications");
            await Expect(http, "POST", "api/v1/applications/", "/api/v1/applications/",
                coordinator ? HttpStatusCode.Created : HttpStatusCode.Forbidden, $"{name} starts an application");
            await Expect(http, "GET", "api/v1/my-work", "/api/v1/my-work", HttpStatusCode.OK, $"{name} reads its work");
            await Expect(http, "GET", "api/v1/deadlines/overdue", "/api/v1/deadlines/overdue", ice
                || name == "oversight" ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{name} reads everything overdue");
            await Expect(http, "GET", "api/v1/notifications", "/api/v1/notifications", HttpStatusCode.OK, $"{name} reads its notifications");
            await Expect(http, "POST", "api/v1/notifications/{id:guid}/read", $"/api/v1/notifications/{poNotification}/read",
                ice ? HttpStatusCode.OK : HttpStatusCode.NotFound, $"{name} marks the program office's notification read");
            await Expect(http, "GET", "api/v1/comments/pending", "/api/v1/comments/pending", ice ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
                $"{name} reads the moderation queue");

            foreach (var agency in new[] { alpha, beta })
            {
                var visible = sees[name].Contains(agency.Id);
                var (applicationId, attachmentId, commentId, agreementId) = seeded[agency.Id];
                HttpStatusCode As(bool allowed, HttpStatusCode success) => !visible ? HttpStatusCode.NotFound : allowed ? success : HttpStatusCode.Forbidden;
                var a = $"/api/v1/applications/{applicationId}";
                var of = $"{name} on {agency.Name}";

                await Expect(http, "GET", "api/v1/applications/{id:guid}", a, As(true, HttpStatusCode.OK), $"{of}: reads the application");
                await Expect(http, "GET", "api/v1/applications/{id:guid}/attachments/{attachmentId:guid}", $"{a}/attachments/{attachmentId}",
                    As(true, HttpStatusCode.OK), $"{of}: downloads an attachment");
                await Expect(http, "GET", "api/v1/applications/{id:guid}/comments", $"{a}/comments", As(true, HttpStatusCode.OK), $"{of}: reads the comments");
                await Expect(http, "PUT", "api/v1/applications/{id:guid}", a, As(coordinator, HttpStatusCode.Conflict), $"{of}: edits with a stale version",
                    Body(new { version = 999, content = new { } }));
                await Expect(http, "POST", "api/v1/applications/{id:guid}/submission", $"{a}/submission",
                    As(coordinator, HttpStatusCode.UnprocessableEntity), $"{of}: submits again");
                await Expect(http, "POST", "api/v1/applications/{id:guid}/review", $"{a}/review", As(ice, HttpStatusCode.OK), $"{of}: takes it for review");
                walked.Add("GET api/v1/deadlines");
                var deadlines = await http.GetFromJsonAsync<JsonElement>($"/api/v1/deadlines?subjectId={applicationId}", ct);
                // The program office took the application for review first, which started the review deadline: both sides see it, nobody else.
                (deadlines.GetArrayLength() > 0).ShouldBe(visible, $"{of}: sees the application's deadlines");
                await Expect(http, "POST", "api/v1/applications/{id:guid}/checklist", $"{a}/checklist", As(ice, HttpStatusCode.OK), $"{of}: checks an item",
                    Body(new { item = "staff", satisfied = true }));
                await Expect(http, "POST", "api/v1/applications/{id:guid}/information-requests", $"{a}/information-requests",
                    As(ice, HttpStatusCode.BadRequest), $"{of}: asks nothing",
                    Body(new { questions = "" }));
                await Expect(http, "POST", "api/v1/applications/{id:guid}/answers", $"{a}/answers",
                    As(coordinator, HttpStatusCode.UnprocessableEntity), $"{of}: answers no question",
                    Body(new { answer = "x" }));
                await Expect(http, "POST", "api/v1/applications/{id:guid}/decision", $"{a}/decision", As(ice, HttpStatusCode.BadRequest),
                    $"{of}: prepares no outcome",
                    Body(new { outcome = "maybe", rationale = "x" }));
                await Expect(http, "POST", "api/v1/applications/{id:guid}/decision/approval", $"{a}/decision/approval",
                    As(ice, HttpStatusCode.UnprocessableEntity), $"{of}: approves nothing");
                await Expect(http, "POST", "api/v1/applications/{id:guid}/decision/return", $"{a}/decision/return",
                    As(ice, HttpStatusCode.UnprocessableEntity), $"{of}: returns nothing");
                await Expect(http, "POST", "api/v1/applications/{id:guid}/withdrawal", $"{a}/withdrawal", As(coordinator, HttpStatusCode.BadRequest),
                    $"{of}: withdraws without a reason",
                    Body(new { reason = "" }));
                await Expect(http, "POST", "api/v1/applications/{id:guid}/attachments", $"{a}/attachments",
                    As(coordinator, HttpStatusCode.UnprocessableEntity), $"{of}: attaches under review",
                    new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4"u8.ToArray()), "file", "x.pdf" } });
                await Expect(http, "POST", "api/v1/comments/{id:guid}/moderation", $"/api/v1/comments/{commentId}/moderation",
                    As(ice, HttpStatusCode.OK), $"{of}: publishes a comment",
                    Body(new { decision = "publish" }));

                var g = $"/api/v1/agreements/{agreementId}";
                await Expect(http, "GET", "api/v1/agreements/{id:guid}", g, As(true, HttpStatusCode.OK), $"{of}: reads the agreement");
                await Expect(http, "GET", "api/v1/agreements/{id:guid}/versions/{number:int}", $"{g}/versions/1", As(true, HttpStatusCode.OK),
                    $"{of}: reads its text");
                await Expect(http, "GET", "api/v1/agreements/{id:guid}/versions/{number:int}/pdf", $"{g}/versions/1/pdf", As(true, HttpStatusCode.OK),
                    $"{of}: downloads its PDF");
                await Expect(http, "PUT", "api/v1/agreements/{id:guid}/draft/sections/{section}", $"{g}/draft/sections/purpose",
                    As(ice, HttpStatusCode.OK), $"{of}: edits the draft",
                    Body(new { text = $"Edited by {name}" }));
                await Expect(http, "POST", "api/v1/agreements/{id:guid}/signature-request", $"{g}/signature-request", As(ice, HttpStatusCode.OK),
                    $"{of}: sends it for signature");
                await Expect(http, "POST", "api/v1/agreements/{id:guid}/signatures", $"{g}/signatures",
                    As(ice || coordinator, HttpStatusCode.BadRequest), $"{of}: signs without a name",
                    Body(new { signatoryName = "" }));
                await Expect(http, "POST", "api/v1/agreements/{id:guid}/amendments", $"{g}/amendments", As(ice, HttpStatusCode.UnprocessableEntity),
                    $"{of}: amends an unsigned agreement",
                    Body(new { summary = "x", sections = new Dictionary<string, string> { ["purpose"] = "y" } }));
                await Expect(http, "POST", "api/v1/agreements/{id:guid}/milestones", $"{g}/milestones",
                    As(ice || supervisor, HttpStatusCode.BadRequest), $"{of}: records an unknown milestone",
                    Body(new { kind = "party" }));
            }
        }

        // What each side changed stayed within its scope: only ICE edited the drafts.
        var purposes = await app.WithDbAsync(async (db, _) => (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.AgreementVersions))
            .ToDictionary(v => v.AgencyId, v => v.Sections().Single(s => s.Key == "purpose").Text));
        purposes[alpha.Id].ShouldBe("Edited by program-office");
        purposes[beta.Id].ShouldBe("Edited by program-office");
    }

    /// <summary>
    /// Officers, training, certificates and authorizations. For a user who may not see the agency the answer is 404; for one
    /// who sees it but whose role may not act, 403; otherwise anything past scope and role (a success or a rule's refusal).
    /// A designated officer sees only their own officer record, so another officer's record answers 404 to them.
    /// </summary>
    private static async Task WalkOfficersAsync(TestApp app, Dictionary<string, TestUser> users, Dictionary<string, Guid[]> sees, HashSet<string> walked,
        Dictionary<Guid, Guid> agreementOf)
    {
        var ct = TestContext.Current.CancellationToken;
        var classId = await app.WithDbAsync(async (db, _) =>
        {
            var course = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Courses, c => c.Code == "TFM-BASIC", ct);
            var c = Section287.Features.Training.TrainingClass.Schedule(course.Id,
                new(DateOnly.FromDateTime(DateTime.UtcNow), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5),
                Section287.Features.Training.Delivery.Online, "Online", 20, "Test Instructor"), DateOnly.FromDateTime(DateTime.UtcNow)).Value;
            db.TrainingClasses.Add(c);
            await db.SaveChangesAsync(ct);
            return c.Id;
        });
        var seeded = new Dictionary<Guid, (Guid Officer, Guid Nomination, Guid Enrollment, Guid Certificate, Guid Authorization)>();
        foreach (var (agencyId, agreementId) in agreementOf)
        {
            seeded[agencyId] = await app.WithDbAsync(async (db, _) =>
            {
                var now = DateTime.UtcNow;
                var agreement = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Agreements, a => a.Id == agreementId, ct);
                var course = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                    Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.Courses, c => c.Exams), c => c.Code == "TFM-BASIC", ct);
                var officer = Section287.Features.Officers.Officer.Create(agencyId, new("Test Officer Walk", $"W-{agencyId:N}"[..10], "Deputy",
                    new DateOnly(2015, 1, 1), 9m, true, true, false, false, false, null), null);
                db.Officers.Add(officer);
                var nomination = Section287.Features.Officers.Nomination.Of(officer, agreement, Guid.NewGuid(), now.AddDays(-3));
                nomination.RecordBackground(Section287.Features.Officers.BackgroundStatus.Requested, null, false, now.AddDays(-2)).ShouldBeNull();
                nomination.RecordBackground(Section287.Features.Officers.BackgroundStatus.Favorable, null, false, now.AddDays(-2)).ShouldBeNull();
                db.Nominations.Add(nomination);
                var enrollment = new Section287.Features.Training.Enrollment
                {
                    AgencyId = agencyId, ClassId = classId, CourseId = course.Id, OfficerId = officer.Id, Model = course.Model, Kind = course.Kind,
                        NominationId = nomination.Id,
                };
                db.Enrollments.Add(enrollment);
                var certificate = Section287.Features.Training.Certificate.Issue(course, enrollment, officer.FullName, officer.BadgeNumber,
                    DateOnly.FromDateTime(now.AddDays(-1)), Guid.NewGuid(), "Test", now.AddDays(-1));
                db.Certificates.Add(certificate);
                var authorization = Section287.Features.Officers.Authorization.Sign(nomination, $"CRED-{agencyId:N}", "Test Director",
                    "Field Office Director", Guid.NewGuid(), now.AddHours(-1));
                db.Authorizations.Add(authorization);
                await db.SaveChangesAsync(ct);
                return (officer.Id, nomination.Id, enrollment.Id, certificate.Id, authorization.Id);
            });
        }
        var courseId = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Courses.Where(c => c.Code == "TFM-BASIC").Select(c => c.Id), ct));

        Task Expect(HttpClient http, string method, string pattern, string url, HttpStatusCode? exactly, bool pastScopeAndRole, string because,
            HttpContent? body = null) =>
            ExpectAsync(walked, http, method, pattern, url, exactly, pastScopeAndRole, because, body);
        static JsonContent Body(object value) => JsonContent.Create(value);

        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            var programOffice = name == "program-office";
            var ice = programOffice || name.StartsWith("field-supervisor", StringComparison.Ordinal);
            var coordinator = name.StartsWith("coordinator", StringComparison.Ordinal);
            var officerRole = name.StartsWith("officer", StringComparison.Ordinal);

            await Expect(http, "GET", "api/v1/officers/me", "/api/v1/officers/me", HttpStatusCode.NotFound, false,
                $"{name} reads an officer record of its own it does not have");
            await Expect(http, "GET", "api/v1/courses/", "/api/v1/courses/", HttpStatusCode.OK, false, $"{name} reads the catalog");
            await Expect(http, "GET", "api/v1/courses/{id:guid}", $"/api/v1/courses/{courseId}", HttpStatusCode.OK, false, $"{name} reads a course");
            await Expect(http, "PUT", "api/v1/courses/{id:guid}", $"/api/v1/courses/{courseId}", programOffice ? null : HttpStatusCode.Forbidden,
                programOffice, $"{name} sets a course's hours to zero",
                Body(new { hours = 0 }));
            await Expect(http, "GET", "api/v1/classes/", "/api/v1/classes/", HttpStatusCode.OK, false, $"{name} lists classes");
            await Expect(http, "POST", "api/v1/classes/", "/api/v1/classes/", programOffice ? null : HttpStatusCode.Forbidden, programOffice,
                $"{name} schedules an empty class", Body(new { }));
            walked.Add("GET api/v1/classes/{id:guid}");
            var theClass = await http.GetFromJsonAsync<JsonElement>($"/api/v1/classes/{classId}", ct);
            var seatsTaken = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
                db.Enrollments, x => x.ClassId == classId && x.Status != Section287.Features.Training.EnrollmentStatus.Withdrawn, ct));
            theClass.GetProperty("class").GetProperty("enrolled").GetInt32().ShouldBe(seatsTaken, $"{name} counts every seat taken, in every agency");
            theClass.GetProperty("enrollments").EnumerateArray().Select(e => e.GetProperty("officerId").GetGuid()).Order()
                .ShouldBe(seeded.Where(x => sees[name].Contains(x.Key)).Select(x => x.Value.Officer).Order(),
                    $"{name} sees the trainees of its own scope only");
            walked.Add("GET api/v1/compliance/training");
            var compliance = await http.GetAsync("/api/v1/compliance/training", ct);
            if (coordinator || officerRole) compliance.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{name} reads the national view");
            else
            {
                var view = await compliance.Content.ReadFromJsonAsync<JsonElement>(ct);
                view.GetProperty("agencies").GetProperty("items").EnumerateArray().Select(r => r.GetProperty("agencyId").GetGuid()).Order()
                    .ShouldBe(sees[name].Order(), $"{name} counts the agencies of its scope only");
            }

            foreach (var (agencyId, s) in seeded)
            {
                var visible = sees[name].Contains(agencyId);
                var of = $"{name} on agency {agencyId}";
                HttpStatusCode? Scoped(bool allowed) => !visible ? HttpStatusCode.NotFound : allowed ? null : HttpStatusCode.Forbidden;
                bool Past(bool allowed) => visible && allowed;
                // Another officer's own record: a designated officer gets 404 even in its agency.
                HttpStatusCode? Record() => !visible || officerRole ? HttpStatusCode.NotFound : HttpStatusCode.OK;
                var g = $"/api/v1/agreements/{agreementOf[agencyId]}";
                var o = $"/api/v1/officers/{s.Officer}";

                await Expect(http, "POST", "api/v1/agreements/{id:guid}/nominations", $"{g}/nominations", Scoped(coordinator), Past(coordinator),
                    $"{of}: nominates nobody", Body(new { }));
                await Expect(http, "POST", "api/v1/agreements/{id:guid}/nominations/import", $"{g}/nominations/import", Scoped(coordinator),
                    Past(coordinator), $"{of}: imports an empty file",
                    new StringContent("", System.Text.Encoding.UTF8, "text/csv"));
                await Expect(http, "GET", "api/v1/agreements/{id:guid}/officers", $"{g}/officers", Scoped(!officerRole), Past(!officerRole),
                    $"{of}: reads the agreement's roster");
                await Expect(http, "GET", "api/v1/agencies/{id:guid}/officers", $"/api/v1/agencies/{agencyId}/officers", Scoped(!officerRole),
                    Past(!officerRole), $"{of}: reads the agency's roster");
                await Expect(http, "GET", "api/v1/officers/{id:guid}", o, Record(), false, $"{of}: reads the officer");
                await Expect(http, "GET", "api/v1/officers/{id:guid}/authority", $"{o}/authority?agreementId={agreementOf[agencyId]}", Record(),
                    false, $"{of}: asks the officer's authority");
                await Expect(http, "POST", "api/v1/officers/{id:guid}/disciplinary-history/reads", $"{o}/disciplinary-history/reads",
                    Scoped(ice || coordinator), Past(ice || coordinator),
                    $"{of}: reads the disciplinary history", Body(new { purpose = "Tenancy walk" }));
                await Expect(http, "PUT", "api/v1/officers/{id:guid}/account", $"{o}/account", Scoped(coordinator), Past(coordinator),
                    $"{of}: unlinks the account", Body(new { email = "" }));
                await Expect(http, "POST", "api/v1/officers/{id:guid}/account/invitation", $"{o}/account/invitation", Scoped(coordinator),
                    Past(coordinator), $"{of}: invites the officer at no address", Body(new { email = "not an address" }));
                await Expect(http, "POST", "api/v1/officers/{id:guid}/separation", $"{o}/separation", Scoped(coordinator), Past(coordinator),
                    $"{of}: separates without saying how",
                    Body(new { kind = "vanished", reason = "x" }));
                await Expect(http, "POST", "api/v1/officers/{id:guid}/conditions", $"{o}/conditions", Scoped(ice || coordinator),
                    Past(ice || coordinator), $"{of}: records an unknown condition",
                    Body(new { kind = "nonesuch", held = false, reason = "x" }));
                await Expect(http, "POST", "api/v1/nominations/{id:guid}/records-access-request",
                    $"/api/v1/nominations/{s.Nomination}/records-access-request", Scoped(ice), Past(ice),
                    $"{of}: asks for records authorization outside the warrant service model");
                await Expect(http, "POST", "api/v1/nominations/{id:guid}/records-authorization",
                    $"/api/v1/nominations/{s.Nomination}/records-authorization", Scoped(coordinator), Past(coordinator),
                    $"{of}: records an authorization nobody asked for", Body(new { signedOn = "2026-01-01" }));
                await Expect(http, "POST", "api/v1/officers/{id:guid}/revocation-notice", $"{o}/revocation-notice", Scoped(ice || coordinator),
                    Past(ice || coordinator), $"{of}: records a notice nobody owes",
                    Body(new { note = "x" }));
                await Expect(http, "POST", "api/v1/nominations/{id:guid}/background", $"/api/v1/nominations/{s.Nomination}/background", Scoped(ice),
                    Past(ice), $"{of}: records a bogus status",
                    Body(new { status = "bogus" }));
                await Expect(http, "POST", "api/v1/nominations/{id:guid}/authorization", $"/api/v1/nominations/{s.Nomination}/authorization",
                    Scoped(ice), Past(ice), $"{of}: authorizes without a credential",
                    Body(new { }));
                var a = $"/api/v1/authorizations/{s.Authorization}";
                await Expect(http, "POST", "api/v1/authorizations/{id:guid}/suspension", $"{a}/suspension", Scoped(ice || coordinator),
                    Past(ice || coordinator), $"{of}: suspends without a reason",
                    Body(new { reason = "" }));
                await Expect(http, "DELETE", "api/v1/authorizations/{id:guid}/suspension", $"{a}/suspension", Scoped(ice || coordinator),
                    Past(ice || coordinator), $"{of}: lifts no suspension");
                await Expect(http, "POST", "api/v1/authorizations/{id:guid}/revocation", $"{a}/revocation", Scoped(ice || coordinator),
                    Past(ice || coordinator), $"{of}: revokes without a reason",
                    Body(new { reason = "" }));
                await Expect(http, "POST", "api/v1/authorizations/{id:guid}/credentials-returned", $"{a}/credentials-returned", Scoped(ice),
                    Past(ice), $"{of}: records credentials returned");
                await Expect(http, "GET", "api/v1/authorizations/{id:guid}/letter", $"{a}/letter", Record(), false, $"{of}: downloads the letter");
                await Expect(http, "POST", "api/v1/classes/{id:guid}/enrollments", $"/api/v1/classes/{classId}/enrollments",
                    Scoped(ice || coordinator), Past(ice || coordinator),
                    $"{of}: enrolls the officer again", Body(new { officerId = s.Officer }));
                var e = $"/api/v1/enrollments/{s.Enrollment}";
                await Expect(http, "PUT", "api/v1/enrollments/{id:guid}/attendance", $"{e}/attendance", Scoped(ice), Past(ice),
                    $"{of}: records impossible hours", Body(new { hours = -1 }));
                await Expect(http, "POST", "api/v1/enrollments/{id:guid}/exams", $"{e}/exams", Scoped(ice), Past(ice),
                    $"{of}: records an unknown exam", Body(new { exam = "nonesuch", score = 50 }));
                await Expect(http, "POST", "api/v1/enrollments/{id:guid}/completion", $"{e}/completion", Scoped(ice), Past(ice),
                    $"{of}: completes an unfinished course");
                await Expect(http, "POST", "api/v1/enrollments/{id:guid}/withdrawal", $"{e}/withdrawal", Scoped(ice || coordinator),
                    Past(ice || coordinator), $"{of}: withdraws the trainee",
                    Body(new { reason = "Tenancy walk" }));
                var c = $"/api/v1/certificates/{s.Certificate}";
                await Expect(http, "GET", "api/v1/certificates/{id:guid}", c, Record(), false, $"{of}: reads the certificate");
                await Expect(http, "GET", "api/v1/certificates/{id:guid}/pdf", $"{c}/pdf", Record(), false, $"{of}: downloads the certificate");
                await Expect(http, "POST", "api/v1/certificates/{id:guid}/corrections", $"{c}/corrections", Scoped(ice), Past(ice),
                    $"{of}: corrects without a reason", Body(new { reason = "" }));
            }
        }
    }

    /// <summary>
    /// Encounters, detainers and citizenship claims. Each agency's designated officer records one encounter with a detainer
    /// request; only that officer acts on it, ICE reviews, the agency and ICE in its area read it, and nobody else sees it.
    /// </summary>
    private static async Task WalkEncountersAsync(TestApp app, Dictionary<string, TestUser> users, Dictionary<string, Guid[]> sees, HashSet<string> walked,
        Section287.Features.Agencies.Agency alpha, Section287.Features.Agencies.Agency beta)
    {
        var ct = TestContext.Current.CancellationToken;
        var now = DateTime.UtcNow;
        var seeded = new Dictionary<Guid, (Guid Encounter, Guid Detainer, Guid Agreement)>();
        foreach (var (agency, officerName) in new[] { (alpha, "officer-alpha"), (beta, "officer-beta") })
        {
            var jail = await Given.AgreementAsync(app, agency, Section287.Features.Agreements.AgreementModel.Jail);
            await GivenOfficers.AuthorizedAsync(app, agency, users[officerName], now, jail);
            var http = await Given.ApiClientAsync(app, users[officerName]);
            var opened = await Api.Ok(http.PostAsJsonAsync("/api/v1/encounters/", new
            {
                agreementId = jail.Id, occurredAt = now.AddMinutes(-5), location = "Jail",
                basis = new { kind = "booking", bookingNumber = "B-1", charges = "Theft", arrestedAt = now.AddHours(-3), bookedAt = now.AddHours(-2) },
                person = new { name = $"Test Person {agency.Name}", aNumber = agency == alpha ? "A-100-000-001" : "A-200-000-002" },
                perception = new { races = new[] { "white" }, gender = "cisgender_woman", age = 40, limitedEnglish = false,
                    disabilities = new[] { "none" }, interpreterNeeded = false },
            }, ct));
            var encounterId = opened.GetProperty("id").GetGuid();
            await Api.Ok(http.PostAsJsonAsync($"/api/v1/encounters/{encounterId}/actions",
                new { kind = "record_check", systems = "IDENT", result = "Match" }, ct));
            await Api.Ok(http.PostAsJsonAsync($"/api/v1/encounters/{encounterId}/actions", new { kind = "i213_prepared", reference = "I213-WALK" }, ct));
            var withDetainer = await Api.Ok(http.PostAsJsonAsync($"/api/v1/encounters/{encounterId}/detainers", new
            {
                probableCause = "Booked for theft; IDENT shows a prior removal in 2020.", warrantForm = "I-200", warrantNumber = "W-1",
                    warrantSignedBy = "Test SDDO", warrantSignedOn = DateOnly.FromDateTime(now).AddDays(-1),
            }, ct));
            seeded[agency.Id] = (encounterId, withDetainer.GetProperty("detainers")[0].GetProperty("id").GetGuid(), jail.Id);
        }
        var incidents = new Dictionary<Guid, Guid>();
        foreach (var (agencyId, s) in seeded)
        {
            incidents[agencyId] = await app.WithDbAsync(async (db, _) =>
            {
                var incident = new Section287.Features.Encounters.Incident { AgencyId = agencyId, EncounterId = s.Encounter, Kind = "overdetention",
                    OccurredAt = now, DetectedAt = now, Description = "Walk" };
                db.Incidents.Add(incident);
                await db.SaveChangesAsync(ct);
                return incident.Id;
            });
        }

        Task Expect(HttpClient http, string method, string pattern, string url, HttpStatusCode? exactly, bool pastScopeAndRole, string because,
            HttpContent? body = null) =>
            ExpectAsync(walked, http, method, pattern, url, exactly, pastScopeAndRole, because, body);
        static JsonContent Body(object value) => JsonContent.Create(value);

        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            var ice = name == "program-office" || name.StartsWith("field-supervisor", StringComparison.Ordinal);
            var officerRole = name.StartsWith("officer", StringComparison.Ordinal);
            var oversight = name == "oversight";

            walked.Add("GET api/v1/encounters/");
            var listed = await http.GetFromJsonAsync<JsonElement>("/api/v1/encounters/?pageSize=200", ct);
            listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Order()
                .ShouldBe(seeded.Where(x => sees[name].Contains(x.Key)).Select(x => x.Value.Encounter).Order(), $"{name} lists encounters");
            walked.Add("POST api/v1/encounters/lookup");
            var lookup = await http.PostAsJsonAsync("/api/v1/encounters/lookup", new { aNumber = "A-100-000-001", purpose = "Tenancy walk" }, ct);
            if (oversight) lookup.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{name} searches people");
            else (await lookup.Content.ReadFromJsonAsync<JsonElement>(ct)).GetArrayLength().ShouldBe(sees[name].Contains(alpha.Id) ? 1 : 0,
                $"{name} finds only what it may see");

            walked.Add("GET api/v1/incidents");
            var open = await http.GetAsync("/api/v1/incidents", ct);
            if (officerRole) open.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{name} lists incidents");
            else (await open.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray().Select(i => i.GetProperty("encounterId").GetGuid()).Order()
                .ShouldBe(seeded.Where(x => sees[name].Contains(x.Key)).Select(x => x.Value.Encounter).Order(), $"{name} lists the incidents of its scope");
            walked.Add("GET api/v1/supervision");
            var queue = await http.GetAsync("/api/v1/supervision", ct);
            if (officerRole || name.StartsWith("coordinator", StringComparison.Ordinal)) queue.StatusCode.ShouldBe(HttpStatusCode.Forbidden,
                $"{name} reads the supervision queue");
            else
            {
                var q = await queue.Content.ReadFromJsonAsync<JsonElement>(ct);
                q.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("encounterId").GetGuid()).Order()
                    .ShouldBe(seeded.Where(x => sees[name].Contains(x.Key)).Select(x => x.Value.Encounter).Order(), $"{name} sees the incidents of its scope");
                q.GetProperty("detainers").EnumerateArray().Select(i => i.GetProperty("encounterId").GetGuid()).Order()
                    .ShouldBe(seeded.Where(x => sees[name].Contains(x.Key)).Select(x => x.Value.Encounter).Order(), $"{name} sees the detainers of its scope");
            }

            foreach (var (agencyId, s) in seeded)
            {
                var visible = sees[name].Contains(agencyId);
                var own = officerRole && visible;
                var of = $"{name} on agency {agencyId}";
                HttpStatusCode? Scoped(bool allowed) => !visible ? HttpStatusCode.NotFound : allowed ? null : HttpStatusCode.Forbidden;
                bool Past(bool allowed) => visible && allowed;
                var e = $"/api/v1/encounters/{s.Encounter}";
                var d = $"/api/v1/detainers/{s.Detainer}";

                await Expect(http, "POST", "api/v1/encounters/", "/api/v1/encounters/",
                    own ? null : officerRole ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden, own,
                    $"{of}: opens an encounter under the agency's agreement with no basis", Body(new { agreementId = s.Agreement }));
                await Expect(http, "GET", "api/v1/encounters/{id:guid}", e, visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, false,
                    $"{of}: reads the encounter");
                await Expect(http, "PUT", "api/v1/encounters/{id:guid}", e, Scoped(own), Past(own), $"{of}: corrects without explanation",
                    Body(new { location = "x" }));
                await Expect(http, "POST", "api/v1/encounters/{id:guid}/person/reads", $"{e}/person/reads", Scoped(!oversight), Past(!oversight),
                    $"{of}: reads the person",
                    Body(new { purpose = "Tenancy walk" }));
                await Expect(http, "POST", "api/v1/encounters/{id:guid}/actions", $"{e}/actions", Scoped(own), Past(own),
                    $"{of}: records an unknown action", Body(new { kind = "dance" }));
                await Expect(http, "POST", "api/v1/encounters/{id:guid}/detainers", $"{e}/detainers", Scoped(own), Past(own),
                    $"{of}: requests a second detainer", Body(new { probableCause = "x" }));
                await Expect(http, "POST", "api/v1/encounters/{id:guid}/citizenship-claims", $"{e}/citizenship-claims", Scoped(own), Past(own),
                    $"{of}: records a claim without a statement",
                    Body(new { statement = "" }));
                await Expect(http, "POST", "api/v1/encounters/{id:guid}/citizenship-claims/report", $"{e}/citizenship-claims/report", Scoped(own),
                    Past(own), $"{of}: reports no claim",
                    Body(new { reportedTo = "x" }));
                await Expect(http, "POST", "api/v1/encounters/{id:guid}/citizenship-claims/investigation", $"{e}/citizenship-claims/investigation",
                    Scoped(own || ice), Past(own || ice),
                    $"{of}: investigates no claim", Body(new { step = "record_check", details = "x" }));
                await Expect(http, "POST", "api/v1/encounters/{id:guid}/citizenship-claims/resolution", $"{e}/citizenship-claims/resolution",
                    Scoped(ice), Past(ice), $"{of}: resolves no claim",
                    Body(new { outcome = "us_citizen", explanation = "x" }));
                await Expect(http, "POST", "api/v1/detainers/{id:guid}/review", $"{d}/review", Scoped(ice), Past(ice), $"{of}: decides nothing",
                    Body(new { decision = "maybe" }));
                var document = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                    db.ChargingDocuments.IgnoreQueryFilters().Where(x => x.EncounterId == s.Encounter).Select(x => x.Id)));
                await Expect(http, "POST", "api/v1/documents/{id:guid}/review", $"/api/v1/documents/{document}/review", Scoped(ice), Past(ice),
                    $"{of}: signs nothing", Body(new { decision = "maybe" }));
                await Expect(http, "POST", "api/v1/detainers/{id:guid}/answer", $"{d}/answer", Scoped(own), Past(own), $"{of}: answers no question",
                    Body(new { answer = "x" }));
                await Expect(http, "POST", "api/v1/detainers/{id:guid}/transmission", $"{d}/transmission", Scoped(own), Past(own),
                    $"{of}: sends an unissued detainer");
                var closer = ice || name.StartsWith("coordinator", StringComparison.Ordinal);
                await Expect(http, "POST", "api/v1/incidents/{id:guid}/closure", $"/api/v1/incidents/{incidents[agencyId]}/closure", Scoped(closer),
                    Past(closer),
                    $"{of}: closes an incident without saying what was done", Body(new { resolution = "" }));
                await Expect(http, "GET", "api/v1/measures/use-of-authority", $"/api/v1/measures/use-of-authority?level=agency&subject={agencyId}",
                    !visible ? HttpStatusCode.NotFound : officerRole ? HttpStatusCode.Forbidden : HttpStatusCode.OK, false,
                        $"{of}: reads the agency's measures");
                await Expect(http, "GET", "api/v1/measures/oversight", $"/api/v1/measures/oversight?level=agency&subject={agencyId}",
                    !visible ? HttpStatusCode.NotFound : officerRole ? HttpStatusCode.Forbidden : HttpStatusCode.OK, false,
                        $"{of}: reads the agency's oversight figures");
                await Expect(http, "GET", "api/v1/measures/oversight.csv", $"/api/v1/measures/oversight.csv?level=agency&subject={agencyId}",
                    !visible ? HttpStatusCode.NotFound : officerRole ? HttpStatusCode.Forbidden : HttpStatusCode.OK, false,
                        $"{of}: downloads the agency's oversight figures");
            }
        }
    }

    /// <summary>
    /// Complaints: officers see none (they may be their subject: 403), oversight reads and changes nothing, the coordinator works
    /// the agency's own, ICE those of its scope; another scope's complaint answers 404. Each step is sent in a form its rule refuses,
    /// so nothing changes.
    /// </summary>
    private static async Task WalkComplaintsAsync(TestApp app, Dictionary<string, TestUser> users, Dictionary<string, Guid[]> sees,
        HashSet<string> walked, Guid[] agencies)
    {
        var ct = TestContext.Current.CancellationToken;
        var seeded = new Dictionary<Guid, (Guid Complaint, Guid Allegation)>();
        foreach (var agencyId in agencies)
        {
            seeded[agencyId] = await app.WithDbAsync(async (db, _) =>
            {
                var complaint = Section287.Features.Complaints.Complaint.Receive(agencyId, null, Section287.Features.Complaints.ComplaintChannel.Phone,
                    Section287.Features.Complaints.ReceivedBy.Agency, DateTime.UtcNow.AddHours(-1), "Test", "en", true, false, null, "walk", [], null);
                db.Complaints.Add(complaint);
                var allegation = Section287.Features.Complaints.ComplaintAllegation.Record(complaint,
                    Section287.Features.Complaints.AllegationCategory.Discourtesy, null, "Booking deputy", true, false, false, false, "Test", DateTime.UtcNow);
                db.ComplaintAllegations.Add(allegation);
                await db.SaveChangesAsync(ct);
                return (complaint.Id, allegation.Id);
            });
        }
        static JsonContent Body(object value) => JsonContent.Create(value);
        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            var ice = name == "program-office" || name.StartsWith("field-supervisor", StringComparison.Ordinal);
            var coordinator = name.StartsWith("coordinator", StringComparison.Ordinal);
            var officerRole = name.StartsWith("officer", StringComparison.Ordinal);
            var staff = ice || coordinator;

            walked.Add("GET api/v1/complaints/");
            var list = await http.GetAsync("/api/v1/complaints/", ct);
            if (officerRole) list.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{name} lists complaints");
            else
            {
                var page = await list.Content.ReadFromJsonAsync<JsonElement>(ct);
                page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("agencyId").GetGuid()).Order()
                    .ShouldBe(sees[name].Where(agencies.Contains).Order(), $"{name} lists the complaints of its scope only");
            }
            await ExpectAsync(walked, http, "POST", "api/v1/complaints/", "/api/v1/complaints/", staff ? null : HttpStatusCode.Forbidden, staff,
                $"{name} takes an empty complaint", Body(new { }));

            foreach (var (agencyId, s) in seeded)
            {
                var visible = sees[name].Contains(agencyId);
                var of = $"{name} on agency {agencyId}";
                HttpStatusCode? Scoped(bool allowed) => !visible ? HttpStatusCode.NotFound : allowed ? null : HttpStatusCode.Forbidden;
                bool Past(bool allowed) => visible && allowed;
                Task Expect(string method, string pattern, string url, HttpStatusCode? exactly, bool past, string because, HttpContent? body = null) =>
                    ExpectAsync(walked, http, method, pattern, url, exactly, past, because, body);
                var c = $"/api/v1/complaints/{s.Complaint}";

                await Expect("GET", "api/v1/complaints/{id:guid}", c, !visible ? HttpStatusCode.NotFound : officerRole ? HttpStatusCode.Forbidden
                    : HttpStatusCode.OK, false, $"{of}: reads the complaint");
                await Expect("GET", "api/v1/complaints/{id:guid}/letters/{kind}", $"{c}/letters/acknowledgement", !visible ? HttpStatusCode.NotFound
                    : officerRole ? HttpStatusCode.Forbidden : HttpStatusCode.OK, false, $"{of}: downloads the acknowledgement letter");
                await Expect("POST", "api/v1/complaints/{id:guid}/person-data", $"{c}/person-data", Scoped(staff), Past(staff),
                    $"{of}: reads the person's words without a purpose", Body(new { purpose = "" }));
                await Expect("POST", "api/v1/complaints/{id:guid}/links", $"{c}/links", Scoped(staff), Past(staff), $"{of}: links nothing", Body(new { }));
                await Expect("POST", "api/v1/complaints/{id:guid}/allegations", $"{c}/allegations", Scoped(staff), Past(staff),
                    $"{of}: records an empty allegation", Body(new { }));
                await Expect("POST", "api/v1/complaints/{id:guid}/ice-notice", $"{c}/ice-notice", Scoped(coordinator), Past(coordinator),
                    $"{of}: tells nobody at ICE", Body(new { to = "" }));
                await Expect("POST", "api/v1/complaints/{id:guid}/opr-report", $"{c}/opr-report", Scoped(ice), Past(ice),
                    $"{of}: reports to OPR before the agency told ICE", Body(new { }));
                await Expect("POST", "api/v1/complaints/{id:guid}/referrals", $"{c}/referrals", Scoped(ice), Past(ice),
                    $"{of}: refers to nowhere", Body(new { to = "nowhere" }));
                await Expect("POST", "api/v1/complaints/{id:guid}/resolution", $"{c}/resolution", Scoped(staff), Past(staff),
                    $"{of}: resolves before OPR decided", Body(new { resolution = "x" }));
                await Expect("POST", "api/v1/complaints/{id:guid}/outcome-report", $"{c}/outcome-report", Scoped(coordinator), Past(coordinator),
                    $"{of}: reports an outcome not reached", Body(new { }));
                await Expect("POST", "api/v1/complaints/{id:guid}/told", $"{c}/told", Scoped(staff), Past(staff),
                    $"{of}: tells nobody", Body(new { who = "everyone" }));
                await Expect("POST", "api/v1/complaints/{id:guid}/closure", $"{c}/closure", Scoped(staff), Past(staff), $"{of}: closes it unresolved");
                await Expect("POST", "api/v1/complaint-allegations/{id:guid}/finding", $"/api/v1/complaint-allegations/{s.Allegation}/finding",
                    Scoped(staff), Past(staff), $"{of}: finds before OPR decided", Body(new { finding = "sustained", actionsTaken = "x" }));
            }
        }
        // Nothing the walk sent changed a complaint.
        var untouched = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Complaints,
            c => c.Status == Section287.Features.Complaints.ComplaintStatus.Received && c.AgreementId == null && c.CaseReference == null));
        untouched.ShouldBe(agencies.Length);
    }

    /// <summary>
    /// Inspections: everyone reads those of their scope; the program office schedules, ICE conducts, the coordinator proves corrective
    /// actions and attests posters; another scope's answers 404. Every step is sent in a form its rule refuses.
    /// </summary>
    private static async Task WalkInspectionsAsync(TestApp app, Dictionary<string, TestUser> users, Dictionary<string, Guid[]> sees,
        HashSet<string> walked, Dictionary<Guid, Guid> agreementOf)
    {
        var ct = TestContext.Current.CancellationToken;
        var seeded = new Dictionary<Guid, (Guid Inspection, Guid Item, Guid Finding)>();
        foreach (var (agencyId, agreementId) in agreementOf)
        {
            seeded[agencyId] = await app.WithDbAsync(async (db, _) =>
            {
                var agreement = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Agreements, a => a.Id == agreementId, ct);
                var inspection = Section287.Features.Inspections.Inspection.Schedule(agreement, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), 12, "Test");
                inspection.Start("Test", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30), DateOnly.FromDateTime(DateTime.UtcNow), DateTime.UtcNow).ShouldBeNull();
                db.Inspections.Add(inspection);
                var item = new Section287.Features.Inspections.InspectionItem { AgencyId = agencyId, InspectionId = inspection.Id, Code = "posters",
                    Title = "Posters", Source = "Test", Evidence = "None" };
                db.InspectionItems.Add(item);
                var finding = new Section287.Features.Inspections.InspectionFinding { AgencyId = agencyId, InspectionId = inspection.Id,
                    Severity = Section287.Features.Inspections.Severity.Minor, Description = "Walk", CorrectiveAction = "Walk", Owner = "Walk",
                    DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), RecordedAt = DateTime.UtcNow, RecordedBy = "Test" };
                db.InspectionFindings.Add(finding);
                await db.SaveChangesAsync(ct);
                return (inspection.Id, item.Id, finding.Id);
            });
        }
        static JsonContent Body(object value) => JsonContent.Create(value);
        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            var programOffice = name == "program-office";
            var ice = programOffice || name.StartsWith("field-supervisor", StringComparison.Ordinal);
            var coordinator = name.StartsWith("coordinator", StringComparison.Ordinal);

            walked.Add("GET api/v1/inspections/");
            var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/inspections/", ct);
            list.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("agencyId").GetGuid()).Order()
                .ShouldBe(sees[name].Where(agreementOf.ContainsKey).Order(), $"{name} lists the inspections of its scope only");
            walked.Add("GET api/v1/inspections/findings");
            var findings = await http.GetFromJsonAsync<JsonElement>("/api/v1/inspections/findings", ct);
            findings.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("agencyId").GetGuid()).Order()
                .ShouldBe(sees[name].Where(agreementOf.ContainsKey).Order(), $"{name} lists the open findings of its scope only");

            foreach (var (agencyId, s) in seeded)
            {
                var visible = sees[name].Contains(agencyId);
                var of = $"{name} on agency {agencyId}";
                HttpStatusCode? Scoped(bool allowed) => !visible ? HttpStatusCode.NotFound : allowed ? null : HttpStatusCode.Forbidden;
                bool Past(bool allowed) => visible && allowed;
                Task Expect(string method, string pattern, string url, HttpStatusCode? exactly, bool past, string because, HttpContent? body = null) =>
                    ExpectAsync(walked, http, method, pattern, url, exactly, past, because, body);
                var i = $"/api/v1/inspections/{s.Inspection}";
                await Expect("GET", "api/v1/inspections/{id:guid}", i, visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, false, $"{of}: reads the inspection");
                await Expect("GET", "api/v1/inspections/{id:guid}/report", $"{i}/report", visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, false,
                    $"{of}: downloads the report");
                await Expect("POST", "api/v1/agreements/{id:guid}/inspections", $"/api/v1/agreements/{agreementOf[agencyId]}/inspections",
                    Scoped(programOffice), Past(programOffice), $"{of}: schedules without a day", Body(new { }));
                await Expect("POST", "api/v1/inspections/{id:guid}/start", $"{i}/start", Scoped(ice), Past(ice), $"{of}: begins it again",
                    Body(new { periodFrom = "2026-01-01", periodTo = "2026-01-02" }));
                await Expect("POST", "api/v1/inspections/{id:guid}/cooperation", $"{i}/cooperation", Scoped(ice), Past(ice), $"{of}: records a bogus cooperation",
                    Body(new { cooperation = "bogus" }));
                await Expect("POST", "api/v1/inspections/{id:guid}/findings", $"{i}/findings", Scoped(ice), Past(ice), $"{of}: records an empty finding",
                    Body(new { }));
                await Expect("POST", "api/v1/inspections/{id:guid}/report", $"{i}/report", Scoped(ice), Past(ice), $"{of}: reports unanswered",
                    Body(new { summary = "x" }));
                await Expect("POST", "api/v1/inspection-items/{id:guid}/answer", $"/api/v1/inspection-items/{s.Item}/answer", Scoped(ice), Past(ice),
                    $"{of}: answers bogus", Body(new { result = "bogus" }));
                await Expect("POST", "api/v1/inspection-findings/{id:guid}/proof", $"/api/v1/inspection-findings/{s.Finding}/proof", Scoped(coordinator),
                    Past(coordinator), $"{of}: proves nothing", Body(new { proof = "" }));
                await Expect("POST", "api/v1/inspection-findings/{id:guid}/closure", $"/api/v1/inspection-findings/{s.Finding}/closure", Scoped(ice),
                    Past(ice), $"{of}: closes without proof");
                await Expect("GET", "api/v1/agencies/{id:guid}/posters", $"/api/v1/agencies/{agencyId}/posters",
                    visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, false, $"{of}: reads the posters");
                await Expect("POST", "api/v1/agencies/{id:guid}/posters", $"/api/v1/agencies/{agencyId}/posters", Scoped(coordinator), Past(coordinator),
                    $"{of}: attests nowhere", Body(new { facility = "" }));
            }
        }
        (await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Inspections))).ShouldBe(agreementOf.Count,
            "nothing the walk sent scheduled an inspection");
    }

    /// <summary>
    /// Early intervention: the program office alone sets and runs policies; officers see no alert; the coordinator and ICE review and
    /// close those of their scope; oversight reads; another scope's alert answers 404.
    /// </summary>
    private static async Task WalkEarlyInterventionAsync(TestApp app, Dictionary<string, TestUser> users, Dictionary<string, Guid[]> sees,
        HashSet<string> walked, Dictionary<Guid, Guid> agreementOf)
    {
        var ct = TestContext.Current.CancellationToken;
        var policy = new Section287.Features.Oversight.InterventionPolicy { Name = "Walk", Indicator = Section287.Features.Oversight.Indicator.LateRecords,
            PeriodMonths = 12, WarningAt = 100, CriticalAt = 200, SetBy = "Test" };
        var alertOf = new Dictionary<Guid, Guid>();
        await app.WithDbAsync(async (db, _) =>
        {
            db.InterventionPolicies.Add(policy);
            foreach (var agencyId in agreementOf.Keys)
            {
                var officer = Section287.Features.Officers.Officer.Create(agencyId, new("Test Officer Walk", $"W-{agencyId:N}"[..8], "Deputy",
                    new DateOnly(2015, 1, 1), 9m, true, true, false, false, false, null), null);
                db.Officers.Add(officer);
                var alert = Section287.Features.Oversight.EarlyAlert.Raise(agencyId, officer.Id, policy, Section287.Features.Agreements.AgreementModel.TaskForce,
                    Section287.Features.Oversight.AlertLevel.Warning, 1, 100, 1, DateTime.UtcNow);
                db.EarlyAlerts.Add(alert);
                alertOf[agencyId] = alert.Id;
            }
            await db.SaveChangesAsync(ct);
        });
        static JsonContent Body(object value) => JsonContent.Create(value);
        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            var programOffice = name == "program-office";
            var staff = programOffice || name.StartsWith("field-supervisor", StringComparison.Ordinal) || name.StartsWith("coordinator", StringComparison.Ordinal);
            var officerRole = name.StartsWith("officer", StringComparison.Ordinal);
            Task Expect(string method, string pattern, string url, HttpStatusCode? exactly, bool past, string because, HttpContent? body = null) =>
                ExpectAsync(walked, http, method, pattern, url, exactly, past, because, body);
            await Expect("GET", "api/v1/early-intervention/policies", "/api/v1/early-intervention/policies", HttpStatusCode.OK, false, $"{name} reads the policies");
            await Expect("POST", "api/v1/early-intervention/policies", "/api/v1/early-intervention/policies", programOffice ? null : HttpStatusCode.Forbidden,
                programOffice, $"{name} adds an empty policy", Body(new { }));
            await Expect("PUT", "api/v1/early-intervention/policies/{id:guid}", $"/api/v1/early-intervention/policies/{policy.Id}",
                programOffice ? null : HttpStatusCode.Forbidden, programOffice, $"{name} sets a threshold of zero", Body(new { warningAt = 0 }));
            await Expect("POST", "api/v1/early-intervention/evaluation", "/api/v1/early-intervention/evaluation", programOffice ? HttpStatusCode.OK
                : HttpStatusCode.Forbidden, false, $"{name} runs the policies");
            walked.Add("GET api/v1/early-intervention/alerts");
            var list = await http.GetAsync("/api/v1/early-intervention/alerts", ct);
            if (officerRole) list.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{name} lists alerts");
            else (await list.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("items").EnumerateArray().Select(x => x.GetProperty("agencyId").GetGuid())
                .Order().ShouldBe(sees[name].Where(agreementOf.ContainsKey).Order(), $"{name} lists the alerts of its scope only");
            foreach (var (agencyId, alertId) in alertOf)
            {
                var visible = sees[name].Contains(agencyId);
                HttpStatusCode? Scoped(bool allowed) => !visible ? HttpStatusCode.NotFound : allowed ? null : HttpStatusCode.Forbidden;
                await Expect("POST", "api/v1/early-intervention/alerts/{id:guid}/review", $"/api/v1/early-intervention/alerts/{alertId}/review", Scoped(staff),
                    visible && staff, $"{name} reviews the alert of {agencyId}");
                await Expect("POST", "api/v1/early-intervention/alerts/{id:guid}/outcome", $"/api/v1/early-intervention/alerts/{alertId}/outcome",
                    Scoped(staff), visible && staff, $"{name} closes the alert of {agencyId} with a bogus outcome", Body(new { outcome = "bogus" }));
            }
        }
        (await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.EarlyAlerts,
            a => a.Status == Section287.Features.Oversight.AlertStatus.Closed))).ShouldBe(0, "nothing the walk sent closed an alert");

        // Meetings: ICE and the coordinator record them; the program office approves summaries; each side closes its own action items.
        var meetingOf = new Dictionary<Guid, (Guid Meeting, Guid Action)>();
        await app.WithDbAsync(async (db, _) =>
        {
            foreach (var (agencyId, agreementId) in agreementOf)
            {
                var meeting = new Section287.Features.Oversight.Meeting { AgencyId = agencyId, AgreementId = agreementId,
                    Kind = Section287.Features.Oversight.MeetingKind.SteeringCommittee, HeldOn = new DateOnly(2026, 1, 1), Agenda = "Walk", IceAttendees = "Walk",
                    AgencyAttendees = "Walk", Minutes = "Walk", RecordedBy = "Test" };
                db.Meetings.Add(meeting);
                var action = new Section287.Features.Oversight.MeetingAction { AgencyId = agencyId, MeetingId = meeting.Id, Recommendation = "Walk",
                    Side = "agency", Owner = "Walk", DueOn = new DateOnly(2027, 1, 1) };
                db.MeetingActions.Add(action);
                meetingOf[agencyId] = (meeting.Id, action.Id);
            }
            await db.SaveChangesAsync(ct);
        });
        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            var programOffice = name == "program-office";
            var staff = programOffice || name.StartsWith("field-supervisor", StringComparison.Ordinal) || name.StartsWith("coordinator", StringComparison.Ordinal);
            var coordinator = name.StartsWith("coordinator", StringComparison.Ordinal);
            foreach (var (agencyId, m) in meetingOf)
            {
                var visible = sees[name].Contains(agencyId);
                HttpStatusCode? Scoped(bool allowed) => !visible ? HttpStatusCode.NotFound : allowed ? null : HttpStatusCode.Forbidden;
                var g = $"/api/v1/agreements/{agreementOf[agencyId]}";
                await ExpectAsync(walked, http, "GET", "api/v1/agreements/{id:guid}/meetings", $"{g}/meetings", visible ? HttpStatusCode.OK : HttpStatusCode.NotFound,
                    false, $"{name} reads the meetings of {agencyId}", null);
                await ExpectAsync(walked, http, "POST", "api/v1/agreements/{id:guid}/meetings", $"{g}/meetings", Scoped(staff), visible && staff,
                    $"{name} records an empty meeting for {agencyId}", Body(new { }));
                await ExpectAsync(walked, http, "POST", "api/v1/meetings/{id:guid}/summary-approval", $"/api/v1/meetings/{m.Meeting}/summary-approval",
                    Scoped(programOffice), visible && programOffice, $"{name} approves a summary that does not exist", null);
                await ExpectAsync(walked, http, "POST", "api/v1/meeting-actions/{id:guid}/done", $"/api/v1/meeting-actions/{m.Action}/done", Scoped(coordinator),
                    visible && coordinator, $"{name} closes the agency's action item saying nothing", Body(new { note = "" }));
            }
        }
    }

    /// <summary>
    /// Public releases (issue 18): the program office asks; the public affairs and privacy offices approve or decline; oversight reads;
    /// agency users and field supervisors get 403 from all of it. Each refused call must leave the request as it was.
    /// </summary>
    private static async Task WalkReleasesAsync(TestApp app, Dictionary<string, TestUser> users, HashSet<string> walked)
    {
        static JsonContent Body(object value) => JsonContent.Create(value);
        var all = new Dictionary<string, TestUser>(users)
        {
            ["public-affairs"] = await Given.UserAsync(app, Role.PublicAffairs),
            ["privacy-office"] = await Given.UserAsync(app, Role.PrivacyOffice),
        };
        var office = await Given.ApiClientAsync(app, users["program-office"]);
        var id = (await Api.Ok(office.PostAsJsonAsync("/api/v1/releases", new { kind = "encounters", reason = "Walk" }, TestContext.Current.CancellationToken)))
            .GetProperty("id").GetGuid();
        foreach (var (name, user) in all)
        {
            var http = await Given.ApiClientAsync(app, user);
            var approver = name is "public-affairs" or "privacy-office";
            var reads = approver || name is "program-office" or "oversight";
            await ExpectAsync(walked, http, "GET", "api/v1/releases/", "/api/v1/releases", reads ? HttpStatusCode.OK : HttpStatusCode.Forbidden, false,
                $"{name} lists releases", null);
            await ExpectAsync(walked, http, "POST", "api/v1/releases/", "/api/v1/releases", name == "program-office" ? null : HttpStatusCode.Forbidden,
                name == "program-office", $"{name} asks for an empty release", Body(new { }));
            await ExpectAsync(walked, http, "POST", "api/v1/releases/{id:guid}/decline", $"/api/v1/releases/{id}/decline",
                approver ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden, false, $"{name} declines without a reason", Body(new { reason = "" }));
            await ExpectAsync(walked, http, "POST", "api/v1/releases/{id:guid}/approval", $"/api/v1/releases/{Guid.NewGuid()}/approval",
                HttpStatusCode.NotFound, false, $"{name} approves a release that does not exist", null);
        }
        var left = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ReleaseRequests, r => r.Id == id));
        (left.Status, left.PublicAffairsAt, left.PrivacyAt).ShouldBe((Section287.Features.Transparency.ReleaseStatus.Pending, null, null));
    }

    /// <summary>
    /// One call of the walk: for a user who may not see the record, exactly 404; for one who sees it but whose role may not
    /// act, exactly 403; for one who may, anything past scope and role (a success, or a rule's or a field's refusal).
    /// </summary>
    /// <summary>
    /// Stop datasets: an agency's are read in its scope, reference data by every reader; officers read none; the program office
    /// imports anything, a coordinator only the agency's own; oversight reads all and imports none. Imports sent are refused or bad.
    /// </summary>
    private static async Task WalkStopDatasetsAsync(TestApp app, Dictionary<string, TestUser> users, Dictionary<string, Guid[]> sees,
        HashSet<string> walked, List<Guid> agencies)
    {
        var ct = TestContext.Current.CancellationToken;
        var datasetOf = new Dictionary<Guid, Guid>();
        await app.WithDbAsync(async (db, _) =>
        {
            foreach (var agencyId in agencies.Append(Guid.Empty))
            {
                var d = new Section287.Features.Evidence.StopDataset { Name = $"Walk {agencyId}", AgencyId = agencyId == Guid.Empty ? null : agencyId,
                    City = "Walk", State = "ZZ", TimeZone = "America/New_York", Header = "date,subject_race,type", Report = "{}" };
                db.StopDatasets.Add(d);
                db.StopRecords.Add(new Section287.Features.Evidence.StopRecord { DatasetId = d.Id, Line = 2, Record = "2014-01-01,white,vehicular" });
                datasetOf[agencyId] = d.Id;
            }
            await db.SaveChangesAsync(ct);
            return 0;
        });
        static StringContent Csv(string text) => new(text, System.Text.Encoding.UTF8, "text/csv");
        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            var reader = !name.StartsWith("officer", StringComparison.Ordinal);
            var programOffice = name == "program-office";
            var coordinator = name.StartsWith("coordinator", StringComparison.Ordinal);
            walked.Add("GET api/v1/stop-datasets/");
            var list = await http.GetAsync("/api/v1/stop-datasets/", ct);
            if (!reader) list.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{name} lists no stop data");
            else
            {
                var items = (await list.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("items").EnumerateArray()
                    .Select(i => i.TryGetProperty("agencyId", out var a) && a.ValueKind == JsonValueKind.String ? a.GetGuid() : Guid.Empty).Order();
                items.ShouldBe(sees[name].Where(agencies.Contains).Append(Guid.Empty).Order(), $"{name} lists the datasets of its scope and reference data");
            }
            // Imports: a file without a city (400) where the role may import, else refused.
            var query = "?name=Walk&state=ZZ&centerLat=1&centerLng=1&timeZone=America/New_York";
            await ExpectAsync(walked, http, "POST", "api/v1/stop-datasets/", "/api/v1/stop-datasets/" + query,
                programOffice ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden, false, $"{name} imports reference data", Csv("date\n"));
            foreach (var (agencyId, id) in datasetOf)
            {
                var visible = reader && (agencyId == Guid.Empty || sees[name].Contains(agencyId));
                var of = $"{name} on dataset of {agencyId}";
                var read = !reader ? HttpStatusCode.Forbidden : visible ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                var u = $"/api/v1/stop-datasets/{id}";
                await ExpectAsync(walked, http, "GET", "api/v1/stop-datasets/{id:guid}", u, read, false, $"{of}: reads it", null);
                await ExpectAsync(walked, http, "GET", "api/v1/stop-datasets/{id:guid}/stops.csv", $"{u}/stops.csv", read, false, $"{of}: exports it", null);
                await ExpectAsync(walked, http, "GET", "api/v1/stop-datasets/{id:guid}/analysis", $"{u}/analysis", read, false, $"{of}: analyses it", null);
                await ExpectAsync(walked, http, "GET", "api/v1/stop-datasets/{id:guid}/analysis.csv", $"{u}/analysis.csv", read, false, $"{of}: downloads it", null);
                var mayReplace = visible && (programOffice || (coordinator && agencyId != Guid.Empty));
                await ExpectAsync(walked, http, "PUT", "api/v1/stop-datasets/{id:guid}", u + "?timeZone=Nowhere/Else",
                    !reader ? HttpStatusCode.Forbidden : !visible ? HttpStatusCode.NotFound : mayReplace ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden,
                    false, $"{of}: replaces it with a bad zone", Csv("date\n"));
            }
        }
        (await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.StopDatasets)))
            .ShouldBe(datasetOf.Count, "nothing the walk sent imported a dataset");

        // The immigration tests on encounters: every reader for its scope; another scope's agency answers 404.
        foreach (var (name, user) in users)
        {
            var http = await Given.ApiClientAsync(app, user);
            var reader = !name.StartsWith("officer", StringComparison.Ordinal);
            foreach (var agencyId in agencies)
            {
                var status = !reader ? HttpStatusCode.Forbidden : sees[name].Contains(agencyId) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                await ExpectAsync(walked, http, "GET", "api/v1/evidence/immigration", $"/api/v1/evidence/immigration?level=agency&subject={agencyId}", status,
                    false, $"{name} tests agency {agencyId}", null);
                await ExpectAsync(walked, http, "GET", "api/v1/evidence/stops.csv", $"/api/v1/evidence/stops.csv?level=agency&subject={agencyId}", status,
                    false, $"{name} exports the stops of agency {agencyId}", null);
                await ExpectAsync(walked, http, "GET", "api/v1/evidence/immigration.csv", $"/api/v1/evidence/immigration.csv?level=agency&subject={agencyId}",
                    status, false, $"{name} downloads agency {agencyId}", null);
                await ExpectAsync(walked, http, "GET", "api/v1/evidence/stops/analysis", $"/api/v1/evidence/stops/analysis?level=agency&subject={agencyId}",
                    status, false, $"{name} runs OPP's tests on the stops of agency {agencyId}", null);
                await ExpectAsync(walked, http, "GET", "api/v1/evidence/stops/analysis.csv", $"/api/v1/evidence/stops/analysis.csv?level=agency&subject={agencyId}",
                    status, false, $"{name} downloads OPP's tests on agency {agencyId}", null);
            }
        }
    }

    private static async Task ExpectAsync(HashSet<string> walked, HttpClient http, string method, string pattern, string url, HttpStatusCode? exactly,
        bool pastScopeAndRole,
        string because, HttpContent? body)
    {
        var ct = TestContext.Current.CancellationToken;
        walked.Add($"{method} {pattern}");
        var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = body }, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (exactly is { } status) response.StatusCode.ShouldBe(status, $"{because}: {text}");
        if (pastScopeAndRole)
        {
            response.StatusCode.ShouldNotBeOneOf([HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized], $"{because}: {text}");
            ((int)response.StatusCode).ShouldBeLessThan(500, $"{because}: {text}");
        }
    }

    [Fact]
    public async Task Anonymous_GetsA401FromEveryNonPublicEndpoint()
    {
        await using var app = await TestApp.StartAsync();
        var http = app.Client();
        foreach (var url in new[] { "/api/v1/me", "/api/v1/agencies/", $"/api/v1/agencies/{Guid.NewGuid()}", "/api/v1/audit/verification",
            "/api/v1/ice-lists/" })
            (await http.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, url);
    }

    [Fact]
    public async Task ThePagesCookie_DoesNotOpenTheApi()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Lambda County Sheriff's Office");
        var user = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var http = await FormSignIn.SignInAsync(app, user);

        (await http.GetAsync($"/staff/agencies/{agency.Id}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.GetAsync($"/api/v1/agencies/{agency.Id}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ARowOwnedThroughAnotherAgencysRecord_IsRefusedByTheContextItself_AndOneOfItsOwnIsNot()
    {
        await using var app = await TestApp.StartAsync();
        var alpha = await Given.AgencyAsync(app, "Test Eta County Sheriff's Office");
        var beta = await Given.AgencyAsync(app, "Test Theta Police Department");
        var ours = await Given.AgreementAsync(app, alpha);
        var theirs = await Given.AgreementAsync(app, beta);
        Task Write(Guid agreementId) => app.WithDbAsync(async (db, _) =>
        {
            db.Scope.Become(Section287.Data.AccessScope.For(new AppUser { Role = Role.AgencyCoordinator, AgencyId = alpha.Id }));
            db.AgreementChanges.Add(new Section287.Features.Agreements.AgreementChange { AgreementId = agreementId,
                Kind = Section287.Features.Agreements.AgreementChangeKind.Changed, EffectiveOn = new DateOnly(2026, 12, 1), RecordedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        await Should.ThrowAsync<Section287.Common.TenancyViolationException>(() => Write(theirs.Id));
        await Write(ours.Id);
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
            db.AgencyContacts.Add(new Section287.Features.Agencies.AgencyContact { AgencyId = beta.Id, Name = "Intruder", Title = "x",
                Email = "x@example.test" });
            await db.SaveChangesAsync();
        });

        await Should.ThrowAsync<Section287.Common.TenancyViolationException>(attempt);
    }
}

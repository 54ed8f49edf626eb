using System.Net.Http.Json;
using Section287.Features.Accounts;

namespace Section287.Tests.Infrastructure;

/// <summary>Public releases as ICE makes them, through the API: the program office asks, public affairs and the privacy office approve.</summary>
public static class GivenReleases
{
    /// <summary>Releases each kind (a figure kind or "quarterly-reports"); the offices sign in now, on the app's clock.</summary>
    public static async Task ApprovedAsync(TestApp app, params string[] kinds)
    {
        var ct = TestContext.Current.CancellationToken;
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var affairs = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.PublicAffairs));
        var privacy = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.PrivacyOffice));
        foreach (var kind in kinds)
        {
            var id = (await Api.Ok(office.PostAsJsonAsync("/api/v1/releases", new { kind, reason = "Issue 18: the public asked." }, ct))).GetProperty("id").GetGuid();
            await Api.Ok(affairs.PostAsync($"/api/v1/releases/{id}/approval", null, ct));
            await Api.Ok(privacy.PostAsync($"/api/v1/releases/{id}/approval", null, ct));
        }
    }
}

/// <summary>A task force stop as an officer records it through the API, with what OPP's schema asks of it.</summary>
public sealed record GivenStop(string Race, bool Searched = false, bool Contraband = false, string Outcome = "warning");

public static class GivenStops
{
    /// <summary>Records the stops under a task force agreement, seven hours apart from <paramref name="first"/> (entered late, with a reason).</summary>
    public static async Task RecordAsync(HttpClient officer, Guid agreementId, DateTime first, IReadOnlyList<GivenStop> stops)
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < stops.Count; i++)
        {
            var stop = stops[i];
            await Api.Ok(officer.PostAsJsonAsync("/api/v1/encounters/", new
            {
                agreementId, occurredAt = first.AddHours(i * 7), location = "Highway 9", lateReason = "Entered from the shift's notes",
                basis = new { kind = "stop_or_arrest", stopKind = "stop", offense = "Speeding", jurisdiction = "state" },
                stop = new
                {
                    type = "vehicular", searchConducted = stop.Searched, searchBasis = stop.Searched ? "consent" : null,
                    contrabandFound = stop.Searched ? stop.Contraband : (bool?)null, outcome = stop.Outcome, district = "North",
                },
                person = new { name = $"Test Person {i}" },
                perception = new { races = new[] { stop.Race }, gender = "cisgender_man", age = 30, limitedEnglish = false, disabilities = new[] { "none" }, interpreterNeeded = false },
            }, ct));
        }
    }
}

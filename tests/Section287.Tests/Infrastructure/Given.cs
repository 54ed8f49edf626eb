using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Section287.Features.Accounts;
using Section287.Features.Agencies;

namespace Section287.Tests.Infrastructure;

public sealed record TestUser(Guid Id, string Email, string Password, Role Role, string? AuthenticatorKey);

/// <summary>Small builders for test data. Every name is fictional; no real agency or person appears.</summary>
public static class Given
{
    public const string Password = "timber lantern orchard 4417";

    public static async Task<Agency> AgencyAsync(TestApp app, string name, string state = "ZZ", string? aor = "ATL") =>
        await app.WithDbAsync(async (db, _) =>
        {
            var agency = new Agency { Name = name, NameKey = Agency.KeyOf(name), State = state, AorCode = aor, Type = AgencyType.County };
            db.Agencies.Add(agency);
            db.AgencyContacts.Add(new AgencyContact { AgencyId = agency.Id, Name = $"Contact of {name}", Title = "Coordinator",
                Email = "contact@example.test" });
            await db.SaveChangesAsync();
            return agency;
        });

    /// <summary>An active agreement of the agency, as if read from ICE's list.</summary>
    public static async Task<Section287.Features.Agreements.Agreement> AgreementAsync(TestApp app, Agency agency,
        Section287.Features.Agreements.AgreementModel model = Section287.Features.Agreements.AgreementModel.TaskForce, DateOnly? signedOn = null) =>
        await app.WithDbAsync(async (db, _) =>
        {
            var tracked = await db.Agencies.FindAsync(agency.Id) ?? throw new InvalidOperationException("No such agency.");
            var agreement = Section287.Features.Agreements.Agreement.FromIceList(tracked, model,
                new Section287.Features.Agreements.IceListFields(signedOn ?? new DateOnly(2025, 6, 1), null, null), new DateOnly(2026, 5, 18), Guid.NewGuid(),
                    DateTime.UtcNow);
            db.Agreements.Add(agreement);
            await db.SaveChangesAsync();
            return agreement;
        });

    /// <summary>A user of the role; ICE and oversight users get an authenticator linked, as they must outside Development.</summary>
    public static async Task<TestUser> UserAsync(TestApp app, Role role, Guid? agencyId = null, string? aor = null, bool linkAuthenticator = true) =>
        await app.WithDbAsync(async (_, services) =>
        {
            var email = $"{role.Code()}-{Guid.NewGuid():N}@example.test";
            var result = await services.GetRequiredService<CreateUser>().HandleAsync(
                new CreateUserInput(email, $"Test {role.Code()}", role, agencyId, role == Role.FieldSupervisor ? aor ?? "ATL" : null, Password),
                    CancellationToken.None);
            result.IsSuccess.ShouldBeTrue(result.Error?.Message);
            string? key = null;
            if (linkAuthenticator && role.RequiresTwoFactor())
            {
                var users = services.GetRequiredService<UserManager<AppUser>>();
                var user = (await users.FindByIdAsync(result.Value.ToString()))!;
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
                await users.SetTwoFactorEnabledAsync(user, true);
            }
            return new TestUser(result.Value, email, Password, role, key);
        });

    /// <summary>A one-time link to set up the user's second factor, as an administrator issues it; the path, relative to the site.</summary>
    public static async Task<string> SecondFactorLinkAsync(TestApp app, Guid userId) =>
        await app.WithDbAsync(async (_, services) =>
        {
            var user = (await services.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId.ToString()))!;
            return (await services.GetRequiredService<SecondFactorLinks>().IssueAsync(user, "test", CancellationToken.None)).Path;
        });

    /// <summary>
    /// An API client holding the user's bearer token. A user already signed in on this app gets a new token from that session's
    /// refresh token, as a client app does (an authenticator code is good once, and tests sign the same people in many times a
    /// minute); a user not signed in yet, or whose session has ended (a new password, ended sessions, a disabled or locked
    /// account), signs in with password and code.
    /// </summary>
    /// <param name="https">As through a proxy that ends TLS (X-Forwarded-Proto), for an app that requires HTTPS.</param>
    public static async Task<HttpClient> ApiClientAsync(TestApp app, TestUser user, bool https = false)
    {
        var http = app.Client();
        if (https) http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        if (LiveSessions.GetOrCreateValue(app).TryGetValue(user.Id, out var live) && await RefreshAsync(http, live) is { } renewed)
        {
            Keep(app, http, user, renewed);
            return http;
        }
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new
        {
            email = user.Email,
            password = user.Password,
            twoFactorCode = user.AuthenticatorKey is null ? null : await Totp.NextAsync(user.AuthenticatorKey),
        });
        response.IsSuccessStatusCode.ShouldBeTrue($"{user.Email} got no token: {await response.Content.ReadAsStringAsync()}");
        Keep(app, http, user, await response.Content.ReadFromJsonAsync<JsonElement>());
        return http;
    }

    /// <summary>
    /// After a test moves the app's clock past the hour a token lasts: the client's session goes on through its refresh token; past
    /// the refresh token's 14 days, the user signs in again.
    /// </summary>
    public static async Task RenewAsync(TestApp app, HttpClient http)
    {
        var session = Sessions.TryGetValue(http, out var found) ? found : throw new InvalidOperationException("Not a client of ApiClientAsync.");
        if (await RefreshAsync(http, session.RefreshToken) is { } renewed)
        {
            Keep(app, http, session.User, renewed);
            return;
        }
        LiveSessions.GetOrCreateValue(app).TryRemove(session.User.Id, out _);
        var fresh = await ApiClientAsync(app, session.User);
        Keep(app, http, session.User, null, fresh);
    }

    private sealed record Session(TestUser User, string RefreshToken);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, Session> Sessions = [];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TestApp, System.Collections.Concurrent.ConcurrentDictionary<Guid, string>> LiveSessions = [];

    /// <summary>New tokens for a refresh token, or null when its session has ended.</summary>
    private static async Task<JsonElement?> RefreshAsync(HttpClient http, string refreshToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/refresh") { Content = JsonContent.Create(new { refreshToken }) };
        using var response = await http.SendAsync(request);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized) return null;
        response.IsSuccessStatusCode.ShouldBeTrue($"refresh: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static void Keep(TestApp app, HttpClient http, TestUser user, JsonElement? tokens, HttpClient? from = null)
    {
        if (from is not null)
        {
            http.DefaultRequestHeaders.Authorization = from.DefaultRequestHeaders.Authorization;
            if (Sessions.TryGetValue(from, out var copied)) Sessions.AddOrUpdate(http, copied);
            return;
        }
        var refresh = tokens!.Value.GetProperty("refreshToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.Value.GetProperty("accessToken").GetString());
        Sessions.AddOrUpdate(http, new Session(user, refresh));
        LiveSessions.GetOrCreateValue(app)[user.Id] = refresh;
    }

    /// <summary>A complete application for the jail and task force models, its comment period opening on <paramref name="today"/>.</summary>
    public static object CompleteApplication(DateOnly today) => new
    {
        models = new[] { new { model = "JEM", officers = 4 }, new { model = "TFM", officers = 2 } },
        staffAvailable = 12,
        jailBeds = 220,
        dailyBookings = 35,
        hasItConnectivity = true,
        equipmentSite = "Booking room B, secured",
        budgetDollars = 150000m,
        budgetNotes = "Overtime and transport",
        legalReviewDone = true,
        legalReviewNotes = "County attorney, 2026-10-30",
        objectives = "Identify removable people booked on serious charges",
        priorities = "Violent felonies first",
        commentOpensOn = today.ToString("yyyy-MM-dd"),
        commentClosesOn = today.AddDays(30).ToString("yyyy-MM-dd"),
        meetings = new[] { new { heldOn = today.AddDays(-10).ToString("yyyy-MM-dd"), audience = "County commission, public session", attendance = 85,
            summary = "Residents asked about cost and racial profiling." } },
    };
}

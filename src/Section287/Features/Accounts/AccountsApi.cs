namespace Section287.Features.Accounts;

/// <summary>Managing accounts (the program office; a coordinator for the agency's own), and one's own password.</summary>
public static class AccountsApi
{
    private static Result<InvitationAnswer> Linked(Result<InvitationIssued> result, HttpRequest request) => result.IsSuccess
        ? new InvitationAnswer(result.Value.Account, $"{request.Scheme}://{request.Host}{result.Value.Path}", result.Value.ExpiresAt, result.Value.Emailed)
        : result.Error!;

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(Identity.StaffPolicy);
        group.MapGet("/", async (AccountAdmin admin, Actor actor, string? role, string? q, int? page, int? pageSize, CancellationToken ct) =>
            (await admin.ListAsync(actor, role, q, page, pageSize, ct)).ToHttp());
        group.MapGet("/{id:guid}", async (AccountAdmin admin, Actor actor, Guid id, CancellationToken ct) => (await admin.GetAsync(actor, id, ct)).ToHttp());
        group.MapPost("/{id:guid}/disable", async (AccountAdmin admin, Actor actor, Guid id, DisableInput input, CancellationToken ct) =>
            (await admin.DisableAsync(actor, id, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/enable", async (AccountAdmin admin, Actor actor, Guid id, CancellationToken ct) =>
            (await admin.EnableAsync(actor, id, ct)).ToHttp());
        // The link is in this answer once (and e-mailed when a mail server is configured); only its hash is kept.
        group.MapPost("/{id:guid}/second-factor-link", async (AccountAdmin admin, Actor actor, Guid id, HttpRequest request, CancellationToken ct) =>
        {
            var result = await admin.IssueSecondFactorLinkAsync(actor, id, ct);
            return (result.IsSuccess
                ? new SecondFactorLinkAnswer(result.Value.Account, $"{request.Scheme}://{request.Host}{result.Value.Path}", result.Value.ExpiresAt, result.Value.Emailed)
                : (Result<SecondFactorLinkAnswer>)result.Error!).ToHttp();
        });
        // An invitation: the account is made without a password; the link that sets it is in this answer once (and e-mailed).
        group.MapPost("/", async (AccountAdmin admin, Actor actor, InviteInput input, HttpRequest request, CancellationToken ct) =>
            Linked(await admin.InviteAsync(actor, input, ct), request).ToHttp());
        group.MapPost("/{id:guid}/password-link", async (AccountAdmin admin, Actor actor, Guid id, HttpRequest request, CancellationToken ct) =>
            Linked(await admin.SendPasswordLinkAsync(actor, id, ct), request).ToHttp());
        group.MapPut("/{id:guid}/role", async (AccountAdmin admin, Actor actor, Guid id, RoleInput input, CancellationToken ct) =>
            (await admin.ChangeRoleAsync(actor, id, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/end-sessions", async (AccountAdmin admin, Actor actor, Guid id, CancellationToken ct) =>
            (await admin.EndSessionsAsync(actor, id, ct)).ToHttp());

        // No account yet: the one-time link is the credential. The second factor, where the role needs one, is linked on the web next.
        api.MapPost("/account/password", async (PasswordLinks passwords, SetPasswordInput input, HttpRequest request, CancellationToken ct) =>
        {
            var result = await passwords.SetAsync(input, ct);
            return (result.IsSuccess
                ? new PasswordSetAnswer(result.Value.Email, result.Value.Invited, result.Value.SecondFactorPath is { } next ? $"{request.Scheme}://{request.Host}{next}" : null)
                : (Result<PasswordSetAnswer>)result.Error!).ToHttp();
        }).WithTags("Accounts").AllowAnonymous();

        // The token that asks is itself ended by the change: the caller signs in again with the new password.
        api.MapPost("/me/password", async (AccountSelf self, Actor actor, ChangePasswordInput input, CancellationToken ct) =>
            (await self.ChangePasswordAsync(actor, input, ct)).ToHttp()).WithTags("Accounts").RequireAuthorization(Identity.StaffPolicy);
    }
}

/// <summary>The invitation's (or new password's) link, whole, this once; <c>emailed</c> says whether it also went to the account's address.</summary>
public sealed record InvitationAnswer(AccountView Account, string Url, DateTime ExpiresAt, bool Emailed);

/// <summary>The password is set; <c>secondFactorUrl</c> is where the person, signed in on the web, links their authenticator next.</summary>
public sealed record PasswordSetAnswer(string Email, bool Invited, string? SecondFactorUrl);

/// <summary>The set-up link, whole, this once; <c>emailed</c> says whether it also went to the account's address.</summary>
public sealed record SecondFactorLinkAnswer(AccountView Account, string Url, DateTime ExpiresAt, bool Emailed);

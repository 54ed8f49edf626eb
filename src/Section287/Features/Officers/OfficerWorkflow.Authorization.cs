using Section287.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;
using Section287.Features.Training;

namespace Section287.Features.Officers;

/// <summary>ICE vets and authorizes; either side suspends, lifts or revokes; credentials and notices; disciplinary records access.</summary>
public sealed partial class OfficerWorkflow
{
    // ---- Vetting (ICE) ---------------------------------------------------------------------------------------------

    public async Task<Result<OfficerView>> RecordBackgroundAsync(Guid nominationId, Actor actor, BackgroundInput input, CancellationToken ct)
    {
        var nomination = await db.Nominations.FirstOrDefaultAsync(n => n.Id == nominationId, ct);
        if (nomination is null) return OfficerErrors.NominationNotFound;
        if (!IsIce(actor)) return OfficerErrors.IceOnly;
        if (BackgroundStatuses.FromCode(input.Status) is not { } to || to == BackgroundStatus.NotRequested)
            return Error.Invalid("background.status_invalid", "Choose the investigation's new status.",
                new Dictionary<string, string[]> { ["status"] = ["Choose requested, in_progress, favorable or unfavorable."] });
        var officer = await db.Officers.SingleAsync(o => o.Id == nomination.OfficerId, ct);
        var now = Now;
        if (nomination.RecordBackground(to, personData.Protect(input.Reason), !string.IsNullOrWhiteSpace(input.Reason), now) is { } refused) return refused;
        var label = $"{officer.FullName} — {nomination.Model.IceName()} nominee";
        if (to == BackgroundStatus.Requested) deadlines.Open(DeadlineRules.OfficerBackground, officer.AgencyId, "officer", officer.Id, label);
        if (to is BackgroundStatus.Favorable or BackgroundStatus.Unfavorable) await deadlines.CloseAsync(officer.Id, DeadlineRules.OfficerBackground, ct);
        var text = to switch
        {
            BackgroundStatus.Requested => "Background investigation requested.",
            BackgroundStatus.InProgress => "Background investigation in progress.",
            BackgroundStatus.Favorable => "Background investigation favorable: the nominee may be trained.",
            _ => "Background investigation unfavorable: the nomination ended.",
        };
        db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, nomination.AgreementId, $"background.{to.Code()}", text, actor.Name, now));
        if (to is BackgroundStatus.Favorable or BackgroundStatus.Unfavorable)
            await notify.ToRoleAsync(Role.AgencyCoordinator, officer.AgencyId, "officer.background", $"{officer.FullName}: {text}",
                Links.For("officer", officer.Id), ct);
        change.For($"background.{to.Code()}", text);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(officer.Id, actor, ct);
    }

    // ---- Authorization (ICE field office) --------------------------------------------------------------------------

    /// <summary>The field office director signs the authorization letter and issues credentials: authority starts now.</summary>
    public async Task<Result<OfficerView>> AuthorizeAsync(Guid nominationId, Actor actor, AuthorizeInput input, CancellationToken ct)
    {
        var nomination = await db.Nominations.FirstOrDefaultAsync(n => n.Id == nominationId, ct);
        if (nomination is null) return OfficerErrors.NominationNotFound;
        if (!IsIce(actor)) return OfficerErrors.FieldOfficeOnly;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.CredentialNumber)) errors["credentialNumber"] = ["Give the number of the credentials issued."];
        if (string.IsNullOrWhiteSpace(input.SignatoryName)) errors["signatoryName"] = ["Give the name of the field office director who signs."];
        if (string.IsNullOrWhiteSpace(input.SignatoryTitle)) errors["signatoryTitle"] = ["Give the signatory's title."];
        if (errors.Count > 0) return Error.Invalid("authorization.invalid", "The authorization is not complete.", errors);
        var now = Now;
        if (!nomination.IsOpen) return OfficerErrors.NominationEnded(nomination.EndReason);
        var facts = await loader.LoadOneAsync(nomination.OfficerId, nomination.AgreementId, ct);
        if (facts is null) return OfficerErrors.NominationNotFound;
        // What the letter needs is what authority needs, short of the letter itself: the same rules answer both.
        var missing = AuthorityRules.Evaluate(facts, now).Reasons.Select(r => r.Code).ToHashSet();
        if (missing.Overlaps(["authority.agreement_not_active", "authority.agreement_suspended"])) return OfficerErrors.AgreementNotActive;
        if (!nomination.IsFavorableAt(now)) return OfficerErrors.NotFavorable;
        if (missing.Overlaps(["authority.not_certified", "authority.refresher_overdue"])) return OfficerErrors.NotCertified;
        var current = facts.Authorizations.FirstOrDefault(a => a.IsInForceAt(now));
        // A task force authorization may be renewed in its last 90 days; otherwise one in force is enough.
        if (current is not null && (current.ExpiresAt is not { } expires || expires > now.AddDays(90))) return OfficerErrors.AlreadyAuthorized;
        var credential = input.CredentialNumber!.Trim();
        if (await db.Authorizations.IgnoreQueryFilters().AnyAsync(a => a.CredentialNumber == credential, ct)) return OfficerErrors.CredentialTaken;

        var position = string.IsNullOrWhiteSpace(input.SupervisingPosition)
            ? Authorization.SupervisingPositionOf(facts.Agreement.Agency?.AorCode is { } aor ? reference.FieldOffices.GetValueOrDefault(aor) : null)
            : input.SupervisingPosition.Trim();
        var authorization = Authorization.Sign(nomination, credential, input.SignatoryName!, input.SignatoryTitle!, actor.Id, now, position);
        db.Authorizations.Add(authorization);
        var officer = await db.Officers.SingleAsync(o => o.Id == nomination.OfficerId, ct);
        // A new officer under a jail agreement left without any ends the question of suspending or terminating it.
        await deadlines.CloseAsync(nomination.AgreementId, DeadlineRules.AgreementLastOfficer, ct);
        if (authorization.ExpiresAt is { } end)
        {
            await deadlines.CloseAsync(officer.Id, DeadlineRules.OfficerAuthorizationRenewal, ct);
            deadlines.OpenUntil(DeadlineRules.OfficerAuthorizationRenewal, officer.AgencyId, "officer", officer.Id,
                $"{officer.FullName} — task force authorization", end);
        }
        var text = $"Authorized under the {nomination.Model.IceName()} agreement by {authorization.SignatoryName}, {authorization.SignatoryTitle}; credentials {credential}"
            + (authorization.ExpiresAt is { } e ? $"; valid until {Clock.DayOf(e):yyyy-MM-dd}." : ".");
        db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, nomination.AgreementId, "authorized", text, actor.Name, now));
        await notify.ToRoleAsync(Role.AgencyCoordinator, officer.AgencyId, "officer.authorized", $"{officer.FullName}: {text}",
            Links.For("officer", officer.Id), ct);
        if (officer.UserId is { } user) await notify.ToUserAsync(user, officer.AgencyId, "officer.authorized", text, "/staff/me", ct);
        change.For("authorization.sign", text);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(officer.Id, actor, ct);
    }

    public Task<Result<OfficerView>> SuspendAuthorizationAsync(Guid authorizationId, Actor actor, ReasonInput input, CancellationToken ct) =>
        ApplyToAuthorizationAsync(authorizationId, actor, "authorization.suspend", input.Reason ?? "", (a, side) => a.Suspend(side, input.Reason, Now), ct);

    public Task<Result<OfficerView>> LiftSuspensionAsync(Guid authorizationId, Actor actor, CancellationToken ct) =>
        ApplyToAuthorizationAsync(authorizationId, actor, "authorization.lift", "Suspension lifted", (a, side) =>
        {
            // The agency lifts only a suspension it imposed; ICE may lift any.
            if (side == "agency"
                && a.SuspensionAt(Now) is { By: "ice" }) return OfficerErrors.OwnSideOnly.RefuseAs("Only ICE can lift a suspension ICE imposed.");
            return a.Lift(Now);
        }, ct);

    /// <summary>Revocation at any time, by ICE or the agency (MOA): the other party must be told within 48 hours, and credentials come back.</summary>
    public Task<Result<OfficerView>> RevokeAsync(Guid authorizationId, Actor actor, ReasonInput input, CancellationToken ct) =>
        ApplyToAuthorizationAsync(authorizationId, actor, "authorization.revoke", input.Reason ?? "", (a, side) => a.Revoke(side, input.Reason, Now), ct);

    /// <summary>ICE confirms the credentials came back.</summary>
    public async Task<Result<OfficerView>> CredentialsReturnedAsync(Guid authorizationId, Actor actor, CancellationToken ct)
    {
        var authorization = await db.Authorizations.FirstOrDefaultAsync(a => a.Id == authorizationId, ct);
        if (authorization is null) return OfficerErrors.AuthorizationNotFound;
        if (!IsIce(actor)) return OfficerErrors.IceOnly;
        if (!authorization.ReturnCredentials(Now)) return OfficerErrors.CredentialsAlreadyReturned;
        // The deadline ends when no credentials of the officer that are due back (revoked, or the officer left) are still out.
        var separated = await db.Officers.AnyAsync(o => o.Id == authorization.OfficerId && o.SeparatedAt != null, ct);
        var stillOut = await db.Authorizations.AnyAsync(a => a.OfficerId == authorization.OfficerId && a.Id != authorization.Id
            && a.CredentialsReturnedAt == null
            && (a.RevokedAt != null || separated), ct);
        if (!stillOut) await deadlines.CloseAsync(authorization.OfficerId, DeadlineRules.OfficerCredentialsReturn, ct);
        db.OfficerEvents.Add(OfficerEvent.Of(authorization.AgencyId, authorization.OfficerId, authorization.AgreementId, "credentials.returned",
            $"Credentials {authorization.CredentialNumber} returned to ICE.", actor.Name, Now));
        change.For("authorization.credentials_returned", authorization.CredentialNumber);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(authorization.OfficerId, actor, ct);
    }

    /// <summary>The side a revocation notice waits on records that it told the other party (and the officer).</summary>
    public Task<Result<OfficerView>> RecordRevocationNoticeAsync(Guid officerId, Actor actor, NoticeInput input, CancellationToken ct) =>
        ApplyToOfficerAsync(officerId, actor, IsIce(actor) || actor.Role == Role.AgencyCoordinator, OfficerErrors.OwnSideOnly,
            "officer.revocation_notice", input.Note ?? "",
            async officer =>
            {
                var rule = IsIce(actor) ? DeadlineRules.OfficerRevocationNoticeByIce : DeadlineRules.OfficerRevocationNoticeByAgency;
                if (!await db.Deadlines.AnyAsync(d => d.SubjectId == officer.Id && d.Rule == rule.Code && d.Status == DeadlineStatus.Open, ct))
                    return OfficerErrors.NoNoticeDue;
                await deadlines.CloseAsync(officer.Id, rule, ct);
                db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, null, "revocation.notified",
                    $"Notice of the end of authority given{(string.IsNullOrWhiteSpace(input.Note) ? "." : $": {input.Note.Trim()}")}", actor.Name, Now));
                return null;
            }, ct);

    // ---- Disciplinary records (warrant service) -------------------------------------------------------------------

    /// <summary>ICE asks for a warrant service candidate's written authorization to read their disciplinary records (MOA, section IV.B).</summary>
    public async Task<Result<OfficerView>> RequestRecordsAccessAsync(Guid nominationId, Actor actor, CancellationToken ct)
    {
        var nomination = await db.Nominations.FirstOrDefaultAsync(n => n.Id == nominationId, ct);
        if (nomination is null) return OfficerErrors.NominationNotFound;
        if (!IsIce(actor)) return OfficerErrors.IceOnly;
        if (nomination.RequestRecordsAccess(Now) is { } refused) return refused;
        var text = "ICE asked for the candidate's written authorization to read their disciplinary records.";
        db.OfficerEvents.Add(OfficerEvent.Of(nomination.AgencyId, nomination.OfficerId, nomination.AgreementId, "records.requested", text, actor.Name, Now));
        await notify.ToRoleAsync(Role.AgencyCoordinator, nomination.AgencyId, "records.requested", text, Links.For("officer", nomination.OfficerId), ct);
        change.For("nomination.records_requested", text);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(nomination.OfficerId, actor, ct);
    }

    /// <summary>The agency records the candidate's signed authorization.</summary>
    public async Task<Result<OfficerView>> RecordRecordsAuthorizationAsync(Guid nominationId, Actor actor, RecordsAuthorizationInput input,
        CancellationToken ct)
    {
        var nomination = await db.Nominations.FirstOrDefaultAsync(n => n.Id == nominationId, ct);
        if (nomination is null) return OfficerErrors.NominationNotFound;
        if (actor.Role != Role.AgencyCoordinator) return OfficerErrors.CoordinatorOnly;
        if (nomination.RecordRecordsAuthorization(input.SignedOn, Clock.DayOf(Now)) is { } refused) return refused;
        var text = $"The candidate's written authorization for ICE to read their disciplinary records, signed on {input.SignedOn:yyyy-MM-dd}, is provided.";
        db.OfficerEvents.Add(OfficerEvent.Of(nomination.AgencyId, nomination.OfficerId, nomination.AgreementId, "records.authorized", text, actor.Name, Now));
        await notify.ToRoleAsync(Role.FieldSupervisor, nomination.AgencyId, "records.authorized", text, Links.For("officer", nomination.OfficerId), ct);
        change.For("nomination.records_authorized", text);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(nomination.OfficerId, actor, ct);
    }
}

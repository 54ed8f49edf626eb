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

/// <summary>The agency's roster: nominations one by one or from a file, linking accounts, separations.</summary>
public sealed partial class OfficerWorkflow
{
    // ---- Roster (agency coordinator) ----------------------------------------------------------------------------------

    public async Task<Result<OfficerView>> NominateAsync(Guid agreementId, Actor actor, OfficerInput input, CancellationToken ct)
    {
        var agreement = await AgreementsInScope.FirstOrDefaultAsync(a => a.Id == agreementId, ct);
        if (agreement is null) return AgreementErrors.NotFound;
        if (actor.Role != Role.AgencyCoordinator) return OfficerErrors.CoordinatorOnly;
        var nominated = await NominateOneAsync(agreement, actor, input, [], announce: true, ct);
        if (!nominated.IsSuccess) return nominated.Error!;
        change.For("officer.nominate", $"Nominated under the {agreement.Model.IceName()} agreement");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(nominated.Value.Id, actor, ct);
    }

    /// <summary>
    /// Nominates every row of a CSV roster, or none: each row is checked as a single nomination would be, and a report
    /// names every row's errors. Columns (header row required): full_name, badge_number, rank, hired_on (YYYY-MM-DD),
    /// experience_years, us_citizen, detention_trained, disciplinary_record, force_allegation, discrimination_allegation
    /// (yes/no), disciplinary_details.
    /// </summary>
    public async Task<Result<ImportReport>> ImportRosterAsync(Guid agreementId, Actor actor, string csv, CancellationToken ct)
    {
        var agreement = await AgreementsInScope.FirstOrDefaultAsync(a => a.Id == agreementId, ct);
        if (agreement is null) return AgreementErrors.NotFound;
        if (actor.Role != Role.AgencyCoordinator) return OfficerErrors.CoordinatorOnly;
        var parsed = RosterCsv.Parse(csv);
        if (!parsed.IsSuccess) return parsed.Error!;
        var results = new List<ImportRowResult>();
        var badgesInFile = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in parsed.Value)
        {
            if (row.Errors.Count > 0)
            {
                results.Add(new ImportRowResult(row.Line, row.Input?.BadgeNumber, false, row.Errors));
                continue;
            }
            var nominated = await NominateOneAsync(agreement, actor, row.Input!, badgesInFile, announce: false, ct);
            results.Add(new ImportRowResult(row.Line, row.Input!.BadgeNumber, nominated.IsSuccess,
                nominated.IsSuccess ? new Dictionary<string, string[]>() : ErrorsOf(nominated.Error!)));
        }
        var report = new ImportReport(results.Count, results.All(r => r.Ok) ? results.Count : 0, results);
        if (results.Count == 0)
            return Error.Invalid("roster.empty", "The file has a header but no officers.",
                new Dictionary<string, string[]> { ["file"] = ["Add one officer per line below the header."] });
        if (!results.All(r => r.Ok))
        {
            // Nothing is half-imported: the rows that passed are dropped with the ones that failed.
            db.ChangeTracker.Clear();
            return OfficerErrors.RowsInvalid.RefuseAs($"{results.Count(r => !r.Ok)} of {results.Count} rows cannot be imported; nothing was imported.") with
                { Fields = results.Where(r => !r.Ok).ToDictionary(r => $"line {r.Line}",
                    r => r.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")).ToArray()) };
        }
        await notify.ToRoleAsync(Role.FieldSupervisor, agreement.AgencyId, "officer.nominated",
            $"{results.Count} new nominees to vet ({agreement.Model.Code()})", $"/staff/agreements/{agreement.Id}/officers", ct);
        change.For("officer.import_roster", $"Imported {results.Count} nominations under the {agreement.Model.IceName()} agreement");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return report;
    }

    private static IReadOnlyDictionary<string, string[]> ErrorsOf(Error e) =>
        e.Fields.Count > 0 ? e.Fields : new Dictionary<string, string[]> { ["officer"] = [$"{e.Message} ({e.Code})"] };

    private async Task<Result<Officer>> NominateOneAsync(Agreement agreement, Actor actor, OfficerInput input, HashSet<string> badgesInBatch,
        bool announce, CancellationToken ct)
    {
        if (agreement.Status != AgreementStatus.Active) return OfficerErrors.AgreementNotActive;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.FullName)) errors["fullName"] = ["Give the officer's full name."];
        if (string.IsNullOrWhiteSpace(input.BadgeNumber)) errors["badgeNumber"] = ["Give the badge number."];
        if (string.IsNullOrWhiteSpace(input.Rank)) errors["rank"] = ["Give the rank."];
        if (input.HiredOn is not { } hired) errors["hiredOn"] = ["Give the date of hire (YYYY-MM-DD)."];
        else if (hired > clock.Today()) errors["hiredOn"] = ["The date of hire cannot be in the future."];
        if (input.ExperienceYears is not { } years || years < 0
            || years > 60) errors["experienceYears"] = ["Give the years of law enforcement experience (0 to 60)."];
        if (input.CitizenshipAttested is null) errors["citizenshipAttested"] = ["Say whether the agency attests the officer is a U.S. citizen."];
        if (input.HasDisciplinaryRecord is null) errors["hasDisciplinaryRecord"] = ["Disclose whether the officer has a disciplinary history."];
        if (errors.Count > 0) return Error.Invalid("officer.invalid", "The nomination is not complete.", errors);
        var facts = new OfficerFacts(input.FullName!, input.BadgeNumber!, input.Rank!, input.HiredOn!.Value, input.ExperienceYears!.Value,
            input.CitizenshipAttested!.Value, input.DetentionTrained ?? false, input.HasDisciplinaryRecord!.Value, input.ForceAllegation ?? false,
            input.DiscriminationAllegation ?? false, input.DisciplinaryDetails);
        if (Eligibility.Refusal(Eligibility.Check(agreement.Model, facts)) is { } refused) return refused;

        var badge = facts.BadgeNumber.Trim();
        if (!badgesInBatch.Add(badge)) return OfficerErrors.BadgeTaken.RefuseAs("Another row of this file has the same badge number.");
        var officer = input.OfficerId is { } existingId
            ? await db.Officers.FirstOrDefaultAsync(o => o.Id == existingId && o.AgencyId == agreement.AgencyId, ct)
            : await db.Officers.FirstOrDefaultAsync(o => o.AgencyId == agreement.AgencyId && o.BadgeNumber == badge, ct);
        if (input.OfficerId is not null && officer is null) return OfficerErrors.NotFound;
        if (officer is not null && input.OfficerId is null && !string.Equals(officer.FullName, facts.FullName.Trim(), StringComparison.OrdinalIgnoreCase))
            return OfficerErrors.BadgeTaken;
        if (officer?.SeparatedAt is not null) return OfficerErrors.AlreadySeparated;
        var details = personData.Protect(facts.DisciplinaryDetails);
        var now = Now;
        if (officer is null)
        {
            officer = Officer.Create(agreement.AgencyId, facts, details);
            db.Officers.Add(officer);
        }
        else
        {
            if (await db.Nominations.AnyAsync(n => n.OfficerId == officer.Id && n.AgreementId == agreement.Id && n.EndedAt == null, ct))
                return OfficerErrors.AlreadyNominated;
            officer.Update(facts, details);
        }
        var nomination = Nomination.Of(officer, agreement, actor.Id, now);
        db.Nominations.Add(nomination);
        db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, agreement.Id, "nominated",
            $"Nominated under the {agreement.Model.IceName()} agreement.", actor.Name, now));
        if (announce)
            await notify.ToRoleAsync(Role.FieldSupervisor, officer.AgencyId, "officer.nominated",
                $"New nominee to vet: {officer.FullName} ({agreement.Model.Code()})", Links.For("officer", officer.Id), ct);
        return officer;
    }

    public Task<Result<OfficerView>> LinkAccountAsync(Guid officerId, Actor actor, LinkAccountInput input, CancellationToken ct) =>
        ApplyToOfficerAsync(officerId, actor, actor.Role == Role.AgencyCoordinator, OfficerErrors.CoordinatorOnly, "officer.link_account",
            "Linked the officer's account",
            async officer =>
            {
                if (string.IsNullOrWhiteSpace(input.Email))
                {
                    officer.LinkAccount(null);
                    return null;
                }
                var normalized = input.Email.Trim().ToUpperInvariant();
                var user = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id, u.Role, u.AgencyId }).FirstOrDefaultAsync(ct);
                if (user is null || user.Role != Role.DesignatedOfficer || user.AgencyId != officer.AgencyId)
                    return Error.Invalid("officer.account_invalid", "No designated officer account of this agency has that e-mail.",
                        new Dictionary<string, string[]> { ["email"] = ["Give the e-mail of a designated officer account of your agency."] });
                if (await db.Officers.AnyAsync(o => o.UserId == user.Id && o.Id != officer.Id, ct))
                    return OfficerErrors.AccountTaken;
                officer.LinkAccount(user.Id);
                return null;
            }, ct);

    /// <summary>
    /// The coordinator invites the officer to Section287: a designated officer account of the agency, named as the officer, is made and
    /// linked to this record in one transaction, and the one-time link that sets its password goes to the address given (issue 21).
    /// </summary>
    public async Task<Result<OfficerInvitation>> InviteAccountAsync(Guid officerId, Actor actor, LinkAccountInput input, CancellationToken ct)
    {
        var officer = await db.Officers.FirstOrDefaultAsync(o => o.Id == officerId, ct);
        if (officer is null) return OfficerErrors.NotFound;
        if (actor.Role != Role.AgencyCoordinator) return OfficerErrors.CoordinatorOnly;
        if (officer.UserId is not null) return OfficerErrors.AlreadyLinked.Refuse();
        var invited = await accounts.InviteAsync(actor, new InviteInput(input.Email, officer.FullName, Role.DesignatedOfficer.Code(), officer.AgencyId, null), ct,
            user =>
            {
                officer.LinkAccount(user.Id);
                return Task.FromResult<Error?>(null);
            });
        if (!invited.IsSuccess) return invited.Error!;
        var view = await GetAsync(officer.Id, actor, ct);
        return view.IsSuccess ? new OfficerInvitation(view.Value, invited.Value.Account, invited.Value.Path, invited.Value.ExpiresAt, invited.Value.Emailed)
            : view.Error!;
    }

    /// <summary>The officer leaves the program: authority ends at once, nominations and training end, credentials are due back.</summary>
    public Task<Result<OfficerView>> SeparateAsync(Guid officerId, Actor actor, SeparationInput input, CancellationToken ct) =>
        ApplyToOfficerAsync(officerId, actor, actor.Role == Role.AgencyCoordinator, OfficerErrors.CoordinatorOnly, "officer.separate", input.Reason ?? "",
            async officer =>
            {
                var kind = input.Kind?.Trim().ToLowerInvariant() switch { "left" => SeparationKind.Left, "reassigned" => SeparationKind.Reassigned,
                    _ => (SeparationKind?)null };
                if (kind is null)
                    return Error.Invalid("officer.separation_kind", "Say whether the officer left the agency or was reassigned.",
                        new Dictionary<string, string[]> { ["kind"] = ["Choose left or reassigned."] });
                var now = Now;
                // Warrant service (section IV.D): 90 days' notice to ICE where practicable.
                var models = await db.Nominations.Where(n => n.OfficerId == officer.Id && n.EndedAt == null).Select(n => n.Model).ToListAsync(ct);
                var warrantService = models.Any(Officer.NoticeBeforeLeaving);
                if (officer.Separate(kind.Value, input.Reason, now, warrantService, input.NoticeGivenOn, input.ShortNoticeReason,
                    Clock.DayOf(now)) is { } refused) return refused;
                foreach (var n in await db.Nominations.Where(n => n.OfficerId == officer.Id
                    && n.EndedAt == null).ToListAsync(ct)) n.End("Officer separated", now);
                foreach (var e in await db.Enrollments.Include(e => e.Attempts).Where(e => e.OfficerId == officer.Id
                    && e.Status == EnrollmentStatus.Enrolled).ToListAsync(ct))
                    e.Withdraw("Officer separated", now);
                await OpenCredentialReturnsAsync(officer, ct);
                db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, null, "separated",
                    $"Left the program ({kind.Value.ToString().ToLowerInvariant()}): {officer.SeparationReason}"
                    + (officer.SeparationNoticeOn is { } told ? $" ICE was told on {told:yyyy-MM-dd}." : "") + (officer.SeparationShortNotice is { } why ? $" Shorter notice: {why}" : ""), actor.Name, now));
                await notify.ToRoleAsync(Role.FieldSupervisor, officer.AgencyId, "officer.separated",
                    $"Officer separated, authority ended: {officer.FullName}", Links.For("officer", officer.Id), ct);
                return null;
            }, ct);
}

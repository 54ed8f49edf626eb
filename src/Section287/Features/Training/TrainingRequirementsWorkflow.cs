using Section287.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;

namespace Section287.Features.Training;

public sealed record RequirementInput(Guid? OfficerId, string? Kind, Guid? CourseId, DateOnly? DueOn, string? Reason);

public sealed record RequirementView(Guid Id, Guid AgreementId, Guid? OfficerId, string Kind, Guid CourseId, string CourseTitle, DateOnly DueOn, string Reason,
    string RequiredByName, DateTime RequiredAt)
{
    public static RequirementView Of(TrainingRequirement r) =>
        new(r.Id, r.AgreementId, r.OfficerId, r.Kind, r.CourseId, r.CourseTitle, r.DueOn, r.Reason, r.RequiredByName, r.RequiredAt);
}

/// <summary>
/// ICE (the program office, or a field supervisor of the agency's area) records the training it requires of an agreement's
/// officers, or of one officer, by a date; the agency's coordinator is told. Authority lapses only on such a requirement
/// past its date (<see cref="Officers.AuthorityRules"/>).
/// </summary>
public sealed class TrainingRequirementsWorkflow(AppDbContext db, ChangeContext change, TimeProvider clock, Notifier notify)
{
    public static readonly Rule IceOnly = new("training.requirement_ice_only",
        "Only ICE (the program office, or a field supervisor of the agency's area) requires training of an agreement's officers.",
        $"{Encounters.RuleBook.JailMoa}, section IV.C: \"any additional training required by ICE\"; {Encounters.RuleBook.WarrantServiceMoa}, section IV.C: ICE \"may require additional training as needed\"", RuleKind.Role);

    private IQueryable<Agreement> InScope => db.Agreements.Where(a => db.AgenciesInScope.Any(s => s.Id == a.AgencyId));

    public async Task<Result<IReadOnlyList<RequirementView>>> ListAsync(Guid agreementId, CancellationToken ct)
    {
        if (!await InScope.AnyAsync(a => a.Id == agreementId, ct)) return AgreementErrors.NotFound;
        var list = await db.TrainingRequirements.AsNoTracking().Where(r => r.AgreementId == agreementId).OrderBy(r => r.DueOn).ThenBy(r => r.Id).ToListAsync(ct);
        return list.Select(RequirementView.Of).ToList();
    }

    public async Task<Result<RequirementView>> RequireAsync(Guid agreementId, Actor actor, RequirementInput input, CancellationToken ct)
    {
        var agreement = await InScope.FirstOrDefaultAsync(a => a.Id == agreementId, ct);
        if (agreement is null) return AgreementErrors.NotFound;
        if (actor.Role is not (Role.ProgramOffice or Role.FieldSupervisor)) return IceOnly;
        if (input.OfficerId is { } officerId && !await db.Nominations.AnyAsync(n => n.OfficerId == officerId && n.AgreementId == agreementId, ct))
            return Error.Invalid("training.requirement_invalid", "The officer is not nominated under this agreement.",
                new Dictionary<string, string[]> { ["officerId"] = ["Choose an officer nominated under this agreement, or none for all of them."] });
        var course = input.CourseId is { } courseId ? await db.Courses.FirstOrDefaultAsync(c => c.Id == courseId, ct) : null;
        var certificates = input.OfficerId is { } one ? await db.Certificates.AsNoTracking().Where(c => c.OfficerId == one).ToListAsync(ct) : [];
        var standing = Certificates.StandingAt(certificates, clock.GetUtcNow().UtcDateTime);
        var required = TrainingRequirement.Require(agreement, input.OfficerId, input.Kind, course, input.DueOn, input.Reason, standing, actor.Name,
            clock.GetUtcNow().UtcDateTime);
        if (!required.IsSuccess) return required.Error!;
        var r = required.Value;
        db.TrainingRequirements.Add(r);
        change.For("training.require", $"{r.CourseTitle} by {r.DueOn:yyyy-MM-dd}: {r.Reason}");
        await notify.ToRoleAsync(Role.AgencyCoordinator, agreement.AgencyId, "training.required",
            $"ICE requires {r.CourseTitle} by {r.DueOn:yyyy-MM-dd} ({(r.OfficerId is null ? "every officer under the agreement" : "one officer")}): {r.Reason}", Links.For("agreement", agreement.Id), ct);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return RequirementView.Of(r);
    }
}

using Microsoft.EntityFrameworkCore;
using Section287.Features.Agencies;
using Section287.Features.Agreements;

namespace Section287.Tests.Features.Agreements;

/// <summary>The lifecycle rules of PRODUCT.md on the entity itself, with no host.</summary>
public sealed class AgreementLifecycleTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly DateTime Now = new(2026, 11, 22, 15, 0, 0, DateTimeKind.Utc);

    private static Agreement Active()
    {
        var agency = new Agency { Name = "Test Mu County Sheriff's Office", NameKey = "TEST MU COUNTY SHERIFF'S OFFICE", State = "ZZ" };
        return Agreement.FromIceList(agency, AgreementModel.TaskForce, new IceListFields(new DateOnly(2025, 3, 1), null, null),
            new DateOnly(2026, 5, 18), Guid.NewGuid(), Now);
    }

    private static Agreement In(AgreementStatus status)
    {
        var a = Active();
        switch (status)
        {
            case AgreementStatus.Active: break;
            case AgreementStatus.Suspended: a.Suspend(Today, "Inspection found unsupervised use of authority", Today.AddDays(30), Now, null,
                Notices.Ice).ShouldBeNull(); break;
            case AgreementStatus.Terminated:
                a.GiveTerminationNotice(false, Today, Today, "The county ends its participation", Now).ShouldBeNull(); break;
            case AgreementStatus.Expired: a.Expire(Today, Now).ShouldBeNull(); break;
            case AgreementStatus.Removed: a.MarkRemovedFromIceList(Today, Guid.NewGuid(), Now).ShouldBeTrue(); break;
            default: throw new ArgumentOutOfRangeException(nameof(status), "No way to reach it yet: drafting comes with applications.");
        }
        a.Status.ShouldBe(status);
        return a;
    }

    // Written from PRODUCT.md, Lifecycles, not from the code's table.
    public static TheoryData<AgreementStatus, bool, bool, bool, bool> Matrix => new()
    {
        // status,                    suspend, reinstate, terminate, expire
        { AgreementStatus.Active,     true,    false,     true,      true },
        { AgreementStatus.Suspended,  false,   true,      true,      true },
        { AgreementStatus.Terminated, false,   false,     false,     false },
        { AgreementStatus.Expired,    false,   false,     false,     false },
        { AgreementStatus.Removed,    false,   false,     true,      false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void EveryAllowedAndEveryForbiddenTransition(AgreementStatus status, bool suspend, bool reinstate, bool terminate, bool expire)
    {
        (In(status).Suspend(Today, "reasons", Today.AddDays(30), Now, null, Notices.Ice) is null).ShouldBe(suspend, "suspend");
        (In(status).Reinstate(Today, Now) is null).ShouldBe(reinstate, "reinstate");
        (In(status).GiveTerminationNotice(false, Today, Today.AddDays(90), "reasons", Now) is null).ShouldBe(terminate, "terminate");
        (In(status).Expire(Today, Now) is null).ShouldBe(expire, "expire");
    }

    [Fact]
    public void AForbiddenTransition_NamesTheRule()
    {
        var error = In(AgreementStatus.Terminated).Suspend(Today, "reasons", Today.AddDays(30), Now, null, Notices.Ice)!;
        error.Code.ShouldBe("agreement.not_active");
        error.Message.ShouldContain("terminated");
        In(AgreementStatus.Active).Reinstate(Today, Now)!.Code.ShouldBe("agreement.not_suspended");
    }

    [Fact]
    public void Suspension_TakesEffectAtOnce_WithItsReasonsAndLength_AndIsRecorded()
    {
        var a = Active();
        a.Suspend(Today, "  Failure to report detainers  ", Today.AddDays(30), Now, null, Notices.Ice).ShouldBeNull();
        (a.Status, a.SuspendedOn, a.SuspendedUntil,
            a.SuspensionReason).ShouldBe((AgreementStatus.Suspended, Today, Today.AddDays(30), "Failure to report detainers"));
        a.History.Last().Kind.ShouldBe(AgreementChangeKind.Suspended);

        a.Reinstate(Today.AddDays(30), Now).ShouldBeNull();
        a.Status.ShouldBe(AgreementStatus.Active);
        a.SuspensionReason.ShouldBeNull();
        a.History.Last().Kind.ShouldBe(AgreementChangeKind.Reinstated);
    }

    [Fact]
    public void Suspension_WithoutReasons_OrEndingBeforeItStarts_IsRefused()
    {
        Active().Suspend(Today, " ", Today.AddDays(30), Now, null, Notices.Ice)!.Code.ShouldBe("agreement.reason_required");
        Active().Suspend(Today, "reasons", Today, Now, null, Notices.Ice)!.Code.ShouldBe("agreement.suspension_dates");
    }

    [Fact]
    public void IceTermination_NeedsNinetyDaysNotice()
    {
        var error = In(AgreementStatus.Suspended).GiveTerminationNotice(true, Today, Today.AddDays(89), "reasons", Now,
            Notices.IceTermination(Today.AddDays(-1)))!;
        error.Code.ShouldBe("agreement.notice_too_short");
        error.Message.ShouldContain(Today.AddDays(90).ToString("yyyy-MM-dd"));
        In(AgreementStatus.Suspended).GiveTerminationNotice(true, Today, Today.AddDays(90), "reasons", Now, Notices.IceTermination(Today)).ShouldBeNull();
        In(AgreementStatus.Suspended).GiveTerminationNotice(true, Today, Today.AddDays(120), "", Now,
            Notices.IceTermination(Today))!.Code.ShouldBe("agreement.reason_required");
    }

    [Fact]
    public void Termination_TakesEffectOnItsDate_NotBefore_AndOnlyOnce()
    {
        var a = In(AgreementStatus.Suspended);
        a.GiveTerminationNotice(true, Today, Today.AddDays(90), "Repeated civil-rights findings", Now, Notices.IceTermination(Today)).ShouldBeNull();
        a.Status.ShouldBe(AgreementStatus.Suspended);
        (a.TerminationNoticeOn, a.TerminationBy, a.TerminationEffectiveOn).ShouldBe((Today, "ice", Today.AddDays(90)));

        a.ApplyDueTermination(Today.AddDays(89), Now).ShouldBeFalse();
        a.Status.ShouldBe(AgreementStatus.Suspended);
        a.ApplyDueTermination(Today.AddDays(90), Now).ShouldBeTrue();
        a.Status.ShouldBe(AgreementStatus.Terminated);
        a.ApplyDueTermination(Today.AddDays(91), Now).ShouldBeFalse();
        a.History.Count(h => h.Kind == AgreementChangeKind.Terminated).ShouldBe(1);
        a.GiveTerminationNotice(true, Today.AddDays(91), Today.AddDays(200), "again", Now, Notices.IceTermination(Today)).ShouldNotBeNull();
    }

    [Fact]
    public void TheAgency_MayEndItsAgreementSooner_ButNotInThePast()
    {
        var a = Active();
        a.GiveTerminationNotice(false, Today, Today.AddDays(-1), "reasons", Now)!.Code.ShouldBe("agreement.effective_in_past");
        a.GiveTerminationNotice(false, Today, Today.AddDays(10), "The sheriff ends participation", Now).ShouldBeNull();
        a.GiveTerminationNotice(false, Today, Today.AddDays(20), "twice", Now)!.Code.ShouldBe("agreement.notice_already_given");
    }

    [Fact]
    public async Task ASuspensionIsStored_WithItsHistory_AndAuditEntry()
    {
        await using var app = await TestApp.StartAsync();
        await app.WithDbAsync(async (_, services) =>
        {
            await using var stream = File.OpenRead(Repo.Participating("2021-01-13"));
            await services.GetRequiredService<Section287.Features.IceLists.ImportIceList>().HandleAsync(stream, Repo.Participating("2021-01-13"),
                null, null, CancellationToken.None);
        });
        var id = await app.WithDbAsync(async (db, _) =>
        {
            var agreement = await db.Agreements.Include(a => a.History).Where(a => a.Model == AgreementModel.Jail).OrderBy(a => a.Id).FirstAsync();
            agreement.Suspend(Today, "Inspection found unsupervised use of authority", Today.AddDays(60), Now, null, Notices.Ice).ShouldBeNull();
            await db.SaveChangesAsync();
            return agreement.Id;
        });

        await app.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Agreements.Include(a => a.History).SingleAsync(a => a.Id == id);
            (stored.Status, stored.SuspendedUntil).ShouldBe((AgreementStatus.Suspended, Today.AddDays(60)));
            stored.History.ShouldContain(h => h.Kind == AgreementChangeKind.Suspended);
            (await db.AuditEntries.AnyAsync(e => e.EntityType == "Agreement" && e.EntityId == id.ToString() && e.Summary.Contains("Suspended"))).ShouldBeTrue();
        });
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;

namespace Section287.Tests.Features.Deadlines;

public sealed class DeadlineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The app's mail settings for a fake SMTP server on loopback.</summary>
    private static Dictionary<string, string?> Mail(FakeSmtpServer smtp) => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:UseTls"] = "false",
        ["Smtp:From"] = "section287@example.test",
        ["Smtp:SiteUrl"] = "https://section287.example.test",
    };

    [Theory]
    [InlineData("2026-11-25", 1, "2026-11-27")] // Thanksgiving, 26 November 2026, is not a business day
    [InlineData("2026-12-24", 1, "2026-12-28")] // Christmas on a Friday, then the weekend
    [InlineData("2027-07-02", 1, "2027-07-06")] // Independence Day on a Sunday is observed on Monday 5 July
    [InlineData("2027-12-30", 1, "2028-01-03")] // New Year's Day 2028 is a Saturday, observed Friday 31 December 2027
    [InlineData("2026-11-20", 5, "2026-11-30")] // a Friday, five business days across the weekend and Thanksgiving
    [InlineData("2026-11-22", 0, "2026-11-22")]
    public void BusinessDays_SkipWeekendsAndObservedFederalHolidays(string from, int days, string expected) =>
        BusinessCalendar.AddBusinessDays(DateOnly.Parse(from), days).ShouldBe(DateOnly.Parse(expected));

    [Fact]
    public void TheFederalHolidays_AreThe11Of5USC6103_AsObserved()
    {
        BusinessCalendar.ObservedHolidays(2026).ShouldBe(new[]
        {
            "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-10-12", "2026-11-11",
                "2026-11-26", "2026-12-25",
        }.Select(DateOnly.Parse));
    }

    [Fact]
    public void ADayBasedRule_IsDueAtTheEndOfItsLastDay_AtHeadquarters_AndWarnsBefore()
    {
        var start = new DateTime(2026, 11, 23, 15, 0, 0, DateTimeKind.Utc); // 10:00 in Washington
        var review = DeadlineRules.ApplicationReview; // 60 calendar days, warning 10 days before
        var due = review.DueFrom(start);
        due.ShouldBe(new DateTime(2026, 1, 23, 0, 0, 0,
            DateTimeKind.Utc).AddYears(1).AddHours(4).AddMinutes(59).AddSeconds(59)); // 23:59:59 EST on 22 January 2027
        Clock.DayOf(due).ShouldBe(new DateOnly(2027, 1, 22));
        review.WarnFrom(start, due).ShouldBe(due - TimeSpan.FromDays(10));

        var intake = DeadlineRules.ApplicationIntake.DueFrom(new DateTime(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc)); // Friday
        Clock.DayOf(intake).ShouldBe(new DateOnly(2026, 11, 30)); // five business days from a Friday, past Thanksgiving
    }

    /// <summary>
    /// The jail and warrant service MOAs' "48 hours ..., excluding weekends" (Appendix B; issue 15): weekend hours in the agency's zone do
    /// not count, a holiday does (the text names weekends only), and a weekend start counts from Monday 00:00 there, clock changes included.
    /// </summary>
    [Fact]
    public void HoursExcludingWeekends_SkipSaturdayAndSunday_InTheAgencysZone_AndCountHolidays()
    {
        var rule = new DeadlineRule("test.weekday_hours", "Tell ICE", 48, DeadlineUnit.HoursExcludingWeekends, TimeSpan.FromHours(12),
            Role.AgencyCoordinator, "test");
        var central = Section287.Common.UsTimeZones.Find("America/Chicago");
        DateTime Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

        // Friday 15:00 CST: nine hours on Friday, then Monday 00:00 + 39 hours = Tuesday 15:00 CST.
        rule.DueFrom(Utc(11, 20, 21), central).ShouldBe(Utc(11, 24, 21));
        // Wednesday noon before Thanksgiving: the holiday counts, so Friday noon CST.
        rule.DueFrom(Utc(11, 25, 18), central).ShouldBe(Utc(11, 27, 18));
        // Saturday morning: counted from Monday 00:00 CST, due Wednesday 00:00 CST.
        rule.DueFrom(Utc(11, 21, 16), central).ShouldBe(Utc(11, 25, 6));
        // Across the spring change (Sunday 8 March): Friday 20:00 CST, four hours, then Monday 00:00 CDT (05:00 UTC) + 44 hours = Tuesday 20:00 CDT.
        rule.DueFrom(Utc(3, 7, 2), central).ShouldBe(Utc(3, 11, 1));
        // The weekend is the agency's: at 07:00 UTC on 21 November it is already Saturday in Chicago (counted from Monday 00:00 CST)
        // but still Friday 23:00 in California (one hour, then 47 from Monday 00:00 PST).
        rule.DueFrom(Utc(11, 21, 7), central).ShouldBe(Utc(11, 25, 6));
        rule.DueFrom(Utc(11, 21, 7), Section287.Common.UsTimeZones.Find("America/Los_Angeles")).ShouldBe(Utc(11, 25, 7));
    }

    [Fact]
    public void ADeadline_IsMetOnTime_MissedWhenLate_AndFlaggedOnce()
    {
        var start = new DateTime(2026, 11, 23, 15, 0, 0, DateTimeKind.Utc);
        var onTime = Deadline.Start(DeadlineRules.ApplicationAgencyAnswer, Guid.NewGuid(), "application", Guid.NewGuid(), "x", start);
        onTime.Close(onTime.DueAt).ShouldBeTrue();
        onTime.Status.ShouldBe(DeadlineStatus.Met);
        onTime.Close(onTime.DueAt).ShouldBeFalse();

        var late = Deadline.Start(DeadlineRules.ApplicationAgencyAnswer, Guid.NewGuid(), "application", Guid.NewGuid(), "x", start);
        late.Flag(late.WarnAt.AddSeconds(-1)).ShouldBeNull();
        late.Flag(late.WarnAt).ShouldBe(DeadlineFlag.Warning);
        late.Flag(late.WarnAt.AddHours(1)).ShouldBeNull();
        late.Flag(late.DueAt).ShouldBeNull();
        late.Flag(late.DueAt.AddSeconds(1)).ShouldBe(DeadlineFlag.Overdue);
        late.Flag(late.DueAt.AddDays(1)).ShouldBeNull();
        late.Close(late.DueAt.AddDays(2)).ShouldBeTrue();
        late.Status.ShouldBe(DeadlineStatus.Missed);
    }

    [Fact]
    public async Task TheSweep_TurnsADeadlineOverdueAtItsDueTime_NotBefore_AndRunningItTwiceChangesNothing()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Phi County Sheriff's Office");
        var coordinator = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var ice = await Given.UserAsync(app, Role.ProgramOffice);
        var deadline = await app.WithDbAsync(async (db, services) =>
        {
            var opened = services.GetRequiredService<DeadlineBook>().Open(DeadlineRules.ApplicationAgencyAnswer, agency.Id, "application",
                Guid.NewGuid(), "Test Phi — application");
            await db.SaveChangesAsync();
            return opened;
        });
        async Task<DeadlineSweep.Outcome> SweepAsync() => await app.WithDbAsync((_, s) => s.GetRequiredService<DeadlineSweep>().RunAsync(CancellationToken.None));
        async Task<List<Notification>> NotesAsync() => await app.WithDbAsync((db, _) => db.Notifications.OrderBy(n => n.CreatedAt).ToListAsync());

        (await SweepAsync()).ShouldBe(new DeadlineSweep.Outcome(0, 0));

        clock.Advance(deadline.WarnAt - clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(1));
        (await SweepAsync()).ShouldBe(new DeadlineSweep.Outcome(0, 0));
        clock.Advance(TimeSpan.FromSeconds(1));
        (await SweepAsync()).ShouldBe(new DeadlineSweep.Outcome(1, 0));
        (await SweepAsync()).ShouldBe(new DeadlineSweep.Outcome(0, 0));
        (await NotesAsync()).Select(n => (n.UserId, n.Kind)).ShouldBe([(coordinator.Id, "deadline.warning")]);

        clock.Advance(deadline.DueAt - clock.GetUtcNow().UtcDateTime);
        (await SweepAsync()).ShouldBe(new DeadlineSweep.Outcome(0, 0)); // due, not yet past
        clock.Advance(TimeSpan.FromSeconds(1));
        (await SweepAsync()).ShouldBe(new DeadlineSweep.Outcome(0, 1));
        (await SweepAsync()).ShouldBe(new DeadlineSweep.Outcome(0, 0));

        // The agency is told, and the program office sees everything overdue.
        (await NotesAsync()).Select(n => (n.UserId, n.Kind)).ShouldBe([(coordinator.Id, "deadline.warning"), (coordinator.Id, "deadline.overdue"),
            (ice.Id, "deadline.overdue")], ignoreOrder: true);
        var http = await Given.ApiClientAsync(app, ice);
        var overdue = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(http, "/api/v1/deadlines/overdue", Ct);
        overdue.GetProperty("items")[0].GetProperty("id").GetGuid().ShouldBe(deadline.Id);
        overdue.GetProperty("items")[0].GetProperty("state").GetString().ShouldBe("overdue");
    }

    [Fact]
    public async Task TwoInstancesSweepingAtOnce_FlagEachDeadlineOnce_AndTheLoserNeitherThrowsNorTellsAgain()
    {
        // Two app instances (or the background sweep and a second one) sweep the same database at the same moment. The
        // deadline's version lets one save win; the other must not fail, and nobody is told twice.
        var clock = new TestClock(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Omega County Sheriff's Office");
        var coordinator = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        const int rounds = 8;
        for (var round = 0; round < rounds; round++)
        {
            await app.WithDbAsync(async (db, services) =>
            {
                services.GetRequiredService<DeadlineBook>().Open(DeadlineRules.ApplicationAgencyAnswer, agency.Id, "application", Guid.NewGuid(),
                    $"Test Omega — application {round}");
                await db.SaveChangesAsync();
            });
            clock.Advance(TimeSpan.FromDays(40));
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
                app.WithDbAsync((_, s) => s.GetRequiredService<DeadlineSweep>().RunAsync(CancellationToken.None)))));
            outcomes.Sum(o => o.Overdue).ShouldBe(1, $"round {round}: exactly one instance reports the deadline it flagged");
        }
        var notes = await app.WithDbAsync((db, _) => db.Notifications.Where(n => n.UserId == coordinator.Id).ToListAsync());
        notes.Count.ShouldBe(rounds);
        notes.Select(n => n.Text).Distinct().Count().ShouldBe(rounds);
    }

    [Fact]
    public async Task TwoOutboxesSendingAtOnce_EachNotificationEndsSent_AndNeitherThrows()
    {
        using var smtp = new FakeSmtpServer();
        var clock = new TestClock(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock, settings: Mail(smtp));
        var agency = await Given.AgencyAsync(app, "Test Omicron County Sheriff's Office");
        var coordinator = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        await app.WithDbAsync(async (db, services) =>
        {
            var notifier = services.GetRequiredService<Notifier>();
            for (var i = 0; i < 6; i++) await notifier.ToUserAsync(coordinator.Id, agency.Id, "test", $"Test note {i}", "/staff/work", CancellationToken.None);
            await db.SaveChangesAsync();
        });
        var sent = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            app.WithDbAsync((_, s) => s.GetRequiredService<EmailOutbox>().SendPendingAsync(CancellationToken.None)))));
        sent.Sum().ShouldBeGreaterThanOrEqualTo(6); // at least once; a race may send one twice, never lose one
        var notes = await app.WithDbAsync((db, _) => db.Notifications.ToListAsync());
        notes.Count.ShouldBe(6);
        notes.ShouldAllBe(n => n.EmailStatus == EmailStatus.Sent);
        (await app.WithDbAsync((_, s) => s.GetRequiredService<EmailOutbox>().SendPendingAsync(CancellationToken.None))).ShouldBe(0);
    }

    [Fact]
    public async Task WithAnSmtpServer_NotificationsAreAlsoEmailed_ThroughTheOutbox()
    {
        using var smtp = new FakeSmtpServer();
        var clock = new TestClock(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock, settings: Mail(smtp));
        var agency = await Given.AgencyAsync(app, "Test Chi County Sheriff's Office");
        var coordinator = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var subject = Guid.NewGuid();
        await app.WithDbAsync(async (db, services) =>
        {
            services.GetRequiredService<DeadlineBook>().Open(DeadlineRules.ApplicationAgencyAnswer, agency.Id, "application", subject,
                "Test Chi — application");
            await db.SaveChangesAsync();
        });
        clock.Advance(TimeSpan.FromDays(40));
        await app.WithDbAsync((_, s) => s.GetRequiredService<DeadlineSweep>().RunAsync(CancellationToken.None));
        var sent = await app.WithDbAsync((_, s) => s.GetRequiredService<EmailOutbox>().SendPendingAsync(CancellationToken.None));
        sent.ShouldBe(1);
        (await app.WithDbAsync((_, s) => s.GetRequiredService<EmailOutbox>().SendPendingAsync(CancellationToken.None))).ShouldBe(0);

        var message = smtp.Messages.ShouldHaveSingleItem();
        message.ShouldContain($"RCPT TO:<{coordinator.Email}>");
        // The body is UTF-8 in base64, after the headers' blank line.
        var body = Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(message[(message.IndexOf("\n\n", StringComparison.Ordinal) + 2)..]
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()))));
        body.ShouldContain("Overdue: Answer ICE's request for more information — Test Chi — application");
        body.ShouldContain($"Open: https://section287.example.test/staff/applications/{subject}");
        (await app.WithDbAsync((db, _) => db.Notifications.SingleAsync())).EmailStatus.ShouldBe(EmailStatus.Sent);
    }
}

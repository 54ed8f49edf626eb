using Section287.Common;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Deadlines;
using Section287.Features.Encounters;
using Section287.Features.Officers;

namespace Section287.Tests.Features.Encounters;

/// <summary>
/// Day rules are counted in the agency's zone: "today" at 10:30 p.m. in Los Angeles is already tomorrow in UTC and at ICE
/// headquarters, and a refusal names the day and the zone it used.
/// </summary>
public sealed class TimeZoneRuleTests
{
    // 2026-12-03 06:30 UTC: 2026-12-02 22:30 in Los Angeles (PST), 2026-12-03 01:30 in New York (EST).
    private static readonly DateTime LateEveningInLosAngeles = new(2026, 12, 3, 6, 30, 0, DateTimeKind.Utc);

    private static readonly PerceptionInput Perceived = new(["white"], "cisgender_woman", 40, false, ["none"], false, null);

    private static AuthorityAnswer Granted(DateTime at) => new(Guid.Empty, Guid.Empty, "JEM", at, true, [], "C-1", null, null, null, null);

    private static Encounter Booked(string state, string? county)
    {
        var agency = new Agency { Name = "Test Zone County Sheriff's Office", NameKey = "TEST ZONE COUNTY SHERIFF'S OFFICE", State = state,
            CountyFips = county };
        agency.DeriveTimeZone();
        var agreement = Agreement.FromIceList(agency, AgreementModel.Jail, new IceListFields(new DateOnly(2025, 1, 1), null, null),
            new DateOnly(2025, 6, 1), Guid.NewGuid(), LateEveningInLosAngeles.AddYears(-1));
        var officer = Officer.Create(agency.Id,
            new OfficerFacts("Test Officer Zone", "Z-1", "Deputy", new DateOnly(2015, 1, 1), 9m, true, true, false, false, false, null), null);
        var at = LateEveningInLosAngeles.AddMinutes(-20);
        var input = new EncounterInput(null, at, "Main jail, booking",
            new BasisInput("booking", "B-9", "Burglary", at.AddHours(-5), at.AddHours(-4), null, null, null, null, null, null, null),
            new PersonInput("Test Person Zone", new DateOnly(1990, 2, 3), null, null), Perceived, null, false, null, null, null);
        var opened = Encounter.Open(agreement, officer, new Acting(Guid.NewGuid(), "Test Officer Zone"), input,
            new ProtectedPerson("pd1:x", null, null, null, null, null, null), Granted, LateEveningInLosAngeles);
        opened.IsSuccess.ShouldBeTrue(opened.Error?.Message);
        // The jail model checks records before a detainer (Knox MOA, Appendix A).
        opened.Value.Act(new ActionInput("record_check", at, null, null, null, "IDENT", "Match", null, null, null, null, null, null,
            null).ToAction().Value, new Acting(Guid.NewGuid(), "Test Officer Zone"), Granted, LateEveningInLosAngeles)
            .IsSuccess.ShouldBeTrue();
        return opened.Value;
    }

    private static DetainerInput Detainer(DateOnly signedOn) => new("Booked on burglary; IDENT shows a final order of removal from 2019.", "I-200",
        "W-200-9", "Test SDDO", signedOn);

    [Fact]
    public void AWarrantDatedTomorrowInTheAgencysZone_IsRefused_NamingTheDayAndTheZone_ThoughItIsTodayAtHeadquarters()
    {
        var encounter = Booked("CA", "06037");
        encounter.TimeZone.ShouldBe("America/Los_Angeles");

        var refused = encounter.RequestDetainer(Detainer(new DateOnly(2026, 12, 3)), new Acting(Guid.NewGuid(), "Test Officer Zone"), Granted,
            LateEveningInLosAngeles);
        refused.IsSuccess.ShouldBeFalse();
        refused.Error!.Code.ShouldBe(RuleBook.SignedWarrantRequired.Code);
        refused.Error.Message.ShouldContain("2026-12-02");
        refused.Error.Message.ShouldContain("America/Los_Angeles (PST)");
    }

    [Fact]
    public void AWarrantDatedTodayInTheAgencysZone_IsAccepted_LateInTheEvening()
    {
        var encounter = Booked("CA", "06037");
        var accepted = encounter.RequestDetainer(Detainer(new DateOnly(2026, 12, 2)), new Acting(Guid.NewGuid(), "Test Officer Zone"), Granted,
            LateEveningInLosAngeles);
        accepted.IsSuccess.ShouldBeTrue(accepted.Error?.Message);
    }

    [Fact]
    public void TheSameWarrant_InAnEasternAgency_IsDatedToday()
    {
        // At 01:30 in New York it is already 2026-12-03 there: the warrant of that date is signed today.
        var encounter = Booked("NY", null);
        encounter.TimeZone.ShouldBe("America/New_York");
        encounter.RequestDetainer(Detainer(new DateOnly(2026, 12, 3)), new Acting(Guid.NewGuid(), "Test Officer Zone"), Granted,
            LateEveningInLosAngeles).IsSuccess.ShouldBeTrue();
    }

    [Theory]
    [InlineData("TX", "48201", "America/Chicago")]   // Harris
    [InlineData("TX", "48141", "America/Denver")]    // El Paso
    [InlineData("FL", "12086", "America/New_York")]  // Miami-Dade
    [InlineData("FL", "12033", "America/Chicago")]   // Escambia
    [InlineData("AZ", "04013", "America/Phoenix")]   // Maricopa
    [InlineData("TN", "47093", "America/New_York")]  // Knox
    [InlineData("TN", "47157", "America/Chicago")]   // Shelby
    [InlineData("ZZ", null, "America/New_York")]     // unknown: headquarters
    public void AnAgencysZone_IsDerivedFromItsStateAndCounty(string state, string? county, string zone) =>
        UsTimeZones.For(state, county).ShouldBe(zone);

    [Fact]
    public void ABusinessDayDeadline_ClosesAtTheEndOfTheDayInTheAgencysZone()
    {
        var rule = new DeadlineRule("test.two_business_days", "Two business days", 2, DeadlineUnit.BusinessDays, TimeSpan.FromHours(4),
            Section287.Features.Accounts.Role.AgencyCoordinator, "Test");
        var start = new DateTime(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc); // a Tuesday
        var pacific = UsTimeZones.Find("America/Los_Angeles");
        var due = rule.DueFrom(start, pacific);
        ZonedTime.ToLocal(due, pacific).ShouldBe(new DateTime(2026, 12, 3, 23, 59, 59));
        due.ShouldBe(new DateTime(2026, 12, 4, 7, 59, 59, DateTimeKind.Utc));
        rule.DueFrom(start, UsTimeZones.Find("America/New_York")).ShouldBe(new DateTime(2026, 12, 4, 4, 59, 59, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("America/New_York", 2026, 12, 2, "EST")]
    [InlineData("America/New_York", 2026, 7, 2, "EDT")]
    [InlineData("America/Chicago", 2026, 12, 2, "CST")]
    [InlineData("America/Phoenix", 2026, 7, 2, "MST")]
    [InlineData("Pacific/Honolulu", 2026, 7, 2, "HST")]
    [InlineData("America/Anchorage", 2026, 12, 2, "AKST")]
    public void TimesAreWrittenWithTheirZonesAbbreviation(string zone, int year, int month, int day, string abbreviation) =>
        ZonedTime.Format(new DateTime(year, month, day, 18, 0, 0, DateTimeKind.Utc), UsTimeZones.Find(zone)).ShouldEndWith(" " + abbreviation);
}

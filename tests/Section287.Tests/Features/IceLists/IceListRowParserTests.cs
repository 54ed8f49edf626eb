using Section287.Data.Reference;
using Section287.Features.Agreements;
using Section287.Features.IceLists;

namespace Section287.Tests.Features.IceLists;

/// <summary>Rules for one row, with the spellings ICE has used.</summary>
public sealed class IceListRowParserTests
{
    private static readonly DateOnly AsOf = new(2025, 7, 18);

    private static ParsedRow Parse(string state = "TEXAS", string agency = "Example County Sheriff's Office ", string model = "Task Force Model",
        string signed = "45833", bool signedIsNumber = true, string moa = "link", string? link = "https://www.ice.gov/doclib/287gMOA/x.pdf",
            string county = "Smith County")
    {
        var cells = new Dictionary<string, RawCell>
        {
            ["STATE"] = new(state, false, null),
            ["LAW ENFORCEMENT AGENCY"] = new(agency, false, null),
            ["TYPE"] = new("County ", false, null),
            ["COUNTY"] = new(county, false, null),
            ["SUPPORT TYPE"] = new(model, false, null),
            ["SIGNED"] = new(signed, signedIsNumber, null),
            ["MOA"] = new(moa, false, link),
        };
        return IceListRowParser.Parse(new RawRow(2, cells), AsOf, ReferenceData.Bundled);
    }

    [Fact]
    public void MisspelledModel_IsReadAsTheModelAndFlagged()
    {
        var row = Parse(model: "Warrant Service Office");
        row.Model.ShouldBe(AgreementModel.WarrantService);
        row.Flags.ShouldContain(f => f.Code == IceListFlags.ModelMisspelled && f.RawValue == "Warrant Service Office");
    }

    [Fact]
    public void TrailingSpaces_AreNotDoubtful()
    {
        var row = Parse(model: "Jail Enforcement Model ");
        row.Model.ShouldBe(AgreementModel.Jail);
        row.AgencyName.ShouldBe("Example County Sheriff's Office");
        row.Flags.ShouldBeEmpty();
    }

    [Fact]
    public void UnknownModel_RejectsTheRowButKeepsIt()
    {
        var row = Parse(model: "Community Liaison");
        row.IsRejected.ShouldBeTrue();
        row.Flags.ShouldContain(f => f.Code == IceListFlags.ModelUnknown);
    }

    [Fact]
    public void SerialDate_IsReadInExcels1900System()
    {
        Parse(signed: "45833").Fields.SignedOn.ShouldBe(new DateOnly(2025, 6, 25));
    }

    [Fact]
    public void DateInTheYear5025_IsFlaggedImpossibleAndLeftBlank()
    {
        var row = Parse(signed: "1141572");
        row.Fields.SignedOn.ShouldBeNull();
        row.Flags.ShouldContain(f => f.Code == IceListFlags.SignedImpossible && f.RawValue == "1141572");
    }

    [Fact]
    public void IsoDateText_OfTheOldList_IsRead()
    {
        Parse(signed: "2020-06-09", signedIsNumber: false).Fields.SignedOn.ShouldBe(new DateOnly(2020, 6, 9));
    }

    [Fact]
    public void LinkPending_LeavesNoUrlAndIsFlagged()
    {
        var row = Parse(moa: "link pending ", link: null);
        row.Fields.MoaUrl.ShouldBeNull();
        row.Flags.ShouldContain(f => f.Code == IceListFlags.LinkPending);
    }

    [Fact]
    public void NaCounty_IsFlaggedAndLeftBlank()
    {
        var row = Parse(county: "#N/A");
        row.County.ShouldBeNull();
        row.Flags.ShouldContain(f => f.Code == IceListFlags.CountyNotAvailable);
    }

    [Fact]
    public void UnknownState_RejectsTheRow()
    {
        var row = Parse(state: "ATLANTIS");
        row.IsRejected.ShouldBeTrue();
        row.Flags.ShouldContain(f => f.Code == IceListFlags.StateUnknown);
    }

    [Fact]
    public void Territories_AreStates()
    {
        Parse(state: "NORTHERN MARIANA ISLANDS").State!.Code.ShouldBe("MP");
        Parse(state: "GUAM").State!.Code.ShouldBe("GU");
    }
}

public sealed class ReferenceDataTests
{
    [Theory]
    [InlineData("TX", "Smith County Sheriff's Office", "48423")]
    [InlineData("FL", "Osceola County Corrections Department", "12097")]
    [InlineData("LA", "St. Martin Parish Sheriff's Office", "22099")]
    public void CountiesAreFoundFromAnAgencysName(string state, string name, string fips)
    {
        var folded = ReferenceData.Fold(name);
        var county = ReferenceData.SheriffOf(folded) ?? ReferenceData.LeadingCountyOf(folded);
        ReferenceData.Bundled.County(state, county)!.Fips.ShouldBe(fips);
    }

    [Fact]
    public void SheriffsAreMatchedToTheFbiRosterByCounty()
    {
        var match = ReferenceData.Bundled.MatchRoster("AL", "Etowah County Sheriff's Office");
        match.Agency.ShouldNotBeNull().Type.ShouldBe("County");
        match.Agency.CountyNames.ShouldBe("ETOWAH");
    }
}

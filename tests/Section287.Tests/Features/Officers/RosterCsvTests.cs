using Section287.Features.Officers;

namespace Section287.Tests.Features.Officers;

/// <summary>The roster file is read as RFC 4180 (through CsvHelper), and each row is reported by the line it starts on.</summary>
public sealed class RosterCsvTests
{
    private const string Header = "full_name,badge_number,rank,hired_on,experience_years,us_citizen,disciplinary_record,disciplinary_details\r\n";

    [Fact]
    public void QuotedCommasQuotesAndLineBreaks_BlankLinesAndAByteOrderMark_KeepTheValuesAndTheLines()
    {
        var text = "\uFEFF" + Header
            + "\"Test Officer Kappa, Sr.\",K-1,Deputy,2015-06-01,11,yes,yes,\"Reprimand, \"\"late\"\"\r\nsecond line\"\r\n"
            + "\r\n"
            + "Test Officer Lambda,K-2,Deputy,2016-13-01,9,maybe,no,\r\n";
        var rows = RosterCsv.Parse(text).Value;

        rows.Select(r => r.Line).ShouldBe([2, 5]);
        rows[0].Input!.FullName.ShouldBe("Test Officer Kappa, Sr.");
        rows[0].Input!.DisciplinaryDetails.ShouldBe("Reprimand, \"late\"\r\nsecond line");
        rows[0].Errors.ShouldBeEmpty();
        rows[1].Errors.Keys.ShouldBe(["citizenshipAttested", "hiredOn"], ignoreOrder: true);
    }

    [Fact]
    public void AHeaderWithoutTheRequiredColumns_RefusesTheWholeFile()
    {
        var refused = RosterCsv.Parse("full_name,badge_number\nTest Officer Mu,M-1\n");
        refused.IsSuccess.ShouldBeFalse();
        refused.Error!.Code.ShouldBe("roster.file_invalid");
        refused.Error.Message.ShouldContain("rank");
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Section287.Data.Reference;
using Section287.Features.Agencies;
using Section287.Features.Agreements;

namespace Section287.Features.IceLists;

/// <summary>A doubtful value found in a row: kept, explained, and counted; never silently dropped.</summary>
public sealed record FlagDraft(string Field, string Code, string? RawValue, string Message);

public sealed record ParsedRow(
    int RowNumber,
    string Describe,
    StateInfo? State,
    string AgencyName,
    AgencyType? Type,
    string? County,
    AgreementModel? Model,
    IceListFields Fields,
    IReadOnlyList<FlagDraft> Flags)
{
    /// <summary>A row that names no state, agency or model cannot become an agreement; it is kept as flags.</summary>
    public bool IsRejected => State is null || AgencyName.Length == 0 || Model is null;
}

/// <summary>Turns one row of ICE's list into values, flagging every quirk of the published files.</summary>
public static partial class IceListRowParser
{
    /// <summary>Section 287(g) was enacted in 1996; no agreement was signed before it.</summary>
    private static readonly DateOnly EarliestAgreement = new(1996, 9, 30);

    public static ParsedRow Parse(RawRow row, DateOnly asOf, ReferenceData reference)
    {
        var flags = new List<FlagDraft>();

        var stateText = row[IceListWorkbook.State].Text;
        var state = reference.StateByName(stateText);
        if (state is null)
            flags.Add(new("state", IceListFlags.StateUnknown, stateText,
                $"\"{stateText.Trim()}\" is not a U.S. state or territory; the row cannot become an agreement."));

        var name = Agency.CleanName(row[IceListWorkbook.Agency].Text);
        if (name.Length == 0)
            flags.Add(new("agency", IceListFlags.AgencyMissing, null, "The row names no agency; it cannot become an agreement."));

        var typeText = row[IceListWorkbook.Type].Text;
        var type = AgencyTypes.FromIceList(typeText);
        if (type == AgencyType.Other)
            flags.Add(new("type", IceListFlags.TypeUnknown, typeText,
                $"\"{typeText.Trim()}\" is not an agency type ICE uses (County, Municipality, State Agency)."));

        var countyText = Agency.CleanName(row[IceListWorkbook.County].Text);
        string? county = countyText;
        if (countyText is "#N/A" or "#NA" or "N/A" or "#REF!")
        {
            flags.Add(new("county", IceListFlags.CountyNotAvailable, countyText, "ICE's list gives no county for this agency (\"" + countyText + "\")."));
            county = null;
        }
        else if (countyText.Length == 0)
        {
            county = null;
        }

        var model = ParseModel(row[IceListWorkbook.SupportType].Text, flags);
        var signed = ParseSigned(row[IceListWorkbook.Signed], asOf, flags, row.Cells.ContainsKey(IceListWorkbook.Signed));
        var moa = ParseLink(row[IceListWorkbook.Moa], "moa", flags, out var addendumInMoaCell);
        var addendum = ParseLink(row[IceListWorkbook.Addendum], "addendum", flags, out _) ?? addendumInMoaCell;

        return new ParsedRow(row.RowNumber, row.Describe(), state, name, type, county, model, new IceListFields(signed, moa, addendum), flags);
    }

    private static AgreementModel? ParseModel(string text, List<FlagDraft> flags)
    {
        var folded = ReferenceData.Fold(text);
        if (folded.Length == 0)
        {
            flags.Add(new("model", IceListFlags.ModelUnknown, text, "The row names no support type (model); it cannot become an agreement."));
            return null;
        }

        AgreementModel? model = folded switch
        {
            _ when folded.Contains("JAIL", StringComparison.Ordinal) => AgreementModel.Jail,
            _ when folded.Contains("TASK FORCE", StringComparison.Ordinal) => AgreementModel.TaskForce,
            _ when folded.Contains("WARRANT SERVICE", StringComparison.Ordinal) => AgreementModel.WarrantService,
            "JEM" => AgreementModel.Jail,
            "TFM" => AgreementModel.TaskForce,
            "WSO" => AgreementModel.WarrantService,
            _ => null,
        };
        if (model is null)
        {
            flags.Add(new("model", IceListFlags.ModelUnknown, text, $"\"{text.Trim()}\" is not a 287(g) model; the row cannot become an agreement."));
            return null;
        }
        if (folded != ReferenceData.Fold(model.Value.IceName()))
            flags.Add(new("model", IceListFlags.ModelMisspelled, text, $"\"{text.Trim()}\" was read as {model.Value.IceName()}."));
        return model;
    }

    private static DateOnly? ParseSigned(RawCell cell, DateOnly asOf, List<FlagDraft> flags, bool listHasSignedColumn)
    {
        if (!listHasSignedColumn) return null;
        var text = cell.Text.Trim();
        if (text.Length == 0)
        {
            flags.Add(new("signed", IceListFlags.SignedMissing, null, "ICE's list gives no signing date."));
            return null;
        }

        DateOnly? date = null;
        if (cell.IsNumber && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            // Excel's 1900 date system, which is what every ICE workbook uses.
            if (serial is >= 1 and < 2_958_466) date = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
            else
            {
                flags.Add(new("signed", IceListFlags.SignedMalformed, text, $"\"{text}\" is not a date."));
                return null;
            }
        }
        else if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "M/d/yyyy", "MM/dd/yyyy", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var parsed))
        {
            date = parsed;
        }
        else if (MissingSlash().Match(text) is { Success: true } m
                 && DateOnly.TryParseExact($"{m.Groups[1].Value}/{m.Groups[2].Value}/{m.Groups[3].Value}", "M/d/yyyy", CultureInfo.InvariantCulture,
                     DateTimeStyles.None, out var repaired))
        {
            flags.Add(new("signed", IceListFlags.SignedRepaired, text, $"\"{text}\" was read as {repaired:yyyy-MM-dd}."));
            date = repaired;
        }
        else
        {
            flags.Add(new("signed", IceListFlags.SignedMalformed, text, $"\"{text}\" is not a date."));
            return null;
        }

        if (date < EarliestAgreement || date > asOf.AddDays(31))
        {
            flags.Add(new("signed", IceListFlags.SignedImpossible, text,
                $"{date:yyyy-MM-dd} cannot be a signing date for a list dated {asOf:yyyy-MM-dd}; it is kept here and left blank on the agreement."));
            return null;
        }
        if (date > asOf)
            flags.Add(new("signed", IceListFlags.SignedAfterList, text, $"{date:yyyy-MM-dd} is after the list's own date, {asOf:yyyy-MM-dd}."));
        return date;
    }

    private static string? ParseLink(RawCell cell, string field, List<FlagDraft> flags, out string? addendum)
    {
        addendum = null;
        var text = cell.Text.Replace('\u00A0', ' ').Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var plain) && plain.Scheme is "http" or "https") return text;
        if (cell.Link is { } link)
        {
            if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                flags.Add(new(field, IceListFlags.LinkInvalid, link, $"The {field} link \"{link}\" is not a web address."));
                return null;
            }
            if (text.Contains("addendum", StringComparison.OrdinalIgnoreCase))
                flags.Add(new(field, IceListFlags.LinkAmbiguous, text, $"The cell reads \"{text}\" but carries one link; it is kept as the {field} link."));
            return link;
        }
        if (text.Length == 0) return null;
        if (text.Contains("pending", StringComparison.OrdinalIgnoreCase))
        {
            flags.Add(new(field, IceListFlags.LinkPending, text, $"ICE's list says the {field} link is pending."));
            return null;
        }
        flags.Add(new(field, IceListFlags.LinkMissing, text, $"The cell reads \"{text}\" but carries no link."));
        return null;
    }

    [GeneratedRegex(@"^(\d{1,2})/(\d{1,2})/?(\d{4})$")]
    private static partial Regex MissingSlash();
}

/// <summary>Stable codes of the data-quality flags an ICE list import can raise.</summary>
public static class IceListFlags
{
    public const string StateUnknown = "state.unknown";
    public const string AgencyMissing = "agency.missing";
    public const string TypeUnknown = "type.unknown";
    public const string CountyNotAvailable = "county.not_available";
    public const string CountyUnmatched = "county.unmatched";
    public const string ModelUnknown = "model.unknown";
    public const string ModelMisspelled = "model.misspelled";
    public const string SignedMissing = "signed.missing";
    public const string SignedMalformed = "signed.malformed";
    public const string SignedRepaired = "signed.repaired";
    public const string SignedImpossible = "signed.impossible";
    public const string SignedAfterList = "signed.after_list_date";
    public const string LinkPending = "link.pending";
    public const string LinkMissing = "link.missing";
    public const string LinkInvalid = "link.invalid";
    public const string LinkAmbiguous = "link.ambiguous";
    public const string RowDuplicate = "row.duplicate";
    public const string OriUnmatched = "agency.ori_unmatched";
    public const string OriAmbiguous = "agency.ori_ambiguous";
    public const string AorUnmatched = "agency.aor_unmatched";

    /// <summary>How a page names each flag: in words, never the code (the code stays in the API and the export).</summary>
    public static string Describe(string code) => code switch
    {
        StateUnknown => "State not recognised",
        AgencyMissing => "No agency named",
        TypeUnknown => "Agency type not recognised",
        CountyNotAvailable => "No county given",
        CountyUnmatched => "County not found in the Census list",
        ModelUnknown => "Not a 287(g) model",
        ModelMisspelled => "Model misspelled, read as the nearest",
        SignedMissing => "No signing date",
        SignedMalformed => "Signing date not a date",
        SignedRepaired => "Signing date repaired",
        SignedImpossible => "Signing date impossible",
        SignedAfterList => "Signed after the list's own date",
        LinkPending => "Agreement text not yet posted",
        LinkMissing => "No link to the agreement text",
        LinkInvalid => "Link to the agreement text broken",
        LinkAmbiguous => "Link to the agreement text ambiguous",
        RowDuplicate => "Row repeated",
        OriUnmatched => "Agency not found in the FBI's ORI list",
        OriAmbiguous => "Agency matches several ORIs",
        AorUnmatched => "No ICE field office for the agency",
        _ => code.Replace('.', ' ').Replace('_', ' '),
    };
}

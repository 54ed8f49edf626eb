using System.Globalization;
using System.Text;
using Section287.Data;
using Section287.Features.Agreements;

namespace Section287.Features.Agencies;

/// <summary>A state or local law enforcement agency (LEA) that holds, held or asked for a 287(g) agreement.</summary>
public sealed class Agency : IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    /// <summary>The name folded for matching: upper case, single spaces, no trailing punctuation.</summary>
    public string NameKey { get; set; } = "";

    /// <summary>USPS two-letter code of the state or territory.</summary>
    public string State { get; init; } = "";

    public AgencyType Type { get; set; }

    public string? CountyName { get; set; }

    /// <summary>Five-digit Census FIPS code of the county the agency serves.</summary>
    public string? CountyFips { get; set; }

    /// <summary>FBI originating agency identifier (nine characters).</summary>
    public string? Ori { get; set; }

    /// <summary>ICE ERO area of responsibility (field office) code, e.g. ATL.</summary>
    public string? AorCode { get; set; }

    public int? PopulationServed { get; set; }

    public int? SwornOfficers { get; set; }

    /// <summary>Fictional agencies made for demonstration; never shown as real and refused outside Development.</summary>
    public bool IsDemo { get; init; }

    /// <summary>
    /// The agency's IANA time zone: every time its people see is in it, and every day rule of its records (a same-day
    /// transfer, a warrant's date, business days) is counted in it. Derived from state and county; the program office may correct it.
    /// </summary>
    public string TimeZone { get; set; } = Common.UsTimeZones.Default;

    /// <summary>Set by the program office: an import no longer derives it.</summary>
    public bool TimeZoneSetByHand { get; set; }

    /// <summary>
    /// The agency's centre as the program office set it (a city police department's city, say), or null: the centre of its
    /// county, else of its state, from the bundled Census atlas (<see cref="Centre"/>). Sunset and dusk of the agency's stops
    /// are computed there; it is never a person's location.
    /// </summary>
    public double? CenterLat { get; set; }

    /// <inheritdoc cref="CenterLat"/>
    public double? CenterLng { get; set; }

    /// <summary>Where the agency's stops are placed for the disparity tests, and what that point is.</summary>
    public (Data.Reference.GeoPoint Point, string Source)? Centre() =>
        CenterLat is { } lat && CenterLng is { } lng ? (new(lat, lng), "set by the program office")
        : Data.Reference.UsAtlas.County(CountyFips) is { } county ? (county, $"centre of {CountyName ?? "its county"} (Census atlas)")
        : Data.Reference.UsAtlas.State(State) is { } state ? (state, $"centre of {State} (Census atlas; no county recorded)")
        : null;

    /// <summary>Derives the zone from the state and county, unless the program office set it.</summary>
    public void DeriveTimeZone()
    {
        if (!TimeZoneSetByHand) TimeZone = Common.UsTimeZones.For(State, CountyFips);
    }

    /// <summary>
    /// The agency's agreement to keep people in ICE custody for a reimbursable fee (an IGSA or similar), if any: without one in
    /// force, a person whose custody passed to ICE leaves the jail within 48 hours (jail and warrant service MOAs, Appendix A).
    /// </summary>
    public string? DetentionAgreementReference { get; private set; }

    public DateOnly? DetentionAgreementFrom { get; private set; }

    public DateOnly? DetentionAgreementUntil { get; private set; }

    public Agreements.DetentionAgreement? DetentionAgreement =>
        DetentionAgreementReference is { } r && DetentionAgreementFrom is { } from ? new(r, from, DetentionAgreementUntil) : null;

    /// <summary>Records (or, with no reference, clears) the reimbursable detention agreement.</summary>
    public Common.Error? RecordDetentionAgreement(string? reference, DateOnly? from, DateOnly? until)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            (DetentionAgreementReference, DetentionAgreementFrom, DetentionAgreementUntil) = (null, null, null);
            return null;
        }
        var fields = new Dictionary<string, string[]>();
        if (reference.Trim().Length > 200) fields["reference"] = ["Give the agreement's reference, up to 200 characters."];
        if (from is null) fields["from"] = ["Give the date the detention agreement took effect."];
        else if (until is { } end && end < from) fields["until"] = ["The end cannot come before the start."];
        if (fields.Count > 0) return Common.Error.Invalid("agency.detention_agreement_invalid", "The detention agreement is not complete.", fields);
        (DetentionAgreementReference, DetentionAgreementFrom, DetentionAgreementUntil) = (reference.Trim(), from, until);
        return null;
    }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public List<Agreement> Agreements { get; init; } = [];

    public List<PendingListing> PendingListings { get; init; } = [];

    public static string KeyOf(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormKC)
            .Replace('\u00A0', ' ').Replace('’', '\'').Replace('‘', '\'');
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(' ', words).TrimEnd('.', ',', ';').ToUpper(CultureInfo.InvariantCulture);
    }

    /// <summary>ICE's spelling with its typing slips undone: spaces squeezed, curly apostrophes made straight (ICE uses both for one agency).</summary>
    public static string CleanName(string name) =>
        string.Join(' ', name.Replace('\u00A0', ' ').Replace('’', '\'').Replace('‘', '\'')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

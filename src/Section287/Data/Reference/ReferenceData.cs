using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;
using Section287.Features.Agencies;

namespace Section287.Data.Reference;

/// <summary>
/// Published codes the registry is matched against: Census state and county FIPS, the FBI's roster of
/// agencies by ORI, and ICE's areas of responsibility. Bundled with the app (see SOURCES.md beside this file).
/// </summary>
public sealed class ReferenceData
{
    private readonly FrozenDictionary<string, StateInfo> _statesByName;
    private readonly FrozenDictionary<string, StateInfo> _statesByCode;
    private readonly FrozenDictionary<(string State, string Key), CountyInfo> _counties;
    private readonly FrozenDictionary<string, string> _aorByCountyFips;
    private readonly FrozenDictionary<string, string> _aorByState;
    private readonly ILookup<(string State, string Key), RosterAgency> _rosterByName;
    private readonly ILookup<(string State, string Key), RosterAgency> _rosterCountyAgencies;
    private readonly ILookup<(string State, string Key), RosterAgency> _rosterCityAgencies;

    public static ReferenceData Bundled { get; } = Load();

    public IReadOnlyDictionary<string, string> FieldOffices { get; }

    private ReferenceData(
        List<StateInfo> states, List<CountyInfo> counties, Dictionary<string, string> aorByCounty,
        Dictionary<string, string> aorByState, List<RosterAgency> roster, Dictionary<string, string> fieldOffices)
    {
        _statesByName = states.ToFrozenDictionary(s => Fold(s.Name));
        _statesByCode = states.ToFrozenDictionary(s => s.Code);
        _counties = counties.GroupBy(c => (c.State, CountyKey(c.Name))).ToFrozenDictionary(g => g.Key, g => g.First());
        _aorByCountyFips = aorByCounty.ToFrozenDictionary();
        _aorByState = aorByState.ToFrozenDictionary();
        _rosterByName = roster.ToLookup(r => (r.State, Fold(r.Name)));
        _rosterCountyAgencies = roster.Where(r => r.Type == "County").ToLookup(r => (r.State, CountyKey(r.Name)));
        _rosterCityAgencies = roster.Where(r => r.Type == "City").ToLookup(r => (r.State, Fold(r.Name)));
        FieldOffices = fieldOffices;
    }

    public StateInfo? StateByName(string? text)
    {
        var key = Fold(text ?? "");
        if (key.Length == 2 && _statesByCode.TryGetValue(key, out var byCode)) return byCode;
        if (key.StartsWith("COMMONWEALTH OF THE ", StringComparison.Ordinal)) key = key["COMMONWEALTH OF THE ".Length..];
        return _statesByName.GetValueOrDefault(key);
    }

    public StateInfo? StateByCode(string code) => _statesByCode.GetValueOrDefault(code);

    public IEnumerable<StateInfo> States => _statesByCode.Values.OrderBy(s => s.Code, StringComparer.Ordinal);

    /// <summary>A state's counties (and county equivalents) as the Census list names them.</summary>
    public IReadOnlyList<CountyInfo> CountiesOf(string state) => _counties.Values.Where(c => c.State == state).OrderBy(c => c.Fips, StringComparer.Ordinal).ToList();

    public CountyInfo? County(string state, string? countyName)
    {
        if (string.IsNullOrWhiteSpace(countyName)) return null;
        return _counties.GetValueOrDefault((state, CountyKey(countyName)));
    }

    /// <summary>
    /// The county of an agency on one of ICE's lists: the county the row names, else the sheriff's county in the name, else the
    /// roster's single county for the agency, else a county named at the start of the name.
    /// </summary>
    public CountyInfo? CountyOfAgency(string state, string? rowCounty, string agencyName, RosterMatch roster) =>
        County(state, rowCounty)
        ?? County(state, SheriffOf(Fold(agencyName)))
        ?? County(state, roster.Agency?.SingleCounty)
        ?? County(state, LeadingCountyOf(Fold(agencyName)));

    /// <summary>The zone of the field office's city, in which its supervisors see times.</summary>
    public string FieldOfficeTimeZone(string aor) => aor.ToUpperInvariant() switch
    {
        "CHI" or "DAL" or "HAL" or "HOU" or "NOL" or "SNA" or "SPM" => "America/Chicago",
        "DEN" or "ELP" or "SLC" => "America/Denver",
        "PHO" => "America/Phoenix",
        "LOS" or "SEA" or "SFR" or "SND" => "America/Los_Angeles",
        "DET" => "America/Detroit",
        _ => Common.UsTimeZones.Default,
    };

    public string? AorOf(string state, string? countyFips) =>
        countyFips is not null && _aorByCountyFips.TryGetValue(countyFips, out var aor) ? aor : _aorByState.GetValueOrDefault(state);

    /// <summary>Finds the agency in the FBI roster: sheriffs by county, police departments by city, others by full name.</summary>
    public RosterMatch MatchRoster(string state, string agencyName)
    {
        var name = Fold(agencyName);
        IEnumerable<RosterAgency> candidates = _rosterByName[(state, name)];
        if (!candidates.Any() && SheriffOf(name) is { } county)
            candidates = _rosterCountyAgencies[(state, CountyKey(county))];
        if (!candidates.Any() && PoliceOf(name) is { } city)
            candidates = _rosterCityAgencies[(state, city)];
        var list = candidates.ToList();
        return list.Count switch
        {
            0 => new RosterMatch(null, false),
            1 => new RosterMatch(list[0], false),
            _ => new RosterMatch(null, true),
        };
    }

    /// <summary>"ETOWAH COUNTY SHERIFF'S OFFICE" → "ETOWAH COUNTY"; null when the name is not a sheriff's.</summary>
    public static string? SheriffOf(string foldedName)
    {
        foreach (var suffix in SheriffSuffixes)
        {
            if (foldedName.EndsWith(suffix, StringComparison.Ordinal) && foldedName.Length > suffix.Length)
                return foldedName[..^suffix.Length].Trim();
        }
        return null;
    }

    /// <summary>"OSCEOLA COUNTY CORRECTIONS DEPARTMENT" → "OSCEOLA COUNTY": a county named at the start of an agency's name.</summary>
    public static string? LeadingCountyOf(string foldedName)
    {
        foreach (var kind in new[] { " COUNTY ", " PARISH " })
        {
            var at = foldedName.IndexOf(kind, StringComparison.Ordinal);
            if (at > 0) return foldedName[..(at + kind.Length - 1)];
        }
        return null;
    }

    private static string? PoliceOf(string foldedName)
    {
        foreach (var suffix in PoliceSuffixes)
        {
            if (foldedName.EndsWith(suffix, StringComparison.Ordinal) && foldedName.Length > suffix.Length)
            {
                var city = foldedName[..^suffix.Length].Trim();
                foreach (var prefix in new[] { "CITY OF ", "TOWN OF ", "VILLAGE OF " })
                {
                    if (city.StartsWith(prefix, StringComparison.Ordinal)) city = city[prefix.Length..];
                }
                return city;
            }
        }
        return null;
    }

    private static readonly string[] SheriffSuffixes =
        [" SHERIFFS OFFICE", " SHERIFF OFFICE", " SHERIFFS DEPARTMENT", " SHERIFF DEPARTMENT", " SHERIFFS DEPT", " SHERIFF"];

    private static readonly string[] PoliceSuffixes =
        [" POLICE DEPARTMENT", " POLICE DEPT", " POLICE", " PD", " DEPARTMENT OF PUBLIC SAFETY", " PUBLIC SAFETY"];

    /// <summary>Upper case, ASCII letters and digits and single spaces; apostrophes and periods dropped; SAINT → ST.</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (ch is '\'' or '’' or '.' ) continue;
            sb.Append(char.IsLetterOrDigit(ch) ? char.ToUpperInvariant(ch) : ' ');
        }
        var words = sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w == "SAINT" ? "ST" : w);
        return string.Join(' ', words);
    }

    /// <summary>A county's name without its kind: "St. Mary's Parish" → "ST MARYS".</summary>
    public static string CountyKey(string countyName)
    {
        var folded = Fold(countyName);
        foreach (var suffix in new[] { " CITY AND BOROUGH", " CENSUS AREA", " MUNICIPALITY", " BOROUGH", " COUNTY", " PARISH" })
        {
            if (folded.EndsWith(suffix, StringComparison.Ordinal) && folded.Length > suffix.Length)
                return folded[..^suffix.Length];
        }
        return folded;
    }

    private static ReferenceData Load()
    {
        var states = Csv("fips_state.csv").Skip(1)
            .Select(r => new StateInfo(r[1], r[0], r[2])).ToList();
        var counties = Csv("fips_county.csv").Skip(1)
            .Select(r => new CountyInfo(r[0], r[1] + r[2], r[3])).ToList();
        var aorByCounty = Csv("county_to_aor.csv").Skip(1)
            .Where(r => r.Length >= 5 && r[4].Length == 3)
            .ToDictionary(r => r[0], r => r[4]);
        var fieldOffices = new Dictionary<string, string>
        {
            ["ATL"] = "Atlanta", ["BAL"] = "Baltimore", ["BOS"] = "Boston", ["BUF"] = "Buffalo", ["CHI"] = "Chicago",
            ["DAL"] = "Dallas", ["DEN"] = "Denver", ["DET"] = "Detroit", ["ELP"] = "El Paso", ["HAL"] = "Harlingen",
            ["HOU"] = "Houston", ["LOS"] = "Los Angeles", ["MIA"] = "Miami", ["NEW"] = "Newark", ["NOL"] = "New Orleans",
            ["NYC"] = "New York City", ["PHI"] = "Philadelphia", ["PHO"] = "Phoenix", ["SEA"] = "Seattle",
            ["SFR"] = "San Francisco", ["SLC"] = "Salt Lake City", ["SNA"] = "San Antonio", ["SND"] = "San Diego",
            ["SPM"] = "St Paul", ["WAS"] = "Washington",
        };
        var codeByOffice = fieldOffices.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.OrdinalIgnoreCase);
        // A state served by a single field office gets that office even where a county is unknown.
        var aorByState = Csv("ice_areas_of_responsibility.csv").Skip(1)
            .Select(r => (Office: r[0].Trim(), State: r[1].Trim()))
            .Select(r => (Code: codeByOffice.GetValueOrDefault(r.Office), StateName: r.State))
            .Where(r => r.Code is not null)
            .GroupBy(r => r.StateName, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(x => x.Code).Distinct().Count() == 1)
            .Select(g => (State: states.FirstOrDefault(s => Fold(s.Name) == Fold(g.Key.Replace("Commonwealth of the ", "",
                StringComparison.OrdinalIgnoreCase))), g.First().Code))
            .Where(x => x.State is not null)
            .ToDictionary(x => x.State!.Code, x => x.Code!);
        var roster = Csv("fbi_law_enforcement_employees_2025_by_ori.csv").Skip(1)
            .Where(r => r.Length >= 8)
            .Select(r => new RosterAgency(r[0], r[2], r[3], r[4], r[5], ParseInt(r[6]), ParseInt(r[7])))
            .ToList();
        return new ReferenceData(states, counties, aorByCounty, aorByState, roster, fieldOffices);
    }

    private static int? ParseInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static IEnumerable<string[]> Csv(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Section287.Reference." + name)
            ?? throw new InvalidOperationException($"Bundled reference file {name} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line) rows.Add(CsvLine.Split(line));
        return rows;
    }

    public static Stream OpenBundled(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream("Section287.Reference." + name)
        ?? throw new InvalidOperationException($"Bundled reference file {name} is missing from the build.");
}

public sealed record StateInfo(string Code, string Fips, string Name);

public sealed record CountyInfo(string State, string Fips, string Name);

public sealed record RosterAgency(string Ori, string Name, string State, string CountyNames, string Type, int? Population, int? Officers)
{
    /// <summary>The roster's county when the agency serves exactly one.</summary>
    public string? SingleCounty => CountyNames.Contains(',', StringComparison.Ordinal) || string.IsNullOrWhiteSpace(CountyNames) ? null : CountyNames.Trim();
}

public sealed record RosterMatch(RosterAgency? Agency, bool Ambiguous);

/// <summary>RFC 4180 line splitting, enough for the bundled files (quoted fields without embedded newlines).</summary>
public static class CsvLine
{
    public static string[] Split(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else sb.Append(ch);
            }
            else if (ch == '"' && sb.ToString().Trim().Length == 0) { sb.Clear(); quoted = true; }
            else if (ch == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(ch);
        }
        fields.Add(sb.ToString());
        return fields.ToArray();
    }
}

namespace Section287.Features.Agencies;

public enum AgencyType
{
    County,
    Municipality,
    StateAgency,
    Other,
}

public static class AgencyTypes
{

    public static AgencyType? FromCode(string? code) =>
        Enum.GetValues<AgencyType>().Cast<AgencyType?>()
            .FirstOrDefault(t => string.Equals(t!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the TYPE column of ICE's list ("County ", "Municipality", "State Agency").</summary>
    public static AgencyType? FromIceList(string? text) => Normalize(text) switch
    {
        "county" => AgencyType.County,
        "municipality" or "city" => AgencyType.Municipality,
        "state agency" or "state" => AgencyType.StateAgency,
        "" => null,
        _ => AgencyType.Other,
    };

    private static string Normalize(string? text) =>
        string.Join(' ', (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToLowerInvariant();
}

using Section287.Common;
using Section287.Data;
using Section287.Features.Encounters;

namespace Section287.Features.Agencies;

/// <summary>
/// One qualified interpreter, or a company the agency contracts with for them, on the list every MOA asks the agency to keep
/// (jail 2020 and warrant service 2025, section IV.G; task force 2025, section XVI). Removing one keeps the row with its end,
/// so an encounter's interpreter can be read against the list as it stood.
/// </summary>
public sealed class AgencyInterpreter : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public string Name { get; init; } = "";

    /// <summary>The languages interpreted, as the agency writes them ("Spanish, K'iche'").</summary>
    public string Languages { get; init; } = "";

    /// <summary>Agency staff, or a contracted company.</summary>
    public bool Company { get; init; }

    /// <summary>How the agency knows the interpreter is qualified (certification, test, contract).</summary>
    public string Qualification { get; init; } = "";

    public DateTime AddedAt { get; init; }

    public string AddedByName { get; init; } = "";

    public DateTime? RemovedAt { get; private set; }

    public string? RemovedByName { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public const string Source = $"{RuleBook.JailMoa}, section IV.G, and {RuleBook.WarrantServiceMoa}, section IV.G: \"The LEA will maintain a list of qualified interpreters or companies it contracts with to provide such interpreters. A qualified interpreter, which may include LEA personnel, means an interpreter who can interpret effectively, accurately, and impartially\"";

    public static readonly Rule AgencyKeepsTheList = new("agency.interpreters_agency_only",
        "The agency's coordinator keeps the agency's list of qualified interpreters (the program office may correct it).", Source, RuleKind.Role);

    public static readonly Rule AlreadyRemoved = new("agency.interpreter_already_removed", "The interpreter was already removed from the list.",
        Rule.PolicyReason("an entry leaves the list once; its history stays"), Basis: RuleBasis.Policy);

    public static Result<AgencyInterpreter> Add(Guid agencyId, string? name, string? languages, bool? company, string? qualification, string byName,
        DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) errors["name"] = ["Give the interpreter's or the company's name (up to 200 characters)."];
        if (string.IsNullOrWhiteSpace(languages) || languages.Length > 500) errors["languages"] = ["Give the languages interpreted."];
        if (string.IsNullOrWhiteSpace(qualification)
            || qualification.Length > 1000) errors["qualification"] = ["Say how the interpreter is qualified (certification, test, contract)."];
        if (errors.Count > 0) return Error.Invalid("agency.interpreter_invalid", "The interpreter is not complete.", errors);
        return new AgencyInterpreter
        {
            AgencyId = agencyId, Name = name!.Trim(), Languages = languages!.Trim(), Company = company == true, Qualification = qualification!.Trim(),
            AddedAt = now, AddedByName = byName,
        };
    }

    public Error? Remove(string byName, DateTime now)
    {
        if (RemovedAt is not null) return AlreadyRemoved;
        RemovedAt = now;
        RemovedByName = byName;
        return null;
    }
}

public sealed record InterpreterInput(string? Name, string? Languages, bool? Company, string? Qualification);

public sealed record InterpreterView(Guid Id, string Name, string Languages, bool Company, string Qualification, DateTime AddedAt, string AddedByName,
    DateTime? RemovedAt, string? RemovedByName);

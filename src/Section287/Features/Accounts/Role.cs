namespace Section287.Features.Accounts;

/// <summary>Who uses Section287 (PRODUCT.md, "Who uses it"). The public has no account.</summary>
public enum Role
{
    ProgramOffice,
    FieldSupervisor,
    AgencyCoordinator,
    DesignatedOfficer,
    Oversight,

    /// <summary>ICE's Office of Public Affairs: approves what is released to the public (each MOA's section V.D and Appendix C).</summary>
    PublicAffairs,

    /// <summary>ICE's Privacy Office: approves, with public affairs, what is released to the public.</summary>
    PrivacyOffice,
}

public static class Roles
{
    public const string ProgramOffice = nameof(Role.ProgramOffice);
    public const string FieldSupervisor = nameof(Role.FieldSupervisor);
    public const string AgencyCoordinator = nameof(Role.AgencyCoordinator);
    public const string DesignatedOfficer = nameof(Role.DesignatedOfficer);
    public const string Oversight = nameof(Role.Oversight);
    public const string PublicAffairs = nameof(Role.PublicAffairs);
    public const string PrivacyOffice = nameof(Role.PrivacyOffice);

    public static string Code(this Role role) => role switch
    {
        Role.ProgramOffice => "program-office",
        Role.FieldSupervisor => "field-supervisor",
        Role.AgencyCoordinator => "agency-coordinator",
        Role.DesignatedOfficer => "designated-officer",
        Role.Oversight => "oversight",
        Role.PublicAffairs => "public-affairs",
        Role.PrivacyOffice => "privacy-office",
    };

    /// <summary>How a page names a role to a person: "ICE field supervisor", never the key.</summary>
    public static string Title(this Role role) => role switch
    {
        Role.ProgramOffice => "ICE program office",
        Role.FieldSupervisor => "ICE field supervisor",
        Role.AgencyCoordinator => "Agency coordinator",
        Role.DesignatedOfficer => "Designated officer",
        Role.Oversight => "Oversight",
        Role.PublicAffairs => "ICE public affairs",
        Role.PrivacyOffice => "ICE privacy office",
    };

    public static Role? FromCode(string? code) =>
        Enum.GetValues<Role>().Cast<Role?>().FirstOrDefault(r => string.Equals(r!.Value.Code(), code, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Every role signs in with a second factor outside Development: ICE and oversight users, and the coordinators and officers
    /// who read person data too (issue 14, item 7).
    /// </summary>
    public static bool RequiresTwoFactor(this Role role) => role switch
    {
        Role.ProgramOffice or Role.FieldSupervisor or Role.Oversight or Role.AgencyCoordinator or Role.DesignatedOfficer
            or Role.PublicAffairs or Role.PrivacyOffice => true,
    };

    /// <summary>Agency roles see one agency; a field supervisor one area; headquarters and oversight all.</summary>
    public static bool IsAgencyScoped(this Role role) => role switch
    {
        Role.AgencyCoordinator or Role.DesignatedOfficer => true,
        Role.ProgramOffice or Role.FieldSupervisor or Role.Oversight or Role.PublicAffairs or Role.PrivacyOffice => false,
    };

    /// <summary>The two ICE offices whose approval a public release needs (each MOA's Appendix C: "approved by both the ICE Privacy
    /// Officer and Public Affairs Officer"). They see aggregates and releases, never records.</summary>
    public static bool ApprovesReleases(this Role role) => role is Role.PublicAffairs or Role.PrivacyOffice;
}

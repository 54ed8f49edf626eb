namespace Section287.Features.Agreements;

/// <summary>What an agreement authorizes (PRODUCT.md, "Models").</summary>
public enum AgreementModel
{
    /// <summary>Jail Enforcement Model: in the agency's jail, for people booked on a criminal charge.</summary>
    Jail,

    /// <summary>Task Force Model: in the field, after a lawful stop or arrest for a state or federal offense.</summary>
    TaskForce,

    /// <summary>Warrant Service Officer: serves and executes ICE warrants (I-200, I-205) in the jail.</summary>
    WarrantService,
}

public static class AgreementModels
{
    public static readonly AgreementModel[] All = [AgreementModel.Jail, AgreementModel.TaskForce, AgreementModel.WarrantService];

    /// <summary>ICE's short code, used in the API and in reports.</summary>
    public static string Code(this AgreementModel model) => model switch
    {
        AgreementModel.Jail => "JEM",
        AgreementModel.TaskForce => "TFM",
        AgreementModel.WarrantService => "WSO",
    };

    /// <summary>The name ICE uses in its published list.</summary>
    public static string IceName(this AgreementModel model) => model switch
    {
        AgreementModel.Jail => "Jail Enforcement Model",
        AgreementModel.TaskForce => "Task Force Model",
        AgreementModel.WarrantService => "Warrant Service Officer",
    };

    public static AgreementModel? FromCode(string? code) => code?.Trim().ToUpperInvariant() switch
    {
        "JEM" => AgreementModel.Jail,
        "TFM" => AgreementModel.TaskForce,
        "WSO" => AgreementModel.WarrantService,
        _ => null,
    };
}

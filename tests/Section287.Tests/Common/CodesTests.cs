using Section287.Common;
using Section287.Features.Encounters;
using Section287.Features.Agreements;

namespace Section287.Tests.Common;

/// <summary>Enum values have one generic code, snake case of the name (issue 13), except where a type keeps its own.</summary>
public sealed class CodesTests
{
    [Fact]
    public void TheCode_IsTheNameInSnakeCase_AndReadsBack()
    {
        ActionKind.PickedUpByIce.Code().ShouldBe("picked_up_by_ice");
        ActionKind.I213Prepared.Code().ShouldBe("i213_prepared");
        ClaimOutcome.NotUsCitizen.Code().ShouldBe("not_us_citizen");
        AgreementStatus.PendingSignature.Code().ShouldBe("pending_signature");
        Codes.FromCode<ActionKind>(" Custody_Transferred ").ShouldBe(ActionKind.CustodyTransferred);
        Codes.FromCode<ActionKind>("fly").ShouldBeNull();
        foreach (var kind in Enum.GetValues<ActionKind>()) Codes.FromCode<ActionKind>(kind.Code()).ShouldBe(kind);
    }

    [Fact]
    public void EveryEnumOfTheApp_HasDistinctCodes()
    {
        var enums = typeof(Codes).Assembly.GetTypes().Where(t => t.IsEnum && t.Namespace?.StartsWith("Section287.Features", StringComparison.Ordinal) == true);
        foreach (var type in enums)
        {
            var codes = Enum.GetNames(type).Select(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName).ToList();
            codes.Distinct().Count().ShouldBe(codes.Count, type.Name);
        }
    }

    [Fact]
    public void ATypeWithItsOwnCodes_KeepsThem()
    {
        // The models' codes are ICE's (JEM, TFM, WSO), not their names: the type's own Code() wins over the generic one.
        AgreementModel.Jail.Code().ShouldNotBe("jail");
    }
}

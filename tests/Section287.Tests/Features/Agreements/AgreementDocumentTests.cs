using Section287.Features.Agreements;

namespace Section287.Tests.Features.Agreements;

public sealed class AgreementDocumentTests
{
    [Fact]
    public async Task ThePdf_OpensInAnIndependentReader_AndCarriesTheModelsFunctions_AsTaggedText()
    {
        var sections = AgreementTemplate.Draft(new Section287.Features.Agencies.Agency { Name = "Test Upsilon County Sheriff's Office", State = "ZZ",
            AorCode = "ATL" },
            AgreementModel.WarrantService, 3, []);
        var pdf = AgreementDocument.Pdf(new AgreementDocumentData("Test Upsilon County Sheriff's Office", AgreementModel.WarrantService, 1, "pending_signature",
            "Original agreement", null, sections, [], "E. Sheriff, Sheriff", new DateTime(2026, 12, 1, 14, 0, 0, DateTimeKind.Utc), null, null, null));

        var text = await Pdf.TextAsync(pdf);
        text.ShouldContain("Warrant Service Officer (WSO)");
        foreach (var function in DesignatedFunctions.Of(AgreementModel.WarrantService))
            text.ShouldContain(function.Text[..40]);
        text.ShouldNotContain("Form I-247A"); // the jail model's detainer function is not the warrant service model's
        text.ShouldContain("For U.S. Immigration and Customs Enforcement: not yet signed.");
        text.ShouldContain("E. Sheriff, Sheriff, signed 2026-12-01 14:00 UTC");

        var info = await Pdf.InfoAsync(pdf);
        info.ShouldContain("Tagged:          yes");
        info.ShouldContain("Title:           DRAFT — 287(g) agreement — Test Upsilon County Sheriff's Office");
        text.ShouldContain("DRAFT: this text is not in force.");
    }

    [Theory]
    [InlineData("draft", true)]
    [InlineData("pending_signature", true)]
    [InlineData("in_force", false)]
    [InlineData("superseded", false)]
    public async Task ThePdf_IsMarkedDraft_UntilBothPartiesHaveSigned(string status, bool draft)
    {
        var sections = AgreementTemplate.Draft(new Section287.Features.Agencies.Agency { Name = "Test Phi County Sheriff's Office", State = "ZZ" },
            AgreementModel.Jail, 2, []);
        var text = await Pdf.TextAsync(AgreementDocument.Pdf(new AgreementDocumentData("Test Phi County Sheriff's Office", AgreementModel.Jail, 1, status,
            "Original agreement", null, sections, [], null, null, null, null, null)));
        text.Contains("DRAFT", StringComparison.Ordinal).ShouldBe(draft);
    }
}

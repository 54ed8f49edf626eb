using Section287.Common.Pdf;

namespace Section287.Features.Agreements;

/// <summary>What a rendered agreement shows: whose it is, which version, its sections and its signatures.</summary>
public sealed record AgreementDocumentData(
    string AgencyName, AgreementModel Model, int VersionNumber, string VersionStatus, string Summary, DateOnly? EffectiveOn,
    IReadOnlyList<AgreementSection> Sections, IReadOnlyList<SectionChange> Changes,
    string? AgencySignatory, DateTime? AgencySignedAt, string? IceSignatory, DateTime? IceSignedAt, string? BaseDocumentUrl);

/// <summary>Renders an agreement version as a tagged PDF: headings and paragraphs in the structure tree, language and title set.</summary>
public static class AgreementDocument
{
    public static byte[] Pdf(AgreementDocumentData data)
    {
        // Until both parties have signed, no one may mistake the text for an agreement in force.
        var draft = data.VersionStatus is "draft" or "pending_signature";
        var pdf = new TaggedPdf($"{(draft ? "DRAFT — " : "")}287(g) agreement — {data.AgencyName} — {data.Model.IceName()} — version {data.VersionNumber}")
        {
            Subject = "Memorandum of Agreement under section 287(g) of the Immigration and Nationality Act",
        };
        if (draft)
        {
            pdf.Add(PdfTag.H1, "DRAFT — Memorandum of Agreement");
            pdf.Add(PdfTag.P, "DRAFT: this text is not in force. It has no effect until both ICE and the agency have signed it.");
        }
        else pdf.Add(PdfTag.H1, "Memorandum of Agreement");
        pdf.Add(PdfTag.P, $"between U.S. Immigration and Customs Enforcement and {data.AgencyName}, under the {data.Model.IceName()} ({data.Model.Code()}).");
        pdf.Add(PdfTag.P, $"Version {data.VersionNumber}: {data.Summary}. Status: {data.VersionStatus.Replace('_', ' ')}."
            + (data.EffectiveOn is { } on ? $" In force from {on:yyyy-MM-dd}." : ""));
        if (data.BaseDocumentUrl is { } url)
            pdf.Add(PdfTag.P, $"The original text of this agreement is ICE's signed MOA: {url}. This amendment changes the sections below.");
        if (data.Changes.Count > 0)
        {
            pdf.Add(PdfTag.H2, "What this amendment changes");
            foreach (var change in data.Changes) pdf.Add(PdfTag.P, $"{change.Title}: {(change.From is null ? "added" : "replaced")}.");
        }
        foreach (var section in data.Sections)
        {
            pdf.Add(PdfTag.H2, section.Title);
            foreach (var paragraph in section.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)) pdf.Add(PdfTag.P, paragraph);
        }
        pdf.Add(PdfTag.H2, "Signatures");
        pdf.Add(PdfTag.P, data.AgencySignatory is null
            ? $"For {data.AgencyName}: not yet signed."
            : $"For {data.AgencyName}: {data.AgencySignatory}, signed {data.AgencySignedAt:yyyy-MM-dd HH:mm} UTC.");
        pdf.Add(PdfTag.P, data.IceSignatory is null
            ? "For U.S. Immigration and Customs Enforcement: not yet signed."
            : $"For U.S. Immigration and Customs Enforcement: {data.IceSignatory}, signed {data.IceSignedAt:yyyy-MM-dd HH:mm} UTC.");
        return pdf.ToBytes();
    }
}

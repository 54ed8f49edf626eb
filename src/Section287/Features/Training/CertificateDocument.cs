using Section287.Common;
using Section287.Common.Pdf;
using Section287.Features.Agreements;

namespace Section287.Features.Training;

public sealed record CertificateView(Guid Id, string Number, string Model, string Kind, string CourseTitle, decimal Hours, string OfficerName,
    string BadgeNumber,
    DateOnly CompletedOn, DateOnly ExpiresOn, DateTime IssuedAt, string IssuedByName, Guid? SupersedesId, Guid? SupersededById, string? CorrectionReason);

/// <summary>A training certificate as the API shows it and as a tagged PDF.</summary>
public static class CertificateDocument
{
    public static CertificateView View(Certificate c, IReadOnlyList<Certificate> all) => new(c.Id, c.Number, c.Model.Code(), c.Kind.Code(),
        c.CourseTitle, c.Hours,
        c.OfficerName, c.BadgeNumber, c.CompletedOn, c.ExpiresOn, c.IssuedAt, c.IssuedByName, c.SupersedesId,
        all.FirstOrDefault(x => x.SupersedesId == c.Id)?.Id, c.CorrectionReason);

    public static byte[] Pdf(Certificate c, string agencyName, string? supersedesNumber, string? supersededByNumber)
    {
        var pdf = new TaggedPdf($"Certificate {c.Number} — {c.CourseTitle}") { Subject = "287(g) training certificate" };
        pdf.Add(PdfTag.H1, "Certificate of training");
        pdf.Add(PdfTag.P, $"Certificate number {c.Number}");
        pdf.Add(PdfTag.P, $"U.S. Immigration and Customs Enforcement certifies that {c.OfficerName}, badge {c.BadgeNumber}, of {agencyName}, "
            + $"completed {c.CourseTitle} ({c.Hours:0.#} hours) under the {c.Model.IceName()} and passed every required examination.");
        pdf.Add(PdfTag.P,
            $"Completed on {c.CompletedOn:yyyy-MM-dd}. The training is current until {c.ExpiresOn:yyyy-MM-dd}; refresher training is due by then.");
        pdf.Add(PdfTag.P, $"Issued {c.IssuedAt:yyyy-MM-dd HH:mm} UTC by {c.IssuedByName}.");
        if (supersedesNumber is not null) pdf.Add(PdfTag.P, $"This certificate corrects and supersedes certificate {supersedesNumber}: {c.CorrectionReason}");
        if (supersededByNumber is not null) pdf.Add(PdfTag.P,
            $"SUPERSEDED: this certificate was corrected by certificate {supersededByNumber} and is no longer valid.");
        pdf.Add(PdfTag.P, "A certificate is never edited. A correction issues a new certificate that names the one it replaces.");
        return pdf.ToBytes();
    }
}

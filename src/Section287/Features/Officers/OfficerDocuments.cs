using Section287.Common;
using Section287.Common.Pdf;
using Section287.Features.Agreements;
using Section287.Features.Training;

namespace Section287.Features.Officers;

/// <summary>The officer's authorization letter, as a tagged PDF.</summary>
public static class OfficerDocuments
{
    public static byte[] AuthorizationLetterPdf(Authorization a, string officerName, string badge, string agencyName,
        IReadOnlyList<DesignatedFunction> functions)
    {
        var pdf = new TaggedPdf($"Authorization {a.LetterNumber} — {officerName}") { Subject = "287(g) authorization letter" };
        pdf.Add(PdfTag.H1, "Authorization to perform immigration officer functions");
        pdf.Add(PdfTag.P, $"Letter number {a.LetterNumber}");
        pdf.Add(PdfTag.P,
            $"Under section 287(g) of the Immigration and Nationality Act and the {a.Model.IceName()} agreement between U.S. Immigration and Customs "
            + $"Enforcement and {agencyName}, {officerName}, badge {badge}, having completed the required training and been certified, is authorized to perform "
            + "the functions below, under the supervision of ICE, and no others.");
        pdf.Add(PdfTag.H2, "Authorized functions");
        foreach (var f in functions) pdf.Add(PdfTag.P, f.Text);
        pdf.Add(PdfTag.H2, "Supervision");
        pdf.Add(PdfTag.P, $"Supervised and directed by: {a.SupervisingPosition} (8 U.S.C. § 1357(g)(5)).");
        pdf.Add(PdfTag.H2, "Term");
        pdf.Add(PdfTag.P, a.ExpiresAt is { } end
            ? $"Effective {Clock.DayOf(a.StartsAt):yyyy-MM-dd} for an initial period of two years, until {Clock.DayOf(end):yyyy-MM-dd}, unless revoked earlier."
            : $"Effective {Clock.DayOf(a.StartsAt):yyyy-MM-dd} while the agreement remains in force, unless revoked earlier.");
        pdf.Add(PdfTag.P, "This authorization may be revoked at any time by ICE or the agency; the other party is notified within 48 hours. It ends with the "
            + "agreement, and whenever the officer's training lapses or the officer leaves the program.");
        pdf.Add(PdfTag.P, $"Credentials number {a.CredentialNumber} are issued with this letter. They remain the property of ICE and are returned when the "
            + "officer ceases to participate.");
        pdf.Add(PdfTag.H2, "Signature");
        pdf.Add(PdfTag.P, $"{a.SignatoryName}, {a.SignatoryTitle}, signed {a.StartsAt:yyyy-MM-dd HH:mm} UTC.");
        if (a.RevokedAt is { } revoked)
            pdf.Add(PdfTag.P, $"REVOKED on {Clock.DayOf(revoked):yyyy-MM-dd} by {(a.RevokedBy == "ice" ? "ICE" : "the agency")}: {a.RevocationReason}");
        return pdf.ToBytes();
    }
}

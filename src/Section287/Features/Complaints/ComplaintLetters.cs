using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Common.Pdf;
using Section287.Data;
using Section287.Features.Accounts;

namespace Section287.Features.Complaints;

/// <summary>
/// The letters to the person who complained, as tagged PDF in English or Spanish (the complaint's language by default): that it was
/// received, where OPR referred it, and its outcome by allegation. They carry the tracking number and no name, address or officer:
/// staff print them for the envelope, and nobody reads person data to make one. Each language's sentences are kept together so
/// another language is one more column.
/// </summary>
public sealed class ComplaintLetters(AppDbContext db)
{
    public static readonly string[] Kinds = ["acknowledgement", "referral", "outcome"];

    public static readonly Rule NotReady = new("complaint.letter_not_ready",
        "That letter is not ready: a referral letter follows OPR's referral, an outcome letter the resolution.",
        Rule.PolicyReason("a letter tells what happened, so it cannot come before it"), Basis: RuleBasis.Policy);

    private static readonly Dictionary<string, (string En, string Es)> Words = new()
    {
        ["title.acknowledgement"] = ("Your complaint was received", "Su queja fue recibida"),
        ["title.referral"] = ("Who is investigating your complaint", "Quién investiga su queja"),
        ["title.outcome"] = ("The outcome of your complaint", "El resultado de su queja"),
        ["tracking"] = ("Tracking number: {0}", "Número de seguimiento: {0}"),
        ["agency"] = ("About: {0}", "Sobre: {0}"),
        ["received"] = ("Received on {0}.", "Recibida el {0}."),
        ["dear"] = ("To the person who made this complaint,", "A la persona que presentó esta queja:"),
        ["ack.body"] = ("We received your complaint about the 287(g) program. The agency must tell U.S. Immigration and Customs Enforcement (ICE) about it, and ICE's Office of Professional Responsibility (OPR) decides who investigates it. Each allegation will receive a finding.",
            "Recibimos su queja sobre el programa 287(g). La agencia debe informar al Servicio de Inmigración y Control de Aduanas (ICE), y la Oficina de Responsabilidad Profesional (OPR) de ICE decide quién la investiga. Cada alegación recibirá una conclusión."),
        ["ack.follow"] = ("You can follow its status on the Section287 site under Complaints, with the tracking number above.",
            "Puede seguir su situación en el sitio de Section287, en Quejas, con el número de seguimiento de arriba."),
        ["referral.body"] = ("OPR reviewed your complaint and decided: {0}, on {1}.", "La OPR revisó su queja y decidió: {0}, el {1}."),
        ["outcome.body"] = ("Your complaint was resolved on {0}. The findings, by allegation:", "Su queja se resolvió el {0}. Las conclusiones, por alegación:"),
        ["outcome.line"] = ("{0}: {1}.", "{0}: {1}."),
        ["outcome.meaning"] = ("Sustained: it happened and broke the rules. Not sustained: the evidence could not prove or disprove it. Exonerated: it happened and was lawful. Unfounded: it did not happen.",
            "Fundada: ocurrió e infringió las normas. No comprobada: las pruebas no permitieron probarla ni descartarla. Exonerada: ocurrió y fue legal. Infundada: no ocurrió."),
        ["other"] = ("You may also write to ICE OPR at ICEOPRIntake@ice.dhs.gov or call 1-833-4ICE-OPR.",
            "También puede escribir a la OPR de ICE a ICEOPRIntake@ice.dhs.gov o llamar al 1-833-4ICE-OPR."),
        ["opr_retains"] = ("ICE OPR will investigate it itself", "la OPR de ICE la investigará"),
        ["agency_internal_affairs"] = ("the agency's internal affairs division will investigate it and report to OPR", "la división de asuntos internos de la agencia la investigará e informará a la OPR"),
        ["joint_investigation"] = ("OPR and the agency will investigate it together", "la OPR y la agencia la investigarán juntas"),
        ["dhs_civil_rights"] = ("it was sent to the DHS Office for Civil Rights and Civil Liberties", "se envió a la Oficina de Derechos Civiles y Libertades Civiles del DHS"),
        ["dhs_inspector_general"] = ("it was sent to the DHS Office of Inspector General", "se envió a la Oficina del Inspector General del DHS"),
        ["sustained"] = ("sustained", "fundada"),
        ["not_sustained"] = ("not sustained", "no comprobada"),
        ["exonerated"] = ("exonerated", "exonerada"),
        ["unfounded"] = ("unfounded", "infundada"),
    };

    private static readonly Dictionary<AllegationCategory, (string En, string Es)> Categories = new()
    {
        [AllegationCategory.RacialOrEthnicProfiling] = ("Racial or ethnic profiling", "Perfil racial o étnico"),
        [AllegationCategory.UnlawfulStop] = ("Unlawful stop", "Detención en la calle ilegal"),
        [AllegationCategory.UnlawfulArrest] = ("Unlawful arrest", "Arresto ilegal"),
        [AllegationCategory.UnlawfulDetention] = ("Unlawful detention", "Retención ilegal"),
        [AllegationCategory.Overdetention] = ("Held longer than allowed", "Retención más larga de lo permitido"),
        [AllegationCategory.Force] = ("Use of force", "Uso de la fuerza"),
        [AllegationCategory.LanguageAccess] = ("Language access", "Acceso lingüístico"),
        [AllegationCategory.Citizenship] = ("Citizenship", "Ciudadanía"),
        [AllegationCategory.Discourtesy] = ("Discourtesy", "Descortesía"),
        [AllegationCategory.Property] = ("Property", "Pertenencias"),
        [AllegationCategory.Other] = ("Other", "Otra"),
    };

    public async Task<Result<(byte[] Pdf, string FileName)>> PdfAsync(Guid id, string kind, string? lang, Actor actor, CancellationToken ct)
    {
        var c = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return ComplaintRules.NotFound;
        if (actor.Role == Role.DesignatedOfficer) return ComplaintRules.OfficersDoNotRead;
        if (!Kinds.Contains(kind)) return Error.NotFound("complaint.letter_unknown", $"No such letter: {string.Join(", ", Kinds)}.");
        var es = (lang ?? c.Language) == "es";
        string W(string key, params object[] args) => string.Format(System.Globalization.CultureInfo.InvariantCulture, es ? Words[key].Es : Words[key].En, args);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == c.AgencyId).Select(a => a.Name).FirstAsync(ct);
        var pdf = new TaggedPdf($"{W($"title.{kind}")} — {c.TrackingNumber}", es ? "es-US" : "en-US") { Subject = "287(g) complaint letter" };
        pdf.Add(PdfTag.H1, W($"title.{kind}"));
        pdf.Add(PdfTag.P, W("tracking", c.TrackingNumber));
        pdf.Add(PdfTag.P, W("agency", agency));
        pdf.Add(PdfTag.P, W("received", Clock.DayOf(c.ReceivedAt).ToString("yyyy-MM-dd")));
        pdf.Add(PdfTag.P, W("dear"));
        switch (kind)
        {
            case "acknowledgement":
                pdf.Add(PdfTag.P, W("ack.body"));
                pdf.Add(PdfTag.P, W("ack.follow"));
                break;
            case "referral":
                var referrals = await db.ComplaintReferrals.AsNoTracking().Where(r => r.ComplaintId == id).OrderBy(r => r.ReferredAt).ToListAsync(ct);
                if (referrals.Count == 0) return NotReady;
                foreach (var r in referrals) pdf.Add(PdfTag.P, W("referral.body", W(r.To.Code()), Clock.DayOf(r.ReferredAt).ToString("yyyy-MM-dd")));
                break;
            default:
                if (c.ResolvedAt is not { } resolved) return NotReady;
                pdf.Add(PdfTag.P, W("outcome.body", Clock.DayOf(resolved).ToString("yyyy-MM-dd")));
                var allegations = await db.ComplaintAllegations.AsNoTracking().Where(a => a.ComplaintId == id).OrderBy(a => a.RecordedAt).ToListAsync(ct);
                foreach (var a in allegations)
                    pdf.Add(PdfTag.P, W("outcome.line", es ? Categories[a.Category].Es : Categories[a.Category].En, a.Finding is { } f ? W(f.Code()) : "—"));
                pdf.Add(PdfTag.P, W("outcome.meaning"));
                break;
        }
        pdf.Add(PdfTag.P, W("other"));
        return (pdf.ToBytes(), $"complaint-{c.TrackingNumber}-{kind}-{(es ? "es" : "en")}.pdf");
    }
}

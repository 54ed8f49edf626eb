using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;

namespace Section287.Features.Complaints;

/// <summary>
/// Development's demo: one fictional complaint about the demonstration agency, received by telephone two days ago, waiting for the
/// agency's notice to ICE, so that a newcomer sees the complaint path and its clock. No real person or agency is named.
/// </summary>
internal sealed class ComplaintsDemoSeed(AppDbContext db, PersonData person, DeadlineBook deadlines, Notifier notify) : IDemoSeedPart
{
    public int Order => 60;

    public async Task SeedAsync(DemoData demo, CancellationToken ct)
    {
        var agency = demo.Get<Agency>();
        var complaint = Complaint.Receive(agency.Id, demo.Get<Agreement>(), ComplaintChannel.Phone, ReceivedBy.Agency, demo.Now.AddDays(-2),
            "Demo coordinator (fictional)", "es", anonymous: true, consent: false, contactProtected: null,
            person.Protect("Demostración: una persona dice que esperó dos días en la cárcel sin que nadie le explicara por qué (ficticio).")!,
            [AllegationCategory.Overdetention, AllegationCategory.LanguageAccess], "Hace dos días, en la cárcel (ficticio)");
        db.Complaints.Add(complaint);
        await ComplaintWorkflow.OpenIntakeAsync(db, deadlines, notify, complaint, complaint.TakenBy, demo.Now, ct);
    }
}

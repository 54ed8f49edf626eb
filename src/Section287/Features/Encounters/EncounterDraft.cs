using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section287.Features.Accounts;
using Section287.Features.Audit;

namespace Section287.Features.Encounters;

/// <summary>
/// An officer's unfinished encounter form under one agreement, kept on the server so that a session that ends (a shift change,
/// a dead tablet, a sign-in that timed out) loses nothing. One per officer and agreement; it holds person data, so the whole
/// form is encrypted like any person field (<see cref="PersonData"/>), restoring it is a logged read, and it is deleted when
/// the encounter is recorded or discarded, or after <see cref="EncounterDrafts.KeptFor"/>.
/// Not in the audit chain: a draft is not a record of anything done, and the chain would only copy its ciphertext on every keystroke pause.
/// </summary>
public sealed class EncounterDraft : Data.IAgencyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid UserId { get; init; }

    public Guid AgreementId { get; init; }

    public DateTime SavedAt { get; set; }

    /// <summary>The form as typed (the API's <see cref="EncounterInput"/> as JSON), encrypted.</summary>
    public string Payload { get; set; } = "";
}

internal sealed class EncounterDraftConfiguration : IEntityTypeConfiguration<EncounterDraft>
{
    public void Configure(EntityTypeBuilder<EncounterDraft> b)
    {
        b.HasIndex(d => new { d.UserId, d.AgreementId }).IsUnique();
        b.HasIndex(d => d.SavedAt);
    }
}

/// <summary>Saves, restores and discards an officer's own draft; nobody else can reach it (every query names the user).</summary>
public sealed class EncounterDrafts(Data.AppDbContext db, PersonData personData, TimeProvider clock)
{
    /// <summary>Policy: a draft holds a person's data that no record justifies yet, so it is kept a week at most.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    public sealed record Restored(EncounterInput Input, DateTime SavedAt);

    public async Task SaveAsync(Actor me, Guid agreementId, EncounterInput input, CancellationToken ct)
    {
        if (me.Role != Role.DesignatedOfficer || me.AgencyId is not { } agency) return;
        var json = JsonSerializer.Serialize(input);
        var draft = await db.EncounterDrafts.FirstOrDefaultAsync(d => d.UserId == me.Id && d.AgreementId == agreementId, ct);
        if (draft is null)
        {
            draft = new EncounterDraft { AgencyId = agency, UserId = me.Id, AgreementId = agreementId };
            db.EncounterDrafts.Add(draft);
        }
        draft.SavedAt = clock.GetUtcNow().UtcDateTime;
        draft.Payload = personData.Protect(json)!;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The officer's draft under the agreement, after logging the read; expired drafts (anyone's) are deleted first.</summary>
    public async Task<Restored?> RestoreAsync(Actor me, Guid agreementId, CancellationToken ct)
    {
        await PurgeExpiredAsync(ct);
        var draft = await db.EncounterDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.UserId == me.Id && d.AgreementId == agreementId, ct);
        if (draft is null) return null;
        var json = await personData.RevealAsync(draft.Payload, draft.AgencyId, "encounter_draft", draft.Id, "draft",
            "the officer's own unfinished encounter form, restored", ct);
        try
        {
            return json is null || JsonSerializer.Deserialize<EncounterInput>(json) is not { } input ? null : new Restored(input, draft.SavedAt);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task DiscardAsync(Actor me, Guid agreementId, CancellationToken ct) =>
        await db.EncounterDrafts.Where(d => d.UserId == me.Id && d.AgreementId == agreementId).ExecuteDeleteAsync(ct);

    private async Task PurgeExpiredAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - KeptFor;
        await db.EncounterDrafts.IgnoreQueryFilters().Where(d => d.SavedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}

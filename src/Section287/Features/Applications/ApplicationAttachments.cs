using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Audit;

namespace Section287.Features.Applications;

public sealed record AttachmentFile(string FileName, string ContentType, byte[] Bytes, string Sha256);

/// <summary>Attaches files to an application (the agency, while it may edit) and hands them back as downloads (anyone in scope).</summary>
public sealed class ApplicationAttachments(AppDbContext db, ChangeContext change, ApplicationQueries queries)
{
    public async Task<Result<AttachmentView>> AddAsync(Guid applicationId, Actor actor, string? fileName, string? description, Stream content,
        CancellationToken ct)
    {
        var application = await queries.LoadAsync(applicationId, ct);
        if (application is null) return ApplicationErrors.NotFound;
        if (actor.Role != Role.AgencyCoordinator) return ApplicationErrors.AgencyOnly;
        if (!application.IsEditable) return ApplicationErrors.NotEditable(application.Status);

        // Read at most one byte past the limit: enough to refuse a larger file without holding it.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > Attachment.MaxBytes) return AttachmentErrors.TooLarge;
        }
        var made = Attachment.From(application, fileName, description, buffer.ToArray(), actor.Id);
        if (!made.IsSuccess) return made.Error!;
        var (attachment, bytes) = made.Value;
        db.Attachments.Add(attachment);
        db.AttachmentContents.Add(bytes);
        change.For("application.attach", $"Attached {attachment.FileName} ({attachment.Sha256})");
        await db.SaveChangesAsync(ct);
        return new AttachmentView(attachment.Id, attachment.FileName, attachment.ContentType, attachment.Length, attachment.Sha256,
            attachment.Description, attachment.CreatedAt);
    }

    public async Task<Result<AttachmentFile>> GetAsync(Guid applicationId, Guid attachmentId, CancellationToken ct)
    {
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.ApplicationId == applicationId, ct);
        if (attachment is null) return AttachmentErrors.NotFound;
        var bytes = await db.AttachmentContents.AsNoTracking().Where(c => c.Id == attachmentId).Select(c => c.Bytes).SingleAsync(ct);
        return new AttachmentFile(attachment.FileName, attachment.ContentType, bytes, attachment.Sha256);
    }
}

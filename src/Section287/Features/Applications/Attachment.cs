using System.Security.Cryptography;
using Section287.Common;
using Section287.Data;

namespace Section287.Features.Applications;

/// <summary>
/// A file the agency attached to its application (a council resolution, a budget, a floor plan). Only PDF,
/// PNG and JPEG, recognised by their bytes whatever the name or declared type says; stored with a SHA-256
/// and always served as a download, never rendered inline or executed.
/// </summary>
public sealed class Attachment : IAgencyOwned, ITimestamped
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid ApplicationId { get; init; }

    public string FileName { get; init; } = "";

    /// <summary>The type the bytes show, not the one the uploader claimed.</summary>
    public string ContentType { get; init; } = "";

    public long Length { get; init; }

    /// <summary>Lower-case hex SHA-256 of the bytes, so a copy can be proven identical.</summary>
    public string Sha256 { get; init; } = "";

    public string? Description { get; init; }

    public Guid UploadedById { get; init; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Recognises the allowed types by their first bytes.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return "image/jpeg";
        return null;
    }

    public static Result<(Attachment Attachment, AttachmentContent Content)> From(
        Application application, string? fileName, string? description, byte[] bytes, Guid uploadedById)
    {
        if (bytes.Length == 0) return AttachmentErrors.Empty;
        if (bytes.Length > MaxBytes) return AttachmentErrors.TooLarge;
        if (Sniff(bytes) is not { } type) return AttachmentErrors.TypeNotAllowed;
        if (description?.Length > 500) return Error.Invalid("attachment.invalid", "The description is too long.",
            new Dictionary<string, string[]> { ["description"] = ["Use at most 500 characters."] });
        var attachment = new Attachment
        {
            AgencyId = application.AgencyId,
            ApplicationId = application.Id,
            FileName = SafeName(fileName, type),
            ContentType = type,
            Length = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            UploadedById = uploadedById,
        };
        return (attachment, new AttachmentContent { Id = attachment.Id, AgencyId = attachment.AgencyId, Bytes = bytes });
    }

    /// <summary>A file name safe to show and to send back: no path, no control characters, the right extension.</summary>
    public static string SafeName(string? fileName, string contentType)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '/' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim();
        if (name.Length > 150) name = name[..150];
        var extension = contentType switch
        {
            "application/pdf" => ".pdf",
            "image/png" => ".png",
            _ => ".jpg",
        };
        if (name.Length == 0) name = "attachment";
        return name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)
            || (extension == ".jpg" && name.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            ? name
            : name + extension;
    }
}

/// <summary>The bytes of an attachment, apart from its description so that lists never load them.</summary>
public sealed class AttachmentContent : IAgencyOwned
{
    public Guid Id { get; init; }

    public Guid AgencyId { get; init; }

    public byte[] Bytes { get; init; } = [];
}

public static class AttachmentErrors
{
    public static readonly Error Empty = Error.Invalid("attachment.empty", "The file is empty.",
        new Dictionary<string, string[]> { ["file"] = ["Choose a file to attach."] });

    public static readonly Error TooLarge = Error.Invalid("attachment.too_large", "The file is larger than 10 MB.",
        new Dictionary<string, string[]> { ["file"] = ["Attach a file of 10 MB or less."] });

    public static readonly Error TypeNotAllowed = Error.Invalid("attachment.type_not_allowed",
        "Only PDF, PNG and JPEG files can be attached; this file's contents are none of these.",
        new Dictionary<string, string[]> { ["file"] = ["Attach a PDF, PNG or JPEG file."] });

    public static readonly Error NotFound = Error.NotFound("attachment.not_found", "No such attachment among those you can see.");
}

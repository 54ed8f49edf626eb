using Section287.Common;
using Section287.Data;

namespace Section287.Features.Applications;

public enum CommentStatus
{
    /// <summary>Waiting for the program office's moderation; not shown.</summary>
    Pending,
    Published,

    /// <summary>Not published (abuse, spam, personal data of others), with the moderator's reason kept.</summary>
    Rejected,
}

/// <summary>
/// A comment from the public on an application open for comment. No account is needed; the name is
/// optional and shown only if given. Every comment is moderated before it is shown, and every one,
/// published or not, is counted in the review.
/// </summary>
public sealed class PublicComment : IAgencyOwned, IVersioned, ITimestamped, IPublicSubmission
{
    public const int MaxLength = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid ApplicationId { get; init; }

    /// <summary>"en" or "es": the language it was written in, shown with it.</summary>
    public string Language { get; init; } = "en";

    public string? Name { get; init; }

    public string Body { get; init; } = "";

    public CommentStatus Status { get; private set; }

    public Guid? ModeratedById { get; private set; }

    public DateTime? ModeratedAt { get; private set; }

    public string? ModerationReason { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public static Result<PublicComment> Submit(Application application, DateOnly today, string? language, string? name, string? body)
    {
        if (!application.IsOpenForComment(today)) return CommentErrors.Closed;
        var fields = new Dictionary<string, string[]>();
        var lang = language?.Trim().ToLowerInvariant();
        if (lang is not ("en" or "es")) fields["language"] = ["Choose English or Spanish. / Elija inglés o español."];
        if (string.IsNullOrWhiteSpace(body)) fields["body"] = ["Write your comment. / Escriba su comentario."];
        else if (body.Length > MaxLength) fields["body"] = ["Use at most 4,000 characters. / Use como máximo 4.000 caracteres."];
        if (name?.Length > 100) fields["name"] = ["Use at most 100 characters. / Use como máximo 100 caracteres."];
        if (fields.Count > 0) return Error.Invalid("comment.invalid", "The comment needs correcting.", fields);
        return new PublicComment
        {
            AgencyId = application.AgencyId,
            ApplicationId = application.Id,
            Language = lang!,
            Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
            Body = body!.Trim(),
            Status = CommentStatus.Pending,
        };
    }

    public Error? Moderate(bool publish, string? reason, Guid moderatorId, DateTime utcNow)
    {
        if (Status != CommentStatus.Pending) return CommentErrors.AlreadyModerated;
        if (!publish && string.IsNullOrWhiteSpace(reason)) return CommentErrors.ReasonRequired;
        Status = publish ? CommentStatus.Published : CommentStatus.Rejected;
        ModeratedById = moderatorId;
        ModeratedAt = utcNow;
        ModerationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return null;
    }
}

public static class CommentErrors
{
    public static readonly Rule Closed = new("comment.period_closed",
        "This application is not open for public comment now. / Esta solicitud no está abierta a comentarios públicos ahora.",
        Rule.PolicyReason("comments are taken during the period the program office opened (PRODUCT.md, Lifecycles: Application, stakeholder engagement)"), Basis: RuleBasis.Policy);

    public static readonly Rule AlreadyModerated = new("comment.already_moderated", "This comment was already moderated.",
        Rule.PolicyReason("a comment is moderated once, and the decision is kept"), Basis: RuleBasis.Policy);

    public static readonly Error ReasonRequired = Error.Invalid("comment.reason_required", "Give the reason for not publishing the comment.",
        new Dictionary<string, string[]> { ["reason"] = ["Give the reason for not publishing the comment."] });

    public static readonly Error NotFound = Error.NotFound("comment.not_found", "No such comment.");
}

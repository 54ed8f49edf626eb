using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Section287.Features.Audit;

public enum AuditChange
{
    Added,
    Modified,
    Deleted,
}

/// <summary>
/// One append-only entry of the audit trail. Each entry carries the hash of the one before it, so that
/// altering, removing or reordering any stored entry breaks the chain from there on.
/// </summary>
public sealed class AuditEntry
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Position in the chain, from 1, without gaps.</summary>
    public long Sequence { get; init; }

    /// <summary>UTC, truncated to the millisecond so that every database stores it exactly.</summary>
    public DateTime At { get; init; }

    public string ActorId { get; init; } = "";

    public string ActorName { get; init; } = "";

    /// <summary>The use case that made the change, e.g. "ice_list.import".</summary>
    public string Action { get; init; } = "";

    public AuditChange Change { get; init; }

    public string EntityType { get; init; } = "";

    public string EntityId { get; init; } = "";

    /// <summary>Before and after of each changed property, as JSON: {"status":["active","removed"]}.</summary>
    public string Summary { get; init; } = "{}";

    public string Reason { get; init; } = "";

    public string CorrelationId { get; init; } = "";

    public string PreviousHash { get; init; } = GenesisHash;

    public string Hash { get; set; } = "";

    public AuditEntry Seal()
    {
        Hash = ComputeHash();
        return this;
    }

    public string ComputeHash()
    {
        var canonical = string.Join('\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture),
            At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ActorId, ActorName, Action, Change.ToString(), EntityType, EntityId, Summary, Reason, CorrelationId, PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <summary>What readers of the trail see of an entry's summary.</summary>
public static class AuditSummaries
{
    /// <summary>
    /// The summary without keyed lookup hashes (properties named <c>...Hash</c>), which entries written before they were redacted
    /// still hold: shown, they would let oversight link a person across records.
    /// </summary>
    public static string ForReaders(string summary)
    {
        if (!summary.Contains("Hash\"", StringComparison.Ordinal)) return summary;
        try
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(summary) as System.Text.Json.Nodes.JsonObject;
            if (node is null) return summary;
            foreach (var key in node.Select(p => p.Key).Where(k => k.EndsWith("Hash", StringComparison.Ordinal)).ToList()) node.Remove(key);
            return node.ToJsonString();
        }
        catch (System.Text.Json.JsonException)
        {
            return "{}";
        }
    }

    public static AuditEntry ForReaders(this AuditEntry e) => new()
    {
        Sequence = e.Sequence, At = e.At, ActorId = e.ActorId, ActorName = e.ActorName, Action = e.Action, Change = e.Change, EntityType = e.EntityType,
        EntityId = e.EntityId, Summary = ForReaders(e.Summary), Reason = e.Reason, CorrelationId = e.CorrelationId, PreviousHash = e.PreviousHash, Hash = e.Hash,
    };
}

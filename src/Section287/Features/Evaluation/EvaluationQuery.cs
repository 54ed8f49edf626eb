using Section287.Common;

namespace Section287.Features.Evaluation;

/// <summary>The reader's choice on the evaluation pages and API: the outcome, and all counties or those whose series look whole.</summary>
public static class EvaluationQuery
{
    public static Result<(CrimeOutcome Outcome, bool WithoutFlagged)> Parse(string? outcome, string? counties)
    {
        var errors = new Dictionary<string, string[]>();
        var o = CrimeOutcomes.FromCode(outcome?.Trim().ToLowerInvariant());
        if (o is null) errors["outcome"] = ["outcome is violent or property."];
        bool? without = counties?.Trim().ToLowerInvariant() switch { null or "" or "all" => false, "unflagged" => true, _ => null };
        if (without is null) errors["counties"] = ["counties is all or unflagged (without the counties whose series look broken)."];
        if (errors.Count > 0) return Error.Invalid("evaluation.query", "The evaluation was asked for in a way it cannot answer.", errors);
        return (o!.Value, without!.Value);
    }

    public static string Csv(string basePath, CrimeOutcome outcome) => $"{basePath}.csv?outcome={outcome.Code()}";
}

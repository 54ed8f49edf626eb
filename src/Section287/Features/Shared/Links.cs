namespace Section287.Features.Shared;

/// <summary>Where a subject's staff page is, for notifications, deadlines and work lists.</summary>
public static class Links
{
    public static string For(string subjectType, Guid subjectId) => subjectType switch
    {
        "application" => $"/staff/applications/{subjectId}",
        "agreement" => $"/staff/agreements/{subjectId}",
        "officer" => $"/staff/officers/{subjectId}",
        "encounter" => $"/staff/encounters/{subjectId}",
        "complaint" => $"/staff/complaints/{subjectId}",
        "inspection" => $"/staff/inspections/{subjectId}",
        "inspection_finding" => "/staff/inspections/findings",
        "quarter_cost" => $"/staff/costs/{subjectId}",
        _ => "/staff/work",
    };
}

namespace Section287.Features.Applications;

public sealed record ReviewItem(string Code, string Question);

/// <summary>The reviewer's checklist, drawn from what the agency said in its readiness assessment and engagement record.</summary>
public static class ReviewItems
{
    public static readonly ReviewItem Staff = new("staff", "The agency has the staff to nominate the officers it proposes and keep its other duties.");
    public static readonly ReviewItem Jail = new("jail_capacity", "The jail's capacity and bookings support the jail or warrant service model.");
    public static readonly ReviewItem Connectivity = new("it_connectivity", "The site has the network connectivity ICE's systems need.");
    public static readonly ReviewItem Equipment = new("equipment_site", "There is a suitable, secure site for ICE's equipment.");
    public static readonly ReviewItem Budget = new("budget", "The agency's budget covers its costs under the agreement (salaries, overtime, transport).");
    public static readonly ReviewItem Legal = new("legal_review", "The agency's legal counsel reviewed the application.");
    public static readonly ReviewItem Engagement = new("stakeholder_engagement", "The agency met the community and recorded what was said.");
    public static readonly ReviewItem Comment = new("public_comment", "The public comment period was held and its comments were considered.");

    public static readonly IReadOnlyList<ReviewItem> All = [Staff, Jail, Connectivity, Equipment, Budget, Legal, Engagement, Comment];

    public static IReadOnlyList<ReviewItem> For(Application application) =>
        All.Where(i => i != Jail || application.NeedsJail).ToList();

    /// <summary>The same list for a view of the application, from the codes of the models it asks for.</summary>
    public static IReadOnlyList<ReviewItem> ForModels(IEnumerable<string> modelCodes) =>
        All.Where(i => i != Jail || modelCodes.Any(m => m is "JEM" or "WSO")).ToList();
}

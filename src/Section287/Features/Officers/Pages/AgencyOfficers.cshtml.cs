using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Officers;

namespace Section287.Features.Officers.Pages;

/// <summary>
/// An agency's compliance view: every officer, their authority now under each agreement, what is missing and what is
/// due next, paged and searchable, optionally for one agreement. The coordinator nominates from here.
/// </summary>
public sealed class AgencyOfficersModel(ComplianceQueries queries, AppDbContext db) : StaffPage
{
    public Guid AgencyId { get; private set; }

    public string AgencyName { get; private set; } = "";

    public IReadOnlyList<AgreementLink> Agreements { get; private set; } = [];

    public Page<RosterEntry>? Roster { get; private set; }

    [BindProperty(SupportsGet = true)] public Guid? AgreementId { get; set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public bool IsCoordinator => MyRole == Role.AgencyCoordinator;

    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    public Section287.Features.Shared.SortableTable Sorting { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (MyRole == Role.DesignatedOfficer) return Redirect("/staff/me");
        var agency = await db.AgenciesInScope.Where(a => a.Id == id).Select(a => new { a.Id, a.Name }).FirstOrDefaultAsync(ct);
        if (agency is null) return NotFound();
        (AgencyId, AgencyName) = (agency.Id, agency.Name);
        Agreements = (await db.Agreements.AsNoTracking().Where(a => a.AgencyId == id).OrderBy(a => a.Model).ToListAsync(ct))
            .Select(a => new AgreementLink(a.Id, a.Model.Code(), a.Status.Code(), a.SignedOn)).ToList();
        if (AgreementId is { } only && Agreements.All(a => a.Id != only)) AgreementId = null;
        Sorting = Section287.Features.Shared.SortableTable.Read(Sort, "name", ComplianceQueries.RosterOrders, code => Address(code, null));
        Sort = Sorting.Sort;
        var result = await queries.RosterAsync(id, AgreementId, Q, PageNumber, 50, MyRole, ct, Sorting.Current, Sorting.Descending);
        if (!result.IsSuccess)
        {
            Show(result.Error!);
            return Page();
        }
        Roster = result.Value;
        return Page();
    }

    public string Link(int page) => Address(Sort ?? "name", page);

    /// <summary>The roster's address with its filters kept, in the given order and page.</summary>
    public string Address(string sort, int? page) =>
        $"/staff/agencies/{AgencyId}/officers?sort={Uri.EscapeDataString(sort)}" + (page is { } p ? $"&page={p}" : "") + (AgreementId is { } a ? $"&agreementId={a}" : "")
        + (string.IsNullOrWhiteSpace(Q) ? "" : $"&q={Uri.EscapeDataString(Q)}");
}

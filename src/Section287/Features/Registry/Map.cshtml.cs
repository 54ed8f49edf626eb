using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Data.Reference;
using Section287.Features.Shared;
using static Section287.Common.Texts;

namespace Section287.Features.Registry;

/// <summary>
/// The registry as a map (issue 18): the nation's states shaded by their active agreements, each a link to its state's map; a state's
/// counties shaded the same way, each a link to its row in the table below it. The tables carry every count the maps show.
/// </summary>
public sealed class MapModel(RegistryQueries queries, ReferenceData reference) : PageModel
{
    public RegistrySummary Summary { get; private set; } = null!;
    public StateInfo? State { get; private set; }
    public StateMap? Counties { get; private set; }
    public ChoroplethMap Map { get; private set; } = null!;

    public string StateName(string code) => reference.StateByCode(code)?.Name is { } name ? Common.Texts.StateName(name) : code;

    public async Task<IActionResult> OnGetAsync(string? state, CancellationToken ct)
    {
        Summary = await queries.SummaryAsync(ct);
        if (state is null)
        {
            var areas = UsAtlasShapes.States.Values.OrderBy(s => s.Name, StringComparer.Ordinal).Select(shape =>
            {
                var info = reference.States.FirstOrDefault(s => s.Fips == shape.Fips);
                var count = info is null ? 0 : Summary.Agreements.ByState.GetValueOrDefault(info.Code);
                return new MapArea(shape, count, T("map.area", info?.Name ?? shape.Name, count.ToString("N0")), info is null ? null : $"/registry/map/{info.Code}");
            }).ToList();
            Map = new ChoroplethMap("map-nation", T("map.nation.title"), areas, [1, 10, 25, 50, 100], T("map.legend"));
            return Page();
        }

        State = reference.StateByCode(state.Trim().ToUpperInvariant());
        if (State is null || UsAtlasShapes.StateDetail(State.Fips) is not { } outline)
        {
            Response.StatusCode = 404;
            return Page();
        }
        Counties = await queries.StateMapAsync(State.Code, ct);
        var byFips = Counties.Counties.ToDictionary(c => c.Fips);
        var counties = UsAtlasShapes.CountiesOf(State.Fips).Select(shape =>
        {
            var count = byFips.GetValueOrDefault(shape.Fips)?.Agreements ?? 0;
            var name = byFips.GetValueOrDefault(shape.Fips)?.Name ?? shape.Name;
            return new MapArea(shape, count, T("map.area", name, count.ToString("N0")), $"#county-{shape.Fips}");
        }).ToList();
        Map = new ChoroplethMap("map-state", T("map.state.title", State.Name), counties, [1, 2, 3, 5], T("map.legend")) { Outline = outline };
        return Page();
    }
}

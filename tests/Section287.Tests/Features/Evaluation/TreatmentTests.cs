using Section287.Data.Reference;
using Section287.Features.Agreements;
using Section287.Features.Evaluation;

namespace Section287.Tests.Features.Evaluation;

public sealed class TreatmentTests
{
    [Fact]
    public void Probe()
    {
        var starts = Treatment.ReadMonitor(ReferenceData.Bundled);
        var byYear = starts.GroupBy(s => s.Start.Year).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}");
        Assert.Fail($"{starts.Count} starts, {starts.Count(s => s.CountyFips is null && !s.Statewide)} unplaced; {string.Join(' ', byYear)}");
    }
}

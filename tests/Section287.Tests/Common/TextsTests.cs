using System.Text.RegularExpressions;
using Section287.Common;
using Section287.Features.Agencies;
using Section287.Features.Agreements;

namespace Section287.Tests.Common;

public sealed partial class TextsTests
{
    [Fact]
    public void EveryTextThePagesAskFor_ExistsInEnglishAndSpanish()
    {
        var pages = Directory.EnumerateFiles(Path.Combine(Repo.AppContentRoot, "Features"), "*.cshtml", SearchOption.AllDirectories);
        var keys = pages.SelectMany(p => Literal().Matches(File.ReadAllText(p)).Select(m => m.Groups[1].Value))
            .Concat(AgreementModels.All.Select(m => "model." + m.Code()))
            .Concat(Enum.GetValues<AgreementStatus>().Select(s => "status." + s.Code()))
            .Concat(Enum.GetValues<AgencyType>().Select(t => "type." + t.Code()))
            .Concat(Enum.GetValues<AgreementChangeKind>().Select(k => "history." + k))
            .Concat(new[] { "signedOn", "moaUrl", "addendumUrl", "status", "reason", "response", "terminationBy", "terminationEffectiveOn", "version",
                "summary", "iceSignatory", "agencySignatory" }.Select(f => "field." + f))
            .Concat(typeof(Section287.Features.IceLists.IceListFlags).GetFields().Select(f => "flag." + (string)f.GetValue(null)!))
            .Distinct().ToList();

        keys.Count.ShouldBeGreaterThan(40);
        keys.Where(k => !Texts.All.ContainsKey(k)).ShouldBeEmpty("texts the pages use but nobody wrote");
        Texts.All.Where(t => string.IsNullOrWhiteSpace(t.Value.En) || string.IsNullOrWhiteSpace(t.Value.Es)).Select(t => t.Key)
            .ShouldBeEmpty("texts missing a language");
    }

    [GeneratedRegex("""T\("([a-z0-9_.]+)"[,)]""")]
    private static partial Regex Literal();
}

using System.Reflection;
using System.Text.RegularExpressions;
using Section287.Common;
using Section287.Features.Encounters;
using Shouldly;

namespace Section287.Tests.Features.Rules;

/// <summary>
/// The rule book is every rule the product enforces (issue 12, "Shown how"): a refusal (422) or a role rule (403) can be
/// made only from a <see cref="Rule"/>, every Rule lives in a home the book reads, and each is named by a test.
/// </summary>
public sealed class RuleBookTests
{
    private static readonly string Src = Path.Combine(Repo.Root, "src", "Section287");

    private static IEnumerable<(string Path, string Text)> SourceFiles() => Directory.GetFiles(Src, "*.cs", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
            && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
            && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}"))
        .Select(f => (Path.GetRelativePath(Src, f), File.ReadAllText(f)));

    [Fact]
    public void NoRefusalIsMadeOutsideARule()
    {
        // Only Common/Rule.cs turns a rule into a 422 or a 403; Problems.cs maps the kinds to statuses; Error.cs declares them.
        var allowed = new[] { Path.Combine("Common", "Rule.cs"), Path.Combine("Common", "Problems.cs"), Path.Combine("Common", "Error.cs") };
        var offenders = SourceFiles().Where(f => !allowed.Contains(f.Path))
            .Where(f => Regex.IsMatch(f.Text, @"ErrorKind\.(Rule|Forbidden)\b") || Regex.IsMatch(f.Text, @"with\s*\{\s*Code\s*="))
            .Select(f => f.Path).ToList();
        offenders.ShouldBeEmpty("files that make a 422 or 403 refusal without a Rule of the book");
    }

    [Fact]
    public void EveryRuleInTheCode_IsInTheBook()
    {
        var homes = RuleBook.Sections.SelectMany(s => s.Homes).ToHashSet();
        var declaring = typeof(Rule).Assembly.GetTypes()
            .Where(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly).Any(f => f.FieldType == typeof(Rule)))
            .ToList();
        declaring.Where(t => !homes.Contains(t)).Select(t => t.FullName).ShouldBeEmpty("types declaring rules that RuleBook.Sections does not list");
        declaring.SelectMany(t => t.GetFields(BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)).Where(f => f.FieldType == typeof(Rule))
            .Select(f => $"{f.DeclaringType!.Name}.{f.Name}").ShouldBeEmpty("private rules, which the book cannot read");

        // Every code written into a rule anywhere in the source is in the book, and the book's codes are unique.
        var book = RuleBook.Everything.Select(r => r.Code).ToHashSet();
        var written = SourceFiles().SelectMany(f => Regex.Matches(f.Text, @"(?:new Rule|new|Step)\(""([a-z_]+\.[a-z_.]+)""").Select(m => m.Groups[1].Value))
            .Where(c => !c.StartsWith("authority.", StringComparison.Ordinal) || c.Count(ch => ch == '.') == 1).ToHashSet();
        var rulesWritten = SourceFiles().SelectMany(f => Regex.Matches(f.Text, @"(?:new Rule|\bStep)\(""([a-z_]+\.[a-z_.]+)""").Select(m => m.Groups[1].Value)).ToList();
        rulesWritten.Where(c => !book.Contains(c)).ShouldBeEmpty("rules in the code that the book does not list");
        RuleBook.Everything.Select(r => r.Code).ShouldBeUnique();
        // The reasons authority is refused: every code AuthorityRules answers with is in its catalogue.
        var reasons = Regex.Matches(File.ReadAllText(Path.Combine(Src, "Features", "Officers", "AuthorityRules.cs")), @"""(authority\.[a-z_]+)""").Select(m => m.Groups[1].Value).Distinct();
        reasons.Where(c => !book.Contains(c)).ShouldBeEmpty("authority reasons missing from the catalogue");
        written.ShouldNotBeEmpty();
    }

    [Fact]
    public void EveryRuleOfEveryKind_SaysItsKindAndItsSource_AndAPolicySaysItIsOne()
    {
        foreach (var r in RuleBook.Everything)
        {
            r.Sentence.ShouldNotBeNullOrWhiteSpace(r.Code);
            r.Source.ShouldNotBeNullOrWhiteSpace(r.Code);
            if (r.Basis == RuleBasis.Policy) r.Source.ShouldContain("Section287", Case.Sensitive, $"{r.Code} is a policy and must say so with its reason");
            else r.Source.ShouldMatch(@"MOA|U\.S\.C\.|C\.F\.R\.|Form I-|Directive|INA|Policy|PRODUCT\.md|DHS", $"{r.Code} is law and must cite it");
        }
    }

    [Fact]
    public void ADeadlineOfARuleInTheBook_KeepsThatRule_DeclaredOnce()
    {
        foreach (var d in Section287.Features.Deadlines.DeadlineRules.All)
        {
            if (RuleBook.Find(d.Code) is not { } rule) continue;
            d.Book.ShouldBeSameAs(rule, $"{d.Code}: the deadline restates a rule of the book instead of keeping it");
            d.Source.ShouldBe(rule.Source);
        }
        RuleBook.All.Where(r => r.Kind == RuleKind.Deadline)
            .ShouldAllBe(r => Section287.Features.Deadlines.DeadlineRules.All.Any(d => d.Book == r), "a deadline rule no deadline keeps");
    }

    [Fact]
    public void EveryRuleInTheBook_IsNamedByATest()
    {
        var tests = Directory.GetFiles(Path.Combine(Repo.Root, "tests", "Section287.Tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.EndsWith("RuleBookTests.cs", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToList();
        var fields = RuleBook.Sections.SelectMany(s => s.Homes).SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.FieldType == typeof(Rule)).ToList();
        var untested = fields.Where(f => !tests.Any(s => s.Contains($"{f.DeclaringType!.Name}.{f.Name}")
            || s.Contains($"\"{((Rule)f.GetValue(null)!).Code}\"")))
            .Select(f => $"{f.DeclaringType!.Name}.{f.Name} ({((Rule)f.GetValue(null)!).Code})").ToList();
        untested.ShouldBeEmpty("rules no test names");
    }
}

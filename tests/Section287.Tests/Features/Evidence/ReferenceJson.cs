using System.Text.Json;

namespace Section287.Tests.Features.Evidence;

/// <summary>Compares two JSON values the way the issue states: the same keys and nesting, counts and flags exactly, numbers to 4 decimals.</summary>
public static class ReferenceJson
{
    public static List<string> Differences(JsonElement expected, JsonElement actual, string path = "")
    {
        var found = new List<string>();
        Compare(expected, actual, path, found);
        return found;
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> found)
    {
        if (expected.ValueKind == JsonValueKind.Object)
        {
            if (actual.ValueKind != JsonValueKind.Object) { found.Add($"{path}: expected an object, found {actual.ValueKind}"); return; }
            var e = expected.EnumerateObject().Select(p => p.Name).ToHashSet();
            var a = actual.EnumerateObject().Select(p => p.Name).ToHashSet();
            foreach (var missing in e.Except(a)) found.Add($"{path}/{missing}: missing");
            foreach (var extra in a.Except(e)) found.Add($"{path}/{extra}: not in the reference");
            foreach (var name in e.Intersect(a)) Compare(expected.GetProperty(name), actual.GetProperty(name), $"{path}/{name}", found);
            return;
        }
        if (expected.ValueKind == JsonValueKind.Array)
        {
            if (actual.ValueKind != JsonValueKind.Array || actual.GetArrayLength() != expected.GetArrayLength())
            {
                found.Add($"{path}: expected an array of {expected.GetArrayLength()}, found {actual}");
                return;
            }
            for (var i = 0; i < expected.GetArrayLength(); i++) Compare(expected[i], actual[i], $"{path}[{i}]", found);
            return;
        }
        if (expected.ValueKind == JsonValueKind.Number)
        {
            if (actual.ValueKind != JsonValueKind.Number) { found.Add($"{path}: expected {expected}, found {actual}"); return; }
            var (x, y) = (expected.GetDouble(), actual.GetDouble());
            // Counts differ by at least 1, so one tolerance holds them exactly and the rates to 4 decimals.
            if (!(Math.Abs(x - y) < 5e-5)) found.Add($"{path}: expected {x:R}, found {y:R}");
            return;
        }
        if (expected.ValueKind != actual.ValueKind || expected.ToString() != actual.ToString())
            found.Add($"{path}: expected {expected.ValueKind} {expected}, found {actual.ValueKind} {actual}");
    }
}

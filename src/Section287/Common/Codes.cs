using System.Collections.Frozen;
using System.Text.Json;

namespace Section287.Common;

/// <summary>
/// The stable code of an enum value, as the API, the pages and the audit write it: its name in snake case
/// (<c>PickedUpByIce</c> is <c>picked_up_by_ice</c>). An enum whose codes are not its names (the model's ICE codes,
/// role keys) keeps its own <c>Code()</c>, which C# prefers to this generic one.
/// </summary>
public static class Codes
{
    public static string Code<T>(this T value) where T : struct, Enum => Of<T>.Names[value];

    /// <summary>The value with that code (trimmed, any case), or null.</summary>
    public static T? FromCode<T>(string? code) where T : struct, Enum =>
        code is not null && Of<T>.Values.TryGetValue(code.Trim().ToLowerInvariant(), out var value) ? value : null;

    private static class Of<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> Names =
            Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, T> Values = Names.ToFrozenDictionary(p => p.Value, p => p.Key);
    }
}

using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Audit;

namespace Section287.Tests.Data;

/// <summary>
/// The Data Protection key ring lives in the database, sealed with the master key from configuration: two instances of
/// the app on one database open each other's person data; the database alone, or with another master key, opens nothing.
/// </summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task TwoInstancesOnOneDatabase_ShareTheKeyRing_AndTheStoredKeysAreSealed()
    {
        await using var first = await TestApp.StartAsync();
        var sealedValue = await first.WithDbAsync((_, services) => Task.FromResult(services.GetRequiredService<PersonData>().Protect("A-123-456-789")!));
        sealedValue.ShouldNotContain("123-456");

        var keys = await first.WithDbAsync((db, _) => db.DataProtectionKeys.ToListAsync());
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => k.Xml.Contains("encryptedKey") && !k.Xml.Contains("<masterKey"));

        await using var second = await TestApp.StartAsync(settings: first.Database.Settings);
        var opened = await second.WithDbAsync((_, services) => services.GetRequiredService<PersonData>()
            .RevealAsync(sealedValue, Guid.NewGuid(), "test", Guid.NewGuid(), "aNumber", "Key ring test", CancellationToken.None));
        opened.ShouldBe("A-123-456-789");

        // Another master key opens no key of the ring (and the app refuses to start with it: KeySealTests).
        var otherMaster = RandomNumberGenerator.GetBytes(32);
        keys.ShouldAllBe(k => !KeySeal.Opens(otherMaster, k.Xml));
        keys.ShouldAllBe(k => KeySeal.Opens(Convert.FromBase64String(TestApp.TestPersonDataKey), k.Xml));
    }

    [Fact]
    public async Task TheLookupHash_FindsAnExactIdentifier_IgnoringCaseSpacesAndDashes_AndDependsOnTheMasterKey()
    {
        await using var app = await TestApp.StartAsync();
        var (a, b, c, name) = await app.WithDbAsync((_, services) =>
        {
            var p = services.GetRequiredService<PersonData>();
            return Task.FromResult((p.LookupHash("a_number", "A-123 456 789"), p.LookupHash("a_number", "a123456789"),
                p.LookupHash("fbi_number", "A123456789"), p.LookupHash("a_number", "A123456780")));
        });
        a.ShouldBe(b);
        a.ShouldNotBe(c);
        a.ShouldNotBe(name);
        a!.ShouldNotContain("123456789");

        var otherMaster = new Dictionary<string, string?> { ["Security:PersonDataKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        await using var other = await TestApp.StartAsync(settings: otherMaster);
        (await other.WithDbAsync((_, services) => Task.FromResult(services.GetRequiredService<PersonData>().LookupHash("a_number",
            "A123456789")))).ShouldNotBe(a);
    }

    /// <summary>Issue 14, item 13: a name is the same name whichever way its accents were typed (composed or combining).</summary>
    [Fact]
    public async Task TheLookupHash_OfANameTypedWithCombiningAccents_IsTheComposedNamesHash()
    {
        await using var app = await TestApp.StartAsync();
        var (composed, combining, other) = await app.WithDbAsync((_, services) =>
        {
            var p = services.GetRequiredService<PersonData>();
            return Task.FromResult((p.LookupHash("name_dob", "Jos\u00E9 Mu\u00F1oz|1990-01-01"), p.LookupHash("name_dob", "Jose\u0301 Mun\u0303oz|1990-01-01"),
                p.LookupHash("name_dob", "Jose Munoz|1990-01-01")));
        });
        combining.ShouldBe(composed);
        other.ShouldNotBe(composed);
    }
}

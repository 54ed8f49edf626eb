using Microsoft.AspNetCore.Identity;

namespace Section287.Features.Accounts;

/// <summary>
/// Refuses passwords people guess first (issue 14, item 13; NIST SP 800-63B §5.1.1.2: check against "values known to be commonly
/// used, expected, or compromised"). Twelve characters are required already; what is refused here is a long password that is still
/// a guess: one of the most used words or keyboard runs, alone or with digits and symbols around it and letters swapped for look-alike
/// digits ("P@ssw0rd2024!!"), one character or a short unit repeated, a run of the keyboard or of digits, or the account's own e-mail
/// name or the product's name. The word list is bundled (written for this product from the most-used passwords reported in published
/// breach studies), so no password is ever sent anywhere to be checked.
/// </summary>
public sealed class CommonPasswords : IPasswordValidator<AppUser>
{
    public const string Code = "PasswordCommon";

    public static readonly IdentityError Refusal = new()
    {
        Code = Code,
        Description = "This password is among the first ones guessed: a common word, name or keyboard run, perhaps with numbers or symbols "
            + "added. Choose a phrase of your own, for example several unrelated words.",
    };

    /// <summary>Common passwords and their stems, lower case, letters only.</summary>
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "password", "passw", "pass", "passwort", "contrasena", "motdepasse", "senha", "secret", "secrets", "letmein", "welcome", "welcomehome",
        "iloveyou", "iloveu", "loveyou", "love", "lovely", "loveme", "admin", "administrator", "root", "toor", "user", "guest", "login",
        "changeme", "default", "master", "access", "test", "testing", "tester", "demo", "qwerty", "qwertyuiop", "qwertyuiopasdfghjkl", "asdf",
        "asdfgh", "asdfghjkl", "zxcvbn", "zxcvbnm", "qazwsx", "qazwsxedc", "qweasd", "qweasdzxc", "azerty", "qwertz", "abc", "abcd", "abcdef",
        "abcdefg", "abcdefgh", "abcdefghijkl", "abcdefghijklmnopqrstuvwxyz", "monkey", "dragon", "shadow", "sunshine", "princess", "princesa",
        "football", "baseball", "basketball", "soccer", "hockey", "golf", "tennis", "superman", "batman", "spiderman", "starwars", "pokemon",
        "naruto", "mustang", "ferrari", "corvette", "harley", "yamaha", "jordan", "michael", "michelle", "jennifer", "jessica", "ashley",
        "daniel", "charlie", "thomas", "robert", "andrew", "joshua", "matthew", "anthony", "william", "jasmine", "nicole", "hannah", "maria",
        "jesus", "jesuschrist", "god", "godisgood", "blessed", "angel", "angels", "heaven", "freedom", "liberty", "america", "usa", "texas",
        "florida", "california", "chicago", "newyork", "mexico", "killer", "hunter", "ranger", "soldier", "sniper", "marine", "army", "navy",
        "police", "sheriff", "deputy", "officer", "trooper", "justice", "badge", "patrol", "enforcement", "immigration", "customs", "border",
        "ice", "dhs", "security", "cyber", "computer", "internet", "server", "network", "system", "windows", "microsoft", "apple", "google",
        "facebook", "twitter", "linkedin", "samsung", "iphone", "android", "cheese", "chocolate", "cookie", "banana", "orange", "apple", "pepper",
        "summer", "winter", "spring", "autumn", "january", "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december", "monday", "friday", "sunday", "flower", "rainbow", "butterfly", "tiger", "lion", "eagle", "falcon", "wolf",
        "bear", "dolphin", "horse", "puppy", "kitty", "hello", "helloworld", "whatever", "nothing", "trustno", "trustnoone", "fuckyou", "fuck",
        "shit", "bitch", "sexy", "money", "rich", "lucky", "lucky", "magic", "matrix", "forever", "family", "friends", "friend", "baby",
        "babygirl", "sweet", "sweetheart", "darling", "honey", "beautiful", "pretty", "happy", "smile", "peace", "music", "guitar", "rockstar",
        "metallica", "slipknot", "beatles", "elvis", "player", "gamer", "games", "minecraft", "fortnite", "zelda", "mario", "star", "stars",
        "moon", "sun", "earth", "ocean", "blue", "red", "green", "black", "white", "purple", "yellow", "silver", "gold", "diamond", "crystal",
        "section", "sectionsg", "partner", "partnership", "agreement", "county", "office", "jail", "warrant", "taskforce", "correct",
        "correcthorsebatterystaple", "horse", "battery", "staple", "onetwothree", "temp", "temporary", "newpassword", "mypassword",
        "yourpassword", "thepassword", "passphrase", "nopassword", "strongpassword", "securepassword", "verysecure", "supersecret",
        "topsecret", "opensesame", "iamthebest", "letmeinnow", "wordpass", "drowssap", "princessa",
    };

    private static readonly string[] Runs =
    [
        "qwertyuiopasdfghjklzxcvbnm", "1234567890", "0987654321", "abcdefghijklmnopqrstuvwxyz", "zyxwvutsrqponmlkjihgfedcba",
        "qazwsxedcrfvtgbyhnujmikolp", "mnbvcxzlkjhgfdsapoiuytrewq", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "147258369", "159753",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(IsCommon(password, user.Email) ? IdentityResult.Failed(Refusal) : IdentityResult.Success);

    public static bool IsCommon(string? password, string? email = null)
    {
        if (string.IsNullOrEmpty(password)) return false;
        var lower = password.Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant();
        var compact = new string(lower.Where(char.IsLetterOrDigit).ToArray());
        if (compact.Length == 0 || IsRepeated(compact) || Runs.Any(r => r.Contains(compact, StringComparison.Ordinal))) return true;
        // Digits and symbols around a word are no disguise, and look-alike digits and symbols read as the letters they stand for
        // (both orders: "P@ssw0rd2024" is "password", "@dmin" is "admin").
        var stripped = Trim(lower);
        if (stripped.Length == 0) return true;
        foreach (var core in new[] { Letters(stripped.Select(Unleet)), Letters(Trim(new string(lower.Select(Unleet).ToArray()))) })
        {
            if (core.Length == 0) return true;
            if (Words.Contains(core) || IsRepeated(core) || Runs.Any(r => r.Contains(core, StringComparison.Ordinal))) return true;
            // A common word said twice or more ("passwordpassword").
            if (Words.Any(w => w.Length >= 4 && core.Replace(w, "", StringComparison.Ordinal).Length == 0)) return true;
        }
        if (compact.Contains("section287", StringComparison.Ordinal) || compact.Contains("sectionsg", StringComparison.Ordinal)) return true;
        var name = email?.Split('@')[0].ToLowerInvariant();
        return name is { Length: >= 4 } && compact.Contains(new string(name.Where(char.IsLetterOrDigit).ToArray()), StringComparison.Ordinal);
    }

    private static string Trim(string text) =>
        new(text.SkipWhile(c => !char.IsLetter(c)).Reverse().SkipWhile(c => !char.IsLetter(c)).Reverse().ToArray());

    private static string Letters(IEnumerable<char> text) => new(text.Where(char.IsLetter).ToArray());

    private static char Unleet(char c) => c switch
    {
        '0' => 'o', '1' => 'i', '!' => 'i', '3' => 'e', '4' => 'a', '@' => 'a', '5' => 's', '$' => 's', '7' => 't', '+' => 't', '8' => 'b', '9' => 'g',
        _ => c,
    };

    /// <summary>One character or a short unit said over and over: "aaaaaaaaaaaa", "abcabcabcabc", "121212121212".</summary>
    private static bool IsRepeated(string text)
    {
        for (var unit = 1; unit <= Math.Min(4, text.Length / 2); unit++)
        {
            if (text.Length % unit == 0 && Enumerable.Range(0, text.Length).All(i => text[i] == text[i % unit])) return true;
        }
        return false;
    }
}

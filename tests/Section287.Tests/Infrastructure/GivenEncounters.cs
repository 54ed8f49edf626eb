namespace Section287.Tests;

/// <summary>The body of a jail booking encounter for the API, with a fictional person; the walks that need encounters as data share it.</summary>
public static class GivenEncounters
{
    public static object Booking(Guid agreementId, DateTime occurred, string bookingNumber, DateTime? scheduledRelease = null) => new
    {
        agreementId, occurredAt = occurred, location = "County jail, booking",
        basis = new { kind = "booking", bookingNumber, charges = "Burglary", arrestedAt = occurred.AddHours(-6), bookedAt = occurred.AddHours(-5) },
        person = new { name = "Test Person Sigma", dateOfBirth = "1980-05-06" },
        perception = new { races = new[] { "white" }, gender = "cisgender_man", age = 46, limitedEnglish = false, disabilities = new[] { "none" },
            interpreterNeeded = false },
        scheduledReleaseAt = scheduledRelease,
    };
}

using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Agreements;

namespace Section287.Features.Training;

/// <summary>
/// The catalog the system starts with, one initial and one refresher course per model, from PRODUCT.md
/// (Lifecycles: Training) and the MOAs' training sections. Where neither says, the choice is ours and noted.
/// </summary>
public static class CourseCatalog
{
    // MOA (task force, 2025), training of personnel: the ten topics every course covers.
    private static readonly string[] CommonTopics =
    [
        "Terms and limitations of the agreement",
        "Scope of immigration officer authority",
        "Relevant immigration law",
        "ICE use of force policy",
        "Civil rights laws",
        "Detention of aliens",
        "Public outreach and complaint procedures",
        "Liability issues",
        "Cross-cultural issues",
        "Consular notification on the arrest or detention of a foreign national",
    ];

    public static IReadOnlyList<Course> Defaults() =>
    [
        // PRODUCT.md: the jail model's course runs about four weeks, with one make-up exam in the whole course.
        Course.Define("JEM-BASIC", AgreementModel.Jail, CourseKind.Initial,
            new("Jail Enforcement Model basic training", 160m, [.. CommonTopics, "Processing for removal: I-213, detainers, Notices to Appear"],
                70, 1, MakeUpScope.AnyExam, RefresherMonths: 24, ReminderDays: 60),
            [("law", "Immigration law", false), ("processing", "Removal processing", false),
                ("rights", "Civil rights, use of force and liability", false), ("final", "Final examination", true)]),
        // PRODUCT.md: the task force course is 40 hours. Neither it nor the MOA sets a make-up rule, so ours is the
        // jail model's: one make-up in the whole course. The MOA offers updated training about a year after certification.
        Course.Define("TFM-BASIC", AgreementModel.TaskForce, CourseKind.Initial,
            new("Task Force Model basic training", 40m, [.. CommonTopics, "Arrest without warrant, supervisor contact and deconfliction"],
                70, 1, MakeUpScope.AnyExam, RefresherMonths: 12, ReminderDays: 60),
            [("law", "Immigration law and authority in the field", false), ("final", "Final examination", true)]),
        // MOA (warrant service, 2025), training of personnel: a final examination at 70 percent, one retake.
        Course.Define("WSO-BASIC", AgreementModel.WarrantService, CourseKind.Initial,
            new("Warrant Service Officer training", 8m,
                ["Terms and limitations of the agreement", "Serving and executing I-200 and I-205 warrants", "Civil rights laws", "Consular notification"],
                70, 1, MakeUpScope.FinalOnly, RefresherMonths: 24, ReminderDays: 60),
            [("final", "Final examination", true)]),
        // PRODUCT.md: refresher training about every one to two years. Ours: one day, one exam with one retake.
        Course.Define("JEM-REFRESH", AgreementModel.Jail, CourseKind.Refresher,
            new("Jail Enforcement Model refresher", 8m,
                ["Changes in law and policy", "Review of the agreement's limits", "Civil rights and complaints"], 70, 1, MakeUpScope.FinalOnly, 24, 60),
            [("final", "Refresher examination", true)]),
        Course.Define("TFM-REFRESH", AgreementModel.TaskForce, CourseKind.Refresher,
            new("Task Force Model refresher", 8m, ["Changes in law and policy", "Review of the agreement's limits", "Civil rights and complaints"],
                70, 1, MakeUpScope.FinalOnly, 12, 60),
            [("final", "Refresher examination", true)]),
        Course.Define("WSO-REFRESH", AgreementModel.WarrantService, CourseKind.Refresher,
            new("Warrant Service Officer refresher", 4m, ["Changes in law and policy", "Review of the agreement's limits"], 70, 1,
                MakeUpScope.FinalOnly, 24, 60),
            [("final", "Refresher examination", true)]),
    ];

    /// <summary>Adds any default course whose code is missing; changes nothing ICE has edited. Safe at every start.</summary>
    public static async Task<int> SeedAsync(AppDbContext db, CancellationToken ct)
    {
        var codes = await db.Courses.Select(c => c.Code).ToListAsync(ct);
        var missing = Defaults().Where(c => !codes.Contains(c.Code)).ToList();
        if (missing.Count == 0) return 0;
        db.Courses.AddRange(missing);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Instances started together: another one seeded the same courses first (the unique code refused ours). Nothing is lost.
            // Our courses and their audit entries were not written; the unit of work forgets them.
            db.ChangeTracker.Clear();
            if (!await AllThereAsync(db, missing, ct)) throw;
            return 0;
        }
        return missing.Count;
    }

    private static async Task<bool> AllThereAsync(AppDbContext db, List<Course> wanted, CancellationToken ct)
    {
        var codes = wanted.Select(c => c.Code).ToList();
        return await db.Courses.AsNoTracking().CountAsync(c => codes.Contains(c.Code), ct) == codes.Count;
    }
}

using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;

namespace Section287.Tests.Browser;

/// <summary>
/// The program office edits a course of the catalog without script: the form binds the API's CourseInput, so a refused save
/// keeps what was typed, the topics textarea becomes the course's list, and unticking "Offered" withdraws the course.
/// </summary>
[Trait("Category", "Browser")]
public sealed class CourseBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task TheProgramOffice_EditsACourse_ARefusedSaveKeepsTheForm_AndTheSavedCourseIsWhatWasTyped()
    {
        await using var app = await TestApp.StartAsync();
        var courseId = await app.WithDbAsync((db, _) => db.Courses.Where(c => c.Code == "JEM-BASIC").Select(c => c.Id).SingleAsync());
        var office = await WithoutScriptAsync(app);
        await SignInAsync(office, await Given.UserAsync(app, Role.ProgramOffice));
        await office.GotoAsync($"/staff/training/courses/{courseId}");

        await office.FillAsync("#field-title", "Jail Enforcement Model basic training, 2027 edition");
        await office.FillAsync("#field-topics", "Immigration law\nCivil rights\nLanguage access");
        await office.FillAsync("#field-passpercent", "150");
        await Choose(office, "field-active");
        await Press(office, "button:has-text('Save the course')");
        (await Text(office, "#field-passpercent-error")).ShouldContain("1 to 100");
        (await office.InputValueAsync("#field-title")).ShouldBe("Jail Enforcement Model basic training, 2027 edition");
        (await office.InputValueAsync("#field-topics")).ShouldBe("Immigration law\nCivil rights\nLanguage access");
        (await office.IsCheckedAsync("#field-active")).ShouldBeFalse();
        await CheckAxeAsync(app, office);

        await office.FillAsync("#field-passpercent", "85");
        await Press(office, "button:has-text('Save the course')");
        (await Text(office, "main")).ShouldContain("The course was saved.");
        (await Text(office, "h1")).ShouldBe("Jail Enforcement Model basic training, 2027 edition");
        (await office.InputValueAsync("#field-passpercent")).ShouldBe("85");
        (await office.IsCheckedAsync("#field-active")).ShouldBeFalse();
        var saved = await app.WithDbAsync((db, _) => db.Courses.SingleAsync(c => c.Id == courseId));
        saved.Settings.Topics.ShouldBe(["Immigration law", "Civil rights", "Language access"]);
        saved.Settings.Active.ShouldBeFalse();
    }
}

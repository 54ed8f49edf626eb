using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Section287.Features.Encounters;

namespace Section287.Data.Migrations;

/// <summary>
/// Issue 17: the use-of-authority measures' counts per agreement and day, and per model and day for the nation, kept equal to
/// the records in each unit of work (<see cref="MeasureRollup"/>). The rows of a database that already has encounters are
/// built once after this migration, by <see cref="DatabaseSchema"/>, while it still holds the migration lock.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261222000000_MeasureRollup")]
public sealed class MeasureRollupMigration : Migration
{
    private static readonly string[] Counts =
    [
        "Encounters", "WithLawfulBasis", "HoldsPast48Hours", "LateEncounters", "LateActions", "CorrectedEncounters", "DetainersRequested",
        "DetainersIssued", "DetainersDeclined", "DetainersWithdrawn", "DetainersPending", "DetainerReturns", "DetainersReviewed",
        "DetainersReviewedWithin24Hours", "Claims", "ClaimsUsCitizen", "ClaimsNotUsCitizen", "ClaimsOpen", "ClaimsReportedWithinHour",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AgreementMeasureDays",
            columns: table => new
            {
                AgreementId = table.Column<Guid>(nullable: false),
                Day = table.Column<DateOnly>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Model = table.Column<string>(nullable: false),
                ReviewMilliseconds = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AgreementMeasureDays", x => new { x.AgreementId, x.Day }));
        migrationBuilder.CreateTable(
            name: "NationMeasureDays",
            columns: table => new
            {
                Day = table.Column<DateOnly>(nullable: false),
                Model = table.Column<string>(nullable: false),
                ReviewMilliseconds = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_NationMeasureDays", x => new { x.Day, x.Model }));
        foreach (var table in new[] { "AgreementMeasureDays", "NationMeasureDays" })
        {
            foreach (var column in Counts) migrationBuilder.AddColumn<int>(name: column, table: table, nullable: false, defaultValue: 0);
        }
        migrationBuilder.CreateIndex("IX_AgreementMeasureDays_AgencyId_Day", "AgreementMeasureDays", ["AgencyId", "Day"]);
        migrationBuilder.CreateIndex("IX_AgreementMeasureDays_Day_Model", "AgreementMeasureDays", ["Day", "Model"]);
        migrationBuilder.Sql($"""INSERT INTO "PublicVersions" ("Name", "Version") VALUES ('{MeasureRollup.BuiltMarker}', 0)""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("AgreementMeasureDays");
        migrationBuilder.DropTable("NationMeasureDays");
        migrationBuilder.Sql($"""DELETE FROM "PublicVersions" WHERE "Name" = '{MeasureRollup.BuiltMarker}'""");
    }
}

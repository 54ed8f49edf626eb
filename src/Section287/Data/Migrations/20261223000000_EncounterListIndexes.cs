using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>
/// Issue 17: the indexes that serve the encounter lists by keyset at national size (the program office's and oversight's list,
/// newest first, is a walk of <c>OccurredAt</c>; a field supervisor's, of the area's <c>(AorCode, OccurredAt)</c>); <c>EncounterQueryPlanTests</c> reads the plans.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261223000000_EncounterListIndexes")]
public sealed class EncounterListIndexesMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_Encounters_OccurredAt", "Encounters", "OccurredAt");
        // An area's list: the agency's area on each encounter (derived; the tenancy filter still decides who sees it).
        migrationBuilder.AddColumn<string>(name: "AorCode", table: "Encounters", maxLength: 3, nullable: true);
        migrationBuilder.Sql("""UPDATE "Encounters" SET "AorCode" = (SELECT a."AorCode" FROM "Agencies" a WHERE a."Id" = "Encounters"."AgencyId")""");
        migrationBuilder.CreateIndex("IX_Encounters_AorCode_OccurredAt", "Encounters", ["AorCode", "OccurredAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Encounters_AorCode_OccurredAt", "Encounters");
        migrationBuilder.DropColumn("AorCode", "Encounters");
        migrationBuilder.DropIndex("IX_Encounters_OccurredAt", "Encounters");
    }
}

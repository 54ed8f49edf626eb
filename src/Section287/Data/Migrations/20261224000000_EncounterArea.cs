using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>
/// Issue 17: a field supervisor's list walks <c>(AorCode, OccurredAt)</c>. The agency's ICE area is copied onto each encounter
/// (derived data; the tenancy filter, by the agency's area, still decides who sees it), filled here for the encounters there are.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261224000000_EncounterArea")]
public sealed class EncounterAreaMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "AorCode", table: "Encounters", maxLength: 3, nullable: true);
        migrationBuilder.Sql("""UPDATE "Encounters" SET "AorCode" = (SELECT a."AorCode" FROM "Agencies" a WHERE a."Id" = "Encounters"."AgencyId")""");
        migrationBuilder.CreateIndex("IX_Encounters_AorCode_OccurredAt", "Encounters", ["AorCode", "OccurredAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Encounters_AorCode_OccurredAt", "Encounters");
        migrationBuilder.DropColumn("AorCode", "Encounters");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>
/// Issue 17: the indexes that serve the encounter lists by keyset at national size (the program office's and oversight's list,
/// newest first, is a walk of <c>OccurredAt</c>); <c>EncounterQueryPlanTests</c> reads the plans.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261223000000_EncounterListIndexes")]
public sealed class EncounterListIndexesMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_Encounters_OccurredAt", "Encounters", "OccurredAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Encounters_OccurredAt", "Encounters");
    }
}

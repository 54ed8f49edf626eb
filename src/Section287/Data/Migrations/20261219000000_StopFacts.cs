using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 16: a task force stop records its type, search, basis, contraband, outcome and district (StopFacts).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261219000000_StopFacts")]
public sealed class StopFactsMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("StopType", "Encounters", nullable: true);
        migrationBuilder.AddColumn<bool>("SearchConducted", "Encounters", nullable: true);
        migrationBuilder.AddColumn<string>("SearchBasis", "Encounters", nullable: true);
        migrationBuilder.AddColumn<bool>("ContrabandFound", "Encounters", nullable: true);
        migrationBuilder.AddColumn<string>("StopOutcome", "Encounters", nullable: true);
        migrationBuilder.AddColumn<string>("District", "Encounters", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var column in new[] { "StopType", "SearchConducted", "SearchBasis", "ContrabandFound", "StopOutcome", "District" })
            migrationBuilder.DropColumn(column, "Encounters");
    }
}

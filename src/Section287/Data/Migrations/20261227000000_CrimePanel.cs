using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 19: the county-year crime panel (reference data, one row per version and per county and year).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261227000000_CrimePanel")]
public sealed class CrimePanel : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CrimePanels",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Source = table.Column<string>(nullable: false),
                Version = table.Column<string>(nullable: false),
                Sha256 = table.Column<string>(nullable: false),
                FirstYear = table.Column<int>(nullable: false),
                LastYear = table.Column<int>(nullable: false),
                Counties = table.Column<int>(nullable: false),
                Rows = table.Column<int>(nullable: false),
                ImportedAt = table.Column<DateTime>(nullable: false),
                ImportedBy = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_CrimePanels", x => x.Id));
        migrationBuilder.CreateIndex("IX_CrimePanels_Sha256", "CrimePanels", "Sha256", unique: true);

        migrationBuilder.CreateTable(
            name: "CountyCrimeYears",
            columns: table => new
            {
                PanelId = table.Column<Guid>(nullable: false),
                CountyFips = table.Column<string>(nullable: false),
                Year = table.Column<int>(nullable: false),
                Population = table.Column<double>(nullable: true),
                ViolentRate = table.Column<double>(nullable: true),
                PropertyRate = table.Column<double>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_CountyCrimeYears", x => new { x.PanelId, x.CountyFips, x.Year }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("CountyCrimeYears");
        migrationBuilder.DropTable("CrimePanels");
    }
}

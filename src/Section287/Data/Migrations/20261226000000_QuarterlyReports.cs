using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 18: the archive of quarterly reports (PDF), one per scope, quarter and language.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261226000000_QuarterlyReports")]
public sealed class QuarterlyReports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "QuarterlyReports",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Scope = table.Column<string>(nullable: false),
                Quarter = table.Column<string>(nullable: false),
                Language = table.Column<string>(nullable: false),
                PublishedAt = table.Column<DateTime>(nullable: false),
                Sha256 = table.Column<string>(nullable: false),
                Bytes = table.Column<int>(nullable: false),
                Content = table.Column<byte[]>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_QuarterlyReports", x => x.Id));
        migrationBuilder.CreateIndex("IX_QuarterlyReports_Scope_Quarter_Language", "QuarterlyReports", ["Scope", "Quarter", "Language"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("QuarterlyReports");
}

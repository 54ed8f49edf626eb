using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 15: the rule book's refusals of designated officers, an early-intervention indicator.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261217000000_RuleRefusals")]
public sealed class RuleRefusals : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "RuleRefusals",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: false),
                Code = table.Column<string>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RuleRefusals", x => x.Id);
                table.ForeignKey("FK_RuleRefusals_Officers_OfficerId", x => x.OfficerId, "Officers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_RuleRefusals_OfficerId_At", "RuleRefusals", ["OfficerId", "At"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("RuleRefusals");
}

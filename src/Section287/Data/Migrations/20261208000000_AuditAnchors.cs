using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 14: signed anchors of the audit chain's head, so that truncation, rewriting and rollback are detected.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261208000000_AuditAnchors")]
public sealed class AuditAnchors : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AuditAnchors",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Sequence = table.Column<long>(nullable: false),
                Hash = table.Column<string>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Mac = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditAnchors", x => x.Id));
        migrationBuilder.CreateIndex("IX_AuditAnchors_Sequence", "AuditAnchors", "Sequence");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("AuditAnchors");
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 14: restores from backup, recorded in the audit chain.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261211000000_Maintenance")]
public sealed class Maintenance : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "MaintenanceEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Details = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_MaintenanceEvents", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("MaintenanceEvents");
}

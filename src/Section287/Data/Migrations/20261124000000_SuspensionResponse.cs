using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>A suspension says how the agency may respond (issue 3).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261124000000_SuspensionResponse")]
public sealed class SuspensionResponse : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>("SuspensionResponse", "Agreements", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("SuspensionResponse", "Agreements");
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 16: the program office may set an agency's centre (where its stops' sun times are computed).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261220000000_AgencyCentre")]
public sealed class AgencyCentreMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<double>("CenterLat", "Agencies", nullable: true);
        migrationBuilder.AddColumn<double>("CenterLng", "Agencies", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("CenterLat", "Agencies");
        migrationBuilder.DropColumn("CenterLng", "Agencies");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Section287.Common;

namespace Section287.Data.Migrations;

/// <summary>
/// Every agency has a time zone, derived from its state and county (issue 11), and an encounter keeps its agency's zone.
/// Existing agencies get theirs here, from the same table the importer uses from now on.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261204000000_TimeZones")]
public sealed class TimeZones : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("TimeZone", "Agencies", nullable: false, defaultValue: UsTimeZones.Default);
        migrationBuilder.AddColumn<bool>("TimeZoneSetByHand", "Agencies", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<string>("TimeZone", "Encounters", nullable: false, defaultValue: UsTimeZones.Default);
        foreach (var (state, zone) in UsTimeZones.StateDefaults)
            migrationBuilder.Sql($"UPDATE \"Agencies\" SET \"TimeZone\" = '{zone}' WHERE \"State\" = '{state}'");
        foreach (var (fips, zone) in UsTimeZones.CountyOverrides)
            migrationBuilder.Sql($"UPDATE \"Agencies\" SET \"TimeZone\" = '{zone}' WHERE \"CountyFips\" = '{fips}'");
        migrationBuilder.Sql("UPDATE \"Encounters\" SET \"TimeZone\" = (SELECT a.\"TimeZone\" FROM \"Agencies\" a WHERE a.\"Id\" = \"Encounters\".\"AgencyId\")");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("TimeZone", "Encounters");
        migrationBuilder.DropColumn("TimeZoneSetByHand", "Agencies");
        migrationBuilder.DropColumn("TimeZone", "Agencies");
    }
}

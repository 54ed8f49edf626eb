using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>
/// Issue 17: a counter per kind of public figure, raised in the same unit of work as any change it depends on, so that a
/// public read computes its figures once per change and answers an unchanged request with 304 (<see cref="PublicVersions"/>).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261221000000_PublicVersions")]
public sealed class PublicVersionsMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "PublicVersions",
            columns: table => new
            {
                Name = table.Column<string>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_PublicVersions", x => x.Name));
        migrationBuilder.Sql($"""INSERT INTO "PublicVersions" ("Name", "Version") VALUES ('{PublicVersions.Registry}', 1)""");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("PublicVersions");
}

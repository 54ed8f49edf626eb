using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 14, item 4: the master key's check value and the sealed secrets of lookup hashes and audit anchors.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261209000000_KeySeal")]
public sealed class KeySealMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "KeySeals",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                CheckValue = table.Column<string>(nullable: false),
                SealedSecrets = table.Column<string>(nullable: false),
                SealedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_KeySeals", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("KeySeals");
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 20: an officer's unfinished encounter form, kept on the server (encrypted) so that a session that ends loses nothing.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261229000000_EncounterDrafts")]
public sealed class EncounterDrafts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "EncounterDrafts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                AgreementId = table.Column<Guid>(nullable: false),
                SavedAt = table.Column<DateTime>(nullable: false),
                Payload = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_EncounterDrafts", x => x.Id));
        migrationBuilder.CreateIndex("IX_EncounterDrafts_UserId_AgreementId", "EncounterDrafts", ["UserId", "AgreementId"], unique: true);
        migrationBuilder.CreateIndex("IX_EncounterDrafts_SavedAt", "EncounterDrafts", "SavedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("EncounterDrafts");
}

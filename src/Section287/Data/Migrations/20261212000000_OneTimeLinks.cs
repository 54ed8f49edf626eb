using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 14, item 7: the second factor is linked through a one-time link, and an authenticator code is accepted once.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261212000000_OneTimeLinks")]
public sealed class OneTimeLinks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>("LastTotpStep", "AspNetUsers", nullable: true);
        migrationBuilder.CreateTable(
            name: "AccountLinks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                Purpose = table.Column<string>(maxLength: 30, nullable: false),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                IssuedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                IssuedBy = table.Column<string>(maxLength: 200, nullable: false),
                UsedAt = table.Column<DateTime>(nullable: true),
                EndedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AccountLinks", x => x.Id));
        migrationBuilder.CreateIndex("IX_AccountLinks_TokenHash", "AccountLinks", "TokenHash", unique: true);
        migrationBuilder.CreateIndex("IX_AccountLinks_UserId", "AccountLinks", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("AccountLinks");
        migrationBuilder.DropColumn("LastTotpStep", "AspNetUsers");
    }
}

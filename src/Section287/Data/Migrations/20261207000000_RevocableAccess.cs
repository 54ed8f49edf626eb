using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 14: an account can be disabled (with its reason); accounts are listed by role.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207000000_RevocableAccess")]
public sealed class RevocableAccess : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>("DisabledAt", "AspNetUsers", nullable: true);
        migrationBuilder.AddColumn<string>("DisabledReason", "AspNetUsers", maxLength: 500, nullable: true);
        migrationBuilder.CreateIndex("IX_AspNetUsers_Role", "AspNetUsers", "Role");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_AspNetUsers_Role", "AspNetUsers");
        migrationBuilder.DropColumn("DisabledReason", "AspNetUsers");
        migrationBuilder.DropColumn("DisabledAt", "AspNetUsers");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 20: the complaints list sorts by its headers; newest first across every agency reads this index.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261230000000_ComplaintsReceivedIndex")]
public sealed class ComplaintsReceivedIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("IX_Complaints_ReceivedAt", "Complaints", "ReceivedAt");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex("IX_Complaints_ReceivedAt", "Complaints");
}

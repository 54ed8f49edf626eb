using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 20: the audit page filters by actor, action and date; each filter has its index.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261229000001_AuditFilters")]
public sealed class AuditFilters : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_AuditEntries_ActorId_Sequence", "AuditEntries", ["ActorId", "Sequence"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_Action", "AuditEntries", "Action");
        migrationBuilder.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_AuditEntries_ActorId_Sequence", "AuditEntries");
        migrationBuilder.DropIndex("IX_AuditEntries_Action", "AuditEntries");
        migrationBuilder.DropIndex("IX_AuditEntries_At", "AuditEntries");
    }
}

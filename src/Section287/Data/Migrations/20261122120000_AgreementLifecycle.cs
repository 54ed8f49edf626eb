using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Suspension and termination of an agreement: when, why, by whom, effective when.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122120000_AgreementLifecycle")]
public sealed class AgreementLifecycle : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateOnly>("SuspendedOn", "Agreements", nullable: true);
        migrationBuilder.AddColumn<DateOnly>("SuspendedUntil", "Agreements", nullable: true);
        migrationBuilder.AddColumn<string>("SuspensionReason", "Agreements", nullable: true);
        migrationBuilder.AddColumn<DateOnly>("TerminationNoticeOn", "Agreements", nullable: true);
        migrationBuilder.AddColumn<string>("TerminationBy", "Agreements", nullable: true);
        migrationBuilder.AddColumn<DateOnly>("TerminationEffectiveOn", "Agreements", nullable: true);
        migrationBuilder.AddColumn<string>("TerminationReason", "Agreements", nullable: true);
        // The daily job looks for terminations that have come due.
        migrationBuilder.CreateIndex("IX_Agreements_TerminationEffectiveOn", "Agreements", "TerminationEffectiveOn");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Agreements_TerminationEffectiveOn", "Agreements");
        foreach (var column in new[] { "SuspendedOn", "SuspendedUntil", "SuspensionReason", "TerminationNoticeOn", "TerminationBy", "TerminationEffectiveOn", "TerminationReason" })
            migrationBuilder.DropColumn(column, "Agreements");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>
/// Issue 12, rules to the letter: task force categories and policy switches on agreements, the agency's reimbursable
/// detention agreement, a detainer's service on the person, and custody after the transfer to ICE. Existing records keep
/// their history: an issued detainer is taken as served when it was issued (the hold it started keeps its clock).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261205000000_RulesToTheLetter")]
public sealed class RulesToTheLetter : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("IceCategories", "Agreements", nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>("PoliciesOff", "Agreements", nullable: false, defaultValue: "[]");
        migrationBuilder.AddColumn<string>("DetentionAgreementReference", "Agencies", nullable: true);
        migrationBuilder.AddColumn<DateOnly>("DetentionAgreementFrom", "Agencies", nullable: true);
        migrationBuilder.AddColumn<DateOnly>("DetentionAgreementUntil", "Agencies", nullable: true);
        migrationBuilder.AddColumn<DateTime>("ServedAt", "Detainers", nullable: true);
        migrationBuilder.AddColumn<string>("Category", "Detainers", nullable: true);
        migrationBuilder.AddColumn<DateTime>("TransferredAt", "Encounters", nullable: true);
        migrationBuilder.AddColumn<bool>("DetentionAgreementAtTransfer", "Encounters", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<DateTime>("StayWarnedAt", "Encounters", nullable: true);
        migrationBuilder.AddColumn<DateTime>("StayPastLimitAt", "Encounters", nullable: true);
        migrationBuilder.AddColumn<string>("DeconflictionChecks", "Encounters", nullable: true);
        migrationBuilder.CreateIndex("IX_Encounters_ClosedAt_TransferredAt", "Encounters", ["ClosedAt", "TransferredAt"]);
        // Suspension and termination notices, per model (MOA section VIII or XVIII).
        foreach (var column in NoticeTexts) migrationBuilder.AddColumn<string>(column, "Agreements", nullable: true);
        foreach (var column in NoticeDates) migrationBuilder.AddColumn<DateOnly>(column, "Agreements", nullable: true);
        migrationBuilder.AddColumn<int>("TerminationAliensIdentified", "Agreements", nullable: true);
        migrationBuilder.AddColumn<bool>("Suspected", "CitizenshipClaims", nullable: false, defaultValue: false);
        // 8 U.S.C. 1357(g)(5): each authorized officer's supervising ICE position; letters signed before named none.
        migrationBuilder.AddColumn<string>("SupervisingPosition", "Authorizations", nullable: false, defaultValue: Section287.Features.Officers.Authorization.DefaultSupervisingPosition);
        // Training ICE requires by a date: the only refresher that lapses authority (a course's refresher months only remind).
        migrationBuilder.CreateTable(
            name: "TrainingRequirements",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                AgreementId = table.Column<Guid>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: true),
                Kind = table.Column<string>(nullable: false),
                CourseId = table.Column<Guid>(nullable: false),
                CourseTitle = table.Column<string>(nullable: false),
                DueOn = table.Column<DateOnly>(nullable: false),
                Reason = table.Column<string>(nullable: false),
                RequiredByName = table.Column<string>(nullable: false),
                RequiredAt = table.Column<DateTime>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TrainingRequirements", x => x.Id);
                table.ForeignKey("FK_TrainingRequirements_Agreements_AgreementId", x => x.AgreementId, "Agreements", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_TrainingRequirements_AgreementId_DueOn", "TrainingRequirements", ["AgreementId", "DueOn"]);
        migrationBuilder.CreateIndex("IX_Agreements_Status_SuspensionEffectiveOn", "Agreements", ["Status", "SuspensionEffectiveOn"]);
        // A suspension already in force was ICE's, noticed and effective the day it began.
        migrationBuilder.Sql("UPDATE \"Agreements\" SET \"SuspensionBy\" = 'ice', \"SuspensionNoticeOn\" = \"SuspendedOn\", \"SuspensionEffectiveOn\" = \"SuspendedOn\" WHERE \"SuspendedOn\" IS NOT NULL");
        // History kept: an issued detainer started its hold when issued, so it counts as served then; an encounter that ended
        // with a transfer keeps its end (the person's stay after it was not tracked before).
        migrationBuilder.Sql("UPDATE \"Detainers\" SET \"ServedAt\" = \"IssuedAt\" WHERE \"IssuedAt\" IS NOT NULL");
        migrationBuilder.Sql("UPDATE \"Encounters\" SET \"TransferredAt\" = \"ClosedAt\" WHERE \"Outcome\" = 'transferred'");
        // A planned task force encounter recorded its deconfliction; the checks it covered were not itemised then.
        migrationBuilder.Sql("UPDATE \"Encounters\" SET \"DeconflictionChecks\" = 'not itemised before 2026-12' WHERE \"DeconflictedAt\" IS NOT NULL");
    }

    private static readonly string[] NoticeTexts =
        ["SuspensionBy", "SuspensionDecidedBy", "SuspensionRecommendedBy", "SuspensionDelivery", "SuspensionExigency", "TerminationDecidedBy", "TerminationDelivery", "TerminationExigency", "TerminationExamples"];

    private static readonly string[] NoticeDates = ["SuspensionNoticeOn", "SuspensionEffectiveOn", "SuspensionReceivedOn", "TerminationReceivedOn", "TerminationPublishedOn"];

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("TrainingRequirements");
        migrationBuilder.DropColumn("SupervisingPosition", "Authorizations");
        migrationBuilder.DropColumn("Suspected", "CitizenshipClaims");
        migrationBuilder.DropIndex("IX_Agreements_Status_SuspensionEffectiveOn", "Agreements");
        foreach (var column in NoticeTexts.Concat(NoticeDates).Append("TerminationAliensIdentified")) migrationBuilder.DropColumn(column, "Agreements");
        migrationBuilder.DropIndex("IX_Encounters_ClosedAt_TransferredAt", "Encounters");
        foreach (var column in new[] { "DeconflictionChecks", "StayPastLimitAt", "StayWarnedAt", "DetentionAgreementAtTransfer", "TransferredAt" })
            migrationBuilder.DropColumn(column, "Encounters");
        migrationBuilder.DropColumn("Category", "Detainers");
        migrationBuilder.DropColumn("ServedAt", "Detainers");
        migrationBuilder.DropColumn("DetentionAgreementUntil", "Agencies");
        migrationBuilder.DropColumn("DetentionAgreementFrom", "Agencies");
        migrationBuilder.DropColumn("DetentionAgreementReference", "Agencies");
        migrationBuilder.DropColumn("PoliciesOff", "Agreements");
        migrationBuilder.DropColumn("IceCategories", "Agreements");
    }
}

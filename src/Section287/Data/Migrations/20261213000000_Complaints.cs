using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>
/// Issue 15: complaints, their allegations, referrals and history. The hand-typed pending allegations become complaints carried
/// over (channel <c>CarriedOver</c>, the reference kept as the case number): an open one is under a joint investigation awaiting its
/// finding, so a task force officer stays off duty until someone records it; a resolved one is closed with its resolution.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261213000000_Complaints")]
public sealed class Complaints : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Complaints",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                AgreementId = table.Column<Guid>(nullable: true),
                Model = table.Column<string>(nullable: true),
                TrackingNumber = table.Column<string>(maxLength: 14, nullable: false),
                Channel = table.Column<string>(nullable: false),
                ReceivedBy = table.Column<string>(nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                TakenBy = table.Column<string>(nullable: false),
                Language = table.Column<string>(nullable: false),
                Anonymous = table.Column<bool>(nullable: false),
                ContactConsent = table.Column<bool>(nullable: false),
                ContactProtected = table.Column<string>(nullable: true),
                NarrativeProtected = table.Column<string>(nullable: true),
                ReportedCategories = table.Column<string>(nullable: false),
                OccurredOn = table.Column<string>(nullable: true),
                EncounterId = table.Column<Guid>(nullable: true),
                CaseReference = table.Column<string>(nullable: true),
                Status = table.Column<string>(nullable: false),
                IceNotifiedAt = table.Column<DateTime>(nullable: true),
                IceNotifiedTo = table.Column<string>(nullable: true),
                OprReportedAt = table.Column<DateTime>(nullable: true),
                InvestigationStartedAt = table.Column<DateTime>(nullable: true),
                ResolvedAt = table.Column<DateTime>(nullable: true),
                Resolution = table.Column<string>(nullable: true),
                OutcomeReportedAt = table.Column<DateTime>(nullable: true),
                ComplainantToldAt = table.Column<DateTime>(nullable: true),
                SubjectsToldAt = table.Column<DateTime>(nullable: true),
                ClosedAt = table.Column<DateTime>(nullable: true),
                IntakeProcessedAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Complaints", x => x.Id);
                table.ForeignKey("FK_Complaints_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Complaints_TrackingNumber", "Complaints", "TrackingNumber", unique: true);
        migrationBuilder.CreateIndex("IX_Complaints_AgencyId_ReceivedAt", "Complaints", ["AgencyId", "ReceivedAt"]);
        migrationBuilder.CreateIndex("IX_Complaints_Status_ReceivedAt", "Complaints", ["Status", "ReceivedAt"]);
        migrationBuilder.CreateIndex("IX_Complaints_IntakeProcessedAt", "Complaints", "IntakeProcessedAt");

        migrationBuilder.CreateTable(
            name: "ComplaintAllegations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                ComplaintId = table.Column<Guid>(nullable: false),
                Category = table.Column<string>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: true),
                PersonDescribed = table.Column<string>(nullable: true),
                NonDesignated = table.Column<bool>(nullable: false),
                MayLeadToDiscipline = table.Column<bool>(nullable: false),
                MayLeadToCriminalInvestigation = table.Column<bool>(nullable: false),
                MayLeadToLawsuit = table.Column<bool>(nullable: false),
                RecordedAt = table.Column<DateTime>(nullable: false),
                RecordedBy = table.Column<string>(nullable: false),
                Finding = table.Column<string>(nullable: true),
                FindingAt = table.Column<DateTime>(nullable: true),
                FindingBy = table.Column<string>(nullable: true),
                ActionsTaken = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ComplaintAllegations", x => x.Id);
                table.ForeignKey("FK_ComplaintAllegations_Complaints_ComplaintId", x => x.ComplaintId, "Complaints", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ComplaintAllegations_Officers_OfficerId", x => x.OfficerId, "Officers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ComplaintAllegations_ComplaintId", "ComplaintAllegations", "ComplaintId");
        migrationBuilder.CreateIndex("IX_ComplaintAllegations_OfficerId", "ComplaintAllegations", "OfficerId");

        migrationBuilder.CreateTable(
            name: "ComplaintReferrals",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                ComplaintId = table.Column<Guid>(nullable: false),
                To = table.Column<string>(nullable: false),
                ReferredAt = table.Column<DateTime>(nullable: false),
                Reference = table.Column<string>(nullable: true),
                Note = table.Column<string>(nullable: false),
                RecordedBy = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ComplaintReferrals", x => x.Id);
                table.ForeignKey("FK_ComplaintReferrals_Complaints_ComplaintId", x => x.ComplaintId, "Complaints", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ComplaintReferrals_ComplaintId", "ComplaintReferrals", "ComplaintId");

        migrationBuilder.CreateTable(
            name: "ComplaintEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                ComplaintId = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                Text = table.Column<string>(nullable: false),
                ActorName = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ComplaintEvents", x => x.Id);
                table.ForeignKey("FK_ComplaintEvents_Complaints_ComplaintId", x => x.ComplaintId, "Complaints", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ComplaintEvents_ComplaintId_At", "ComplaintEvents", ["ComplaintId", "At"]);

        CarryOver(migrationBuilder);
        migrationBuilder.DropTable("PendingAllegations");
    }

    /// <summary>Each pending allegation becomes a complaint with one allegation (same id), in SQL both databases read.</summary>
    private static void CarryOver(MigrationBuilder m)
    {
        var pg = m.ActiveProvider?.Contains("Npgsql", StringComparison.Ordinal) == true;
        string B(bool v) => pg ? (v ? "TRUE" : "FALSE") : (v ? "1" : "0");
        const string hex = "upper(substr(replace(CAST(p.\"Id\" AS text), '-', ''), 21, 12))";
        const string tracking = $"substr({hex}, 1, 4) || '-' || substr({hex}, 5, 4) || '-' || substr({hex}, 9, 4)";
        m.Sql($"""
            INSERT INTO "Complaints" ("Id", "AgencyId", "AgreementId", "Model", "TrackingNumber", "Channel", "ReceivedBy", "ReceivedAt", "TakenBy",
                "Language", "Anonymous", "ContactConsent", "ContactProtected", "NarrativeProtected", "ReportedCategories", "OccurredOn", "EncounterId",
                "CaseReference", "Status", "IceNotifiedAt", "IceNotifiedTo", "OprReportedAt", "InvestigationStartedAt", "ResolvedAt", "Resolution",
                "OutcomeReportedAt", "ComplainantToldAt", "SubjectsToldAt", "ClosedAt", "IntakeProcessedAt", "CreatedAt", "UpdatedAt", "Version")
            SELECT p."Id", p."AgencyId", NULL, NULL, {tracking}, 'CarriedOver', 'Agency', p."OpenedAt", 'carried over',
                'en', {B(false)}, {B(false)}, NULL, NULL, '', NULL, NULL,
                p."Reference", CASE WHEN p."ResolvedAt" IS NULL THEN 'UnderInvestigation' ELSE 'Closed' END, NULL, NULL, p."OpenedAt", p."OpenedAt",
                p."ResolvedAt", p."Resolution", NULL, NULL, NULL, p."ResolvedAt", p."OpenedAt", p."CreatedAt", p."UpdatedAt", 1
            FROM "PendingAllegations" p
            """);
        m.Sql($"""
            INSERT INTO "ComplaintAllegations" ("Id", "AgencyId", "ComplaintId", "Category", "OfficerId", "PersonDescribed", "NonDesignated",
                "MayLeadToDiscipline", "MayLeadToCriminalInvestigation", "MayLeadToLawsuit", "RecordedAt", "RecordedBy", "Finding", "FindingAt",
                "FindingBy", "ActionsTaken", "CreatedAt", "UpdatedAt", "Version")
            SELECT p."Id", p."AgencyId", p."Id", 'Other', p."OfficerId", NULL, {B(false)}, {B(true)}, {B(false)}, {B(false)}, p."OpenedAt",
                'carried over', NULL, p."ResolvedAt", CASE WHEN p."ResolvedAt" IS NULL THEN NULL ELSE 'carried over' END, p."Resolution",
                p."CreatedAt", p."UpdatedAt", 1
            FROM "PendingAllegations" p
            """);
        m.Sql("""
            INSERT INTO "ComplaintReferrals" ("Id", "AgencyId", "ComplaintId", "To", "ReferredAt", "Reference", "Note", "RecordedBy", "CreatedAt", "UpdatedAt")
            SELECT p."Id", p."AgencyId", p."Id", 'JointInvestigation', p."OpenedAt", p."Reference",
                'Carried over from a pending allegation recorded by hand: either side may record its finding.', 'carried over', p."CreatedAt", p."UpdatedAt"
            FROM "PendingAllegations" p
            """);
        m.Sql("""
            INSERT INTO "ComplaintEvents" ("Id", "AgencyId", "ComplaintId", "At", "Kind", "Text", "ActorName")
            SELECT p."Id", p."AgencyId", p."Id", p."OpenedAt", 'carried_over',
                'Carried over from the pending allegation ' || p."Reference" || ' recorded by hand before complaints were kept here.', 'carried over'
            FROM "PendingAllegations" p
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "PendingAllegations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: false),
                Reference = table.Column<string>(nullable: false),
                OpenedAt = table.Column<DateTime>(nullable: false),
                ResolvedAt = table.Column<DateTime>(nullable: true),
                Resolution = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PendingAllegations", x => x.Id);
                table.ForeignKey("FK_PendingAllegations_Officers_OfficerId", x => x.OfficerId, "Officers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_PendingAllegations_OfficerId", "PendingAllegations", "OfficerId");
        foreach (var table in new[] { "ComplaintEvents", "ComplaintReferrals", "ComplaintAllegations", "Complaints" }) migrationBuilder.DropTable(table);
    }
}

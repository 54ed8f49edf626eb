using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 15: inspections of every agreement, their checklists, findings with corrective actions, and the agencies' poster attestations.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261214000000_Inspections")]
public sealed class Inspections : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Inspections",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                AgreementId = table.Column<Guid>(nullable: false),
                Model = table.Column<string>(nullable: false),
                DueOn = table.Column<DateOnly>(nullable: false),
                CycleMonths = table.Column<int>(nullable: false),
                Status = table.Column<string>(nullable: false),
                ScheduledBy = table.Column<string>(nullable: false),
                StartedAt = table.Column<DateTime>(nullable: true),
                Inspector = table.Column<string>(nullable: true),
                PeriodFrom = table.Column<DateOnly>(nullable: true),
                PeriodTo = table.Column<DateOnly>(nullable: true),
                Cooperation = table.Column<string>(nullable: true),
                CooperationNote = table.Column<string>(nullable: true),
                ReportedAt = table.Column<DateTime>(nullable: true),
                Summary = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Inspections", x => x.Id);
                table.ForeignKey("FK_Inspections_Agreements_AgreementId", x => x.AgreementId, "Agreements", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Inspections_AgreementId_Status", "Inspections", ["AgreementId", "Status"]);
        migrationBuilder.CreateIndex("IX_Inspections_Status_DueOn", "Inspections", ["Status", "DueOn"]);

        migrationBuilder.CreateTable(
            name: "InspectionItems",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                InspectionId = table.Column<Guid>(nullable: false),
                Order = table.Column<int>(nullable: false),
                Code = table.Column<string>(nullable: false),
                Title = table.Column<string>(nullable: false),
                Source = table.Column<string>(nullable: false),
                Evidence = table.Column<string>(nullable: false),
                Suggested = table.Column<string>(nullable: true),
                Result = table.Column<string>(nullable: true),
                Note = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InspectionItems", x => x.Id);
                table.ForeignKey("FK_InspectionItems_Inspections_InspectionId", x => x.InspectionId, "Inspections", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_InspectionItems_InspectionId_Order", "InspectionItems", ["InspectionId", "Order"]);

        migrationBuilder.CreateTable(
            name: "InspectionFindings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                InspectionId = table.Column<Guid>(nullable: false),
                ItemCode = table.Column<string>(nullable: true),
                Severity = table.Column<string>(nullable: false),
                Description = table.Column<string>(nullable: false),
                CorrectiveAction = table.Column<string>(nullable: false),
                Owner = table.Column<string>(nullable: false),
                DueOn = table.Column<DateOnly>(nullable: false),
                RecordedAt = table.Column<DateTime>(nullable: false),
                RecordedBy = table.Column<string>(nullable: false),
                Proof = table.Column<string>(nullable: true),
                ProofAt = table.Column<DateTime>(nullable: true),
                ProofBy = table.Column<string>(nullable: true),
                ClosedAt = table.Column<DateTime>(nullable: true),
                ClosedBy = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InspectionFindings", x => x.Id);
                table.ForeignKey("FK_InspectionFindings_Inspections_InspectionId", x => x.InspectionId, "Inspections", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_InspectionFindings_InspectionId", "InspectionFindings", "InspectionId");
        migrationBuilder.CreateIndex("IX_InspectionFindings_ClosedAt_DueOn", "InspectionFindings", ["ClosedAt", "DueOn"]);

        migrationBuilder.CreateTable(
            name: "PosterAttestations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Facility = table.Column<string>(nullable: false),
                Languages = table.Column<string>(nullable: false),
                AttestedAt = table.Column<DateTime>(nullable: false),
                AttestedBy = table.Column<string>(nullable: false),
                Note = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PosterAttestations", x => x.Id);
                table.ForeignKey("FK_PosterAttestations_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_PosterAttestations_AgencyId_AttestedAt", "PosterAttestations", ["AgencyId", "AttestedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "PosterAttestations", "InspectionFindings", "InspectionItems", "Inspections" }) migrationBuilder.DropTable(table);
    }
}

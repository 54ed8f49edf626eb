using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Encounters with their events, detainers, citizenship claims, corrections, and critical incidents (issue 5).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203000000_Encounters")]
public sealed class Encounters : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Encounters",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Number = table.Column<string>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                AgreementId = table.Column<Guid>(nullable: false),
                Model = table.Column<string>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: false),
                OfficerUserId = table.Column<Guid>(nullable: false),
                OccurredAt = table.Column<DateTime>(nullable: false),
                RecordedAt = table.Column<DateTime>(nullable: false),
                LateReason = table.Column<string>(nullable: true),
                Location = table.Column<string>(nullable: false),
                Planned = table.Column<bool>(nullable: false),
                DeconflictionReference = table.Column<string>(nullable: true),
                DeconflictedAt = table.Column<DateTime>(nullable: true),
                BasisKind = table.Column<string>(nullable: false),
                BookingNumber = table.Column<string>(nullable: true),
                Charges = table.Column<string>(nullable: true),
                ArrestedAt = table.Column<DateTime>(nullable: true),
                BookedAt = table.Column<DateTime>(nullable: true),
                StopKind = table.Column<string>(nullable: true),
                Offense = table.Column<string>(nullable: true),
                Jurisdiction = table.Column<string>(nullable: true),
                WarrantForm = table.Column<string>(nullable: true),
                WarrantNumber = table.Column<string>(nullable: true),
                WarrantSignedBy = table.Column<string>(nullable: true),
                WarrantSignedOn = table.Column<DateOnly>(nullable: true),
                NameProtected = table.Column<string>(nullable: true),
                DateOfBirthProtected = table.Column<string>(nullable: true),
                FbiNumberProtected = table.Column<string>(nullable: true),
                ANumberProtected = table.Column<string>(nullable: true),
                NameDobHash = table.Column<string>(nullable: true),
                FbiNumberHash = table.Column<string>(nullable: true),
                ANumberHash = table.Column<string>(nullable: true),
                PerceivedRaces = table.Column<string>(nullable: false),
                PerceivedGender = table.Column<string>(nullable: false),
                PerceivedAge = table.Column<int>(nullable: false),
                LimitedEnglish = table.Column<bool>(nullable: false),
                PerceivedDisabilities = table.Column<string>(nullable: false),
                InterpreterNeeded = table.Column<bool>(nullable: false),
                InterpreterLanguage = table.Column<string>(nullable: true),
                ScheduledReleaseAt = table.Column<DateTime>(nullable: true),
                ClosedAt = table.Column<DateTime>(nullable: true),
                Outcome = table.Column<string>(nullable: true),
                UsCitizenConfirmed = table.Column<bool>(nullable: false),
                HoldWarnedAt = table.Column<DateTime>(nullable: true),
                OverdetentionAt = table.Column<DateTime>(nullable: true),
                Corrections = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Encounters", x => x.Id);
                table.ForeignKey("FK_Encounters_Agreements_AgreementId", x => x.AgreementId, "Agreements", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Encounters_Officers_OfficerId", x => x.OfficerId, "Officers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Encounters_Number", "Encounters", "Number", unique: true);
        migrationBuilder.CreateIndex("IX_Encounters_AgencyId_OccurredAt", "Encounters", ["AgencyId", "OccurredAt"]);
        migrationBuilder.CreateIndex("IX_Encounters_AgreementId_OccurredAt", "Encounters", ["AgreementId", "OccurredAt"]);
        migrationBuilder.CreateIndex("IX_Encounters_OfficerUserId_OccurredAt", "Encounters", ["OfficerUserId", "OccurredAt"]);
        migrationBuilder.CreateIndex("IX_Encounters_OfficerId", "Encounters", "OfficerId");
        migrationBuilder.CreateIndex("IX_Encounters_NameDobHash", "Encounters", "NameDobHash");
        migrationBuilder.CreateIndex("IX_Encounters_FbiNumberHash", "Encounters", "FbiNumberHash");
        migrationBuilder.CreateIndex("IX_Encounters_ANumberHash", "Encounters", "ANumberHash");
        migrationBuilder.CreateIndex("IX_Encounters_ClosedAt_ScheduledReleaseAt", "Encounters", ["ClosedAt", "ScheduledReleaseAt"]);

        migrationBuilder.CreateTable(
            name: "EncounterEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                EncounterId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                RecordedAt = table.Column<DateTime>(nullable: false),
                ById = table.Column<Guid>(nullable: false),
                ByName = table.Column<string>(nullable: false),
                Details = table.Column<string>(nullable: false),
                LateReason = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EncounterEvents", x => x.Id);
                table.ForeignKey("FK_EncounterEvents_Encounters_EncounterId", x => x.EncounterId, "Encounters", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_EncounterEvents_EncounterId_At", "EncounterEvents", ["EncounterId", "At"]);
        migrationBuilder.CreateIndex("IX_EncounterEvents_AgencyId_Kind_At", "EncounterEvents", ["AgencyId", "Kind", "At"]);

        migrationBuilder.CreateTable(
            name: "Detainers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                EncounterId = table.Column<Guid>(nullable: false),
                Status = table.Column<string>(nullable: false),
                ProbableCause = table.Column<string>(nullable: false),
                WarrantForm = table.Column<string>(nullable: false),
                WarrantNumber = table.Column<string>(nullable: false),
                WarrantSignedBy = table.Column<string>(nullable: false),
                WarrantSignedOn = table.Column<DateOnly>(nullable: false),
                RequestedById = table.Column<Guid>(nullable: false),
                RequestedAt = table.Column<DateTime>(nullable: false),
                QueuedAt = table.Column<DateTime>(nullable: false),
                ReviewedById = table.Column<Guid>(nullable: true),
                ReviewedByName = table.Column<string>(nullable: true),
                ReviewedAt = table.Column<DateTime>(nullable: true),
                ReviewNote = table.Column<string>(nullable: true),
                Answer = table.Column<string>(nullable: true),
                IssuedAt = table.Column<DateTime>(nullable: true),
                TransmittedAt = table.Column<DateTime>(nullable: true),
                Returns = table.Column<int>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Detainers", x => x.Id);
                table.ForeignKey("FK_Detainers_Encounters_EncounterId", x => x.EncounterId, "Encounters", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Detainers_EncounterId", "Detainers", "EncounterId");
        migrationBuilder.CreateIndex("IX_Detainers_Status_QueuedAt", "Detainers", ["Status", "QueuedAt"]);
        migrationBuilder.CreateIndex("IX_Detainers_AgencyId", "Detainers", "AgencyId");

        migrationBuilder.CreateTable(
            name: "CitizenshipClaims",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                EncounterId = table.Column<Guid>(nullable: false),
                ClaimedAt = table.Column<DateTime>(nullable: false),
                Statement = table.Column<string>(nullable: false),
                ReportedAt = table.Column<DateTime>(nullable: true),
                ReportedTo = table.Column<string>(nullable: true),
                ResolvedAt = table.Column<DateTime>(nullable: true),
                Outcome = table.Column<string>(nullable: true),
                Explanation = table.Column<string>(nullable: true),
                ResolvedByName = table.Column<string>(nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CitizenshipClaims", x => x.Id);
                table.ForeignKey("FK_CitizenshipClaims_Encounters_EncounterId", x => x.EncounterId, "Encounters", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_CitizenshipClaims_EncounterId", "CitizenshipClaims", "EncounterId");
        migrationBuilder.CreateIndex("IX_CitizenshipClaims_AgencyId_ResolvedAt", "CitizenshipClaims", ["AgencyId", "ResolvedAt"]);

        migrationBuilder.CreateTable(
            name: "EncounterVersions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                EncounterId = table.Column<Guid>(nullable: false),
                Number = table.Column<int>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                ById = table.Column<Guid>(nullable: false),
                ByName = table.Column<string>(nullable: false),
                Explanation = table.Column<string>(nullable: false),
                Changes = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EncounterVersions", x => x.Id);
                table.ForeignKey("FK_EncounterVersions_Encounters_EncounterId", x => x.EncounterId, "Encounters", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_EncounterVersions_EncounterId_Number", "EncounterVersions", ["EncounterId", "Number"], unique: true);

        migrationBuilder.CreateTable(
            name: "Incidents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                EncounterId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                OccurredAt = table.Column<DateTime>(nullable: false),
                DetectedAt = table.Column<DateTime>(nullable: false),
                Description = table.Column<string>(nullable: false),
                ClosedAt = table.Column<DateTime>(nullable: true),
                ClosedByName = table.Column<string>(nullable: true),
                Resolution = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Incidents", x => x.Id);
                table.ForeignKey("FK_Incidents_Encounters_EncounterId", x => x.EncounterId, "Encounters", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Incidents_AgencyId_ClosedAt", "Incidents", ["AgencyId", "ClosedAt"]);
        migrationBuilder.CreateIndex("IX_Incidents_EncounterId_Kind", "Incidents", ["EncounterId", "Kind"], unique: true);
        migrationBuilder.CreateIndex("IX_Incidents_Kind_OccurredAt", "Incidents", ["Kind", "OccurredAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "Incidents", "EncounterVersions", "CitizenshipClaims", "Detainers", "EncounterEvents", "Encounters" }) migrationBuilder.DropTable(table);
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>
/// Issue 12, the obligations the agreements impose that nothing tracked: ICE's signature of Notices to Appear and Forms I-213,
/// the interpreter offer and the agency's interpreter list, how local charges stood at a task force transfer, the officer's
/// conditions of authority (ICE systems access, security clearance, detention duty), the warrant service candidate's written
/// authorization for disciplinary records, the 90-day notice of an officer leaving, and ICE's requests for task force
/// statistics. Existing records keep their history: nothing is invented for them (an offer not asked then stays unknown).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206000000_MissingObligations")]
public sealed class MissingObligations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>("InterpreterOffered", "Encounters", nullable: true);
        migrationBuilder.AddColumn<string>("LocalCharges", "Encounters", nullable: true);
        migrationBuilder.AddColumn<DateOnly>("SeparationNoticeOn", "Officers", nullable: true);
        migrationBuilder.AddColumn<string>("SeparationShortNotice", "Officers", nullable: true);
        migrationBuilder.AddColumn<DateTime>("RecordsAccessRequestedAt", "Nominations", nullable: true);
        migrationBuilder.AddColumn<DateOnly>("RecordsAuthorizationSignedOn", "Nominations", nullable: true);

        migrationBuilder.CreateTable(
            name: "OfficerConditions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                Held = table.Column<bool>(nullable: false),
                From = table.Column<DateTime>(nullable: false),
                Reason = table.Column<string>(nullable: false),
                ByName = table.Column<string>(nullable: false),
                RecordedAt = table.Column<DateTime>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OfficerConditions", x => x.Id);
                table.ForeignKey("FK_OfficerConditions_Officers_OfficerId", x => x.OfficerId, "Officers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_OfficerConditions_OfficerId_Kind_From", "OfficerConditions", ["OfficerId", "Kind", "From"]);

        migrationBuilder.CreateTable(
            name: "ChargingDocuments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                EncounterId = table.Column<Guid>(nullable: false),
                Form = table.Column<string>(nullable: false),
                Reference = table.Column<string>(nullable: false),
                Category = table.Column<string>(nullable: true),
                PreparedById = table.Column<Guid>(nullable: false),
                PreparedByName = table.Column<string>(nullable: false),
                PreparedAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<string>(nullable: false),
                ReviewedById = table.Column<Guid>(nullable: true),
                ReviewedByName = table.Column<string>(nullable: true),
                ReviewedAt = table.Column<DateTime>(nullable: true),
                ReviewNote = table.Column<string>(nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ChargingDocuments", x => x.Id);
                table.ForeignKey("FK_ChargingDocuments_Encounters_EncounterId", x => x.EncounterId, "Encounters", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ChargingDocuments_EncounterId", "ChargingDocuments", "EncounterId");
        migrationBuilder.CreateIndex("IX_ChargingDocuments_Status_PreparedAt", "ChargingDocuments", ["Status", "PreparedAt"]);
        migrationBuilder.CreateIndex("IX_ChargingDocuments_AgencyId", "ChargingDocuments", "AgencyId");

        migrationBuilder.CreateTable(
            name: "AgencyInterpreters",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Languages = table.Column<string>(nullable: false),
                Company = table.Column<bool>(nullable: false),
                Qualification = table.Column<string>(nullable: false),
                AddedAt = table.Column<DateTime>(nullable: false),
                AddedByName = table.Column<string>(nullable: false),
                RemovedAt = table.Column<DateTime>(nullable: true),
                RemovedByName = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AgencyInterpreters", x => x.Id);
                table.ForeignKey("FK_AgencyInterpreters_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_AgencyInterpreters_AgencyId_RemovedAt", "AgencyInterpreters", ["AgencyId", "RemovedAt"]);

        migrationBuilder.CreateTable(
            name: "StatisticsRequests",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                AgreementId = table.Column<Guid>(nullable: false),
                Measures = table.Column<string>(nullable: false),
                PeriodFrom = table.Column<DateOnly>(nullable: false),
                PeriodTo = table.Column<DateOnly>(nullable: false),
                DueOn = table.Column<DateOnly>(nullable: false),
                Note = table.Column<string>(nullable: false),
                RequestedAt = table.Column<DateTime>(nullable: false),
                RequestedByName = table.Column<string>(nullable: false),
                AnsweredAt = table.Column<DateTime>(nullable: true),
                AnsweredByName = table.Column<string>(nullable: true),
                Answer = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StatisticsRequests", x => x.Id);
                table.ForeignKey("FK_StatisticsRequests_Agreements_AgreementId", x => x.AgreementId, "Agreements", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_StatisticsRequests_AgreementId_RequestedAt", "StatisticsRequests", ["AgreementId", "RequestedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "StatisticsRequests", "AgencyInterpreters", "ChargingDocuments", "OfficerConditions" }) migrationBuilder.DropTable(table);
        migrationBuilder.DropColumn("RecordsAuthorizationSignedOn", "Nominations");
        migrationBuilder.DropColumn("RecordsAccessRequestedAt", "Nominations");
        migrationBuilder.DropColumn("SeparationShortNotice", "Officers");
        migrationBuilder.DropColumn("SeparationNoticeOn", "Officers");
        migrationBuilder.DropColumn("LocalCharges", "Encounters");
        migrationBuilder.DropColumn("InterpreterOffered", "Encounters");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 15: steering committee and review meetings, and their action items.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261216000000_Meetings")]
public sealed class Meetings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Meetings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                AgreementId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                HeldOn = table.Column<DateOnly>(nullable: false),
                Agenda = table.Column<string>(nullable: false),
                IceAttendees = table.Column<string>(nullable: false),
                AgencyAttendees = table.Column<string>(nullable: false),
                CommunityAttendees = table.Column<string>(nullable: false),
                Minutes = table.Column<string>(nullable: false),
                RecordedBy = table.Column<string>(nullable: false),
                PublicSummary = table.Column<string>(nullable: true),
                SummaryApprovedAt = table.Column<DateTime>(nullable: true),
                SummaryApprovedBy = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Meetings", x => x.Id);
                table.ForeignKey("FK_Meetings_Agreements_AgreementId", x => x.AgreementId, "Agreements", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Meetings_AgreementId_HeldOn", "Meetings", ["AgreementId", "HeldOn"]);
        migrationBuilder.CreateIndex("IX_Meetings_AgencyId_SummaryApprovedAt", "Meetings", ["AgencyId", "SummaryApprovedAt"]);

        migrationBuilder.CreateTable(
            name: "MeetingActions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                MeetingId = table.Column<Guid>(nullable: false),
                Recommendation = table.Column<string>(nullable: false),
                Side = table.Column<string>(nullable: false),
                Owner = table.Column<string>(nullable: false),
                DueOn = table.Column<DateOnly>(nullable: false),
                DoneAt = table.Column<DateTime>(nullable: true),
                DoneNote = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MeetingActions", x => x.Id);
                table.ForeignKey("FK_MeetingActions_Meetings_MeetingId", x => x.MeetingId, "Meetings", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_MeetingActions_MeetingId", "MeetingActions", "MeetingId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("MeetingActions");
        migrationBuilder.DropTable("Meetings");
    }
}

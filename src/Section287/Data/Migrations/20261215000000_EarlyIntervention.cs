using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 15: early-intervention policies and their alerts.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261215000000_EarlyIntervention")]
public sealed class EarlyIntervention : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "InterventionPolicies",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Indicator = table.Column<string>(nullable: false),
                Model = table.Column<string>(nullable: true),
                PeriodMonths = table.Column<int>(nullable: false),
                WarningAt = table.Column<int>(nullable: false),
                CriticalAt = table.Column<int>(nullable: false),
                PeerPercentile = table.Column<int>(nullable: true),
                Active = table.Column<bool>(nullable: false),
                SetBy = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_InterventionPolicies", x => x.Id));
        migrationBuilder.CreateIndex("IX_InterventionPolicies_Active", "InterventionPolicies", "Active");

        migrationBuilder.CreateTable(
            name: "EarlyAlerts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: false),
                PolicyId = table.Column<Guid>(nullable: false),
                Model = table.Column<string>(nullable: false),
                Level = table.Column<string>(nullable: false),
                Value = table.Column<int>(nullable: false),
                Percentile = table.Column<int>(nullable: false),
                Peers = table.Column<int>(nullable: false),
                RaisedAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<string>(nullable: false),
                Reviewer = table.Column<string>(nullable: true),
                ReviewStartedAt = table.Column<DateTime>(nullable: true),
                Outcome = table.Column<string>(nullable: true),
                OutcomeNote = table.Column<string>(nullable: true),
                ClosedAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EarlyAlerts", x => x.Id);
                table.ForeignKey("FK_EarlyAlerts_Officers_OfficerId", x => x.OfficerId, "Officers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_EarlyAlerts_InterventionPolicies_PolicyId", x => x.PolicyId, "InterventionPolicies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_EarlyAlerts_PolicyId_Status", "EarlyAlerts", ["PolicyId", "Status"]);
        migrationBuilder.CreateIndex("IX_EarlyAlerts_Status_RaisedAt", "EarlyAlerts", ["Status", "RaisedAt"]);
        migrationBuilder.CreateIndex("IX_EarlyAlerts_OfficerId", "EarlyAlerts", "OfficerId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("EarlyAlerts");
        migrationBuilder.DropTable("InterventionPolicies");
    }
}

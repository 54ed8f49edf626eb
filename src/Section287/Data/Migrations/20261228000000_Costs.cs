using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 19: each agreement's costs per quarter, entered by the agency, and the reimbursement claim ICE reviews and pays.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261228000000_Costs")]
public sealed class Costs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "QuarterCosts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                AgreementId = table.Column<Guid>(nullable: false),
                Year = table.Column<int>(nullable: false),
                Quarter = table.Column<int>(nullable: false),
                Status = table.Column<string>(nullable: false),
                Claimable = table.Column<bool>(nullable: false),
                TrainingCost = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
                EquipmentCost = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
                LeadsProvided = table.Column<int>(nullable: false),
                LeadsLocated = table.Column<int>(nullable: false),
                Note = table.Column<string>(nullable: false),
                OpenedByName = table.Column<string>(nullable: false),
                SubmittedAt = table.Column<DateTime>(nullable: true),
                SubmittedByName = table.Column<string>(nullable: true),
                GrossCost = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
                ClaimSalaryBenefits = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
                ClaimOvertime = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
                ClaimAward = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
                ClaimTotal = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
                ReturnedAt = table.Column<DateTime>(nullable: true),
                ReturnReason = table.Column<string>(nullable: true),
                ApprovedAt = table.Column<DateTime>(nullable: true),
                ApprovedById = table.Column<Guid>(nullable: true),
                ApprovedByName = table.Column<string>(nullable: true),
                ApprovedAmount = table.Column<decimal>(precision: 14, scale: 2, nullable: true),
                PaidAt = table.Column<DateTime>(nullable: true),
                PaidById = table.Column<Guid>(nullable: true),
                PaidByName = table.Column<string>(nullable: true),
                PaidAmount = table.Column<decimal>(precision: 14, scale: 2, nullable: true),
                PaymentReference = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_QuarterCosts", x => x.Id));
        migrationBuilder.CreateIndex("IX_QuarterCosts_AgreementId_Year_Quarter", "QuarterCosts", ["AgreementId", "Year", "Quarter"], unique: true);
        migrationBuilder.CreateIndex("IX_QuarterCosts_AgencyId_Year_Quarter", "QuarterCosts", ["AgencyId", "Year", "Quarter"]);
        migrationBuilder.CreateIndex("IX_QuarterCosts_Status", "QuarterCosts", "Status");

        migrationBuilder.CreateTable(
            name: "QuarterCostLines",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                QuarterCostId = table.Column<Guid>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: false),
                Hours = table.Column<decimal>(precision: 8, scale: 2, nullable: false),
                AnnualSalary = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
                AnnualBenefits = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
                Overtime = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
                EligibleDays = table.Column<int>(nullable: false),
                EligibleOnLastDay = table.Column<bool>(nullable: false),
                PersonnelCost = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
                ClaimSalaryBenefits = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
                ClaimOvertime = table.Column<decimal>(precision: 14, scale: 2, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_QuarterCostLines", x => x.Id);
                table.ForeignKey("FK_QuarterCostLines_QuarterCosts_QuarterCostId", x => x.QuarterCostId, "QuarterCosts", "Id",
                    onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_QuarterCostLines_QuarterCostId_OfficerId", "QuarterCostLines", ["QuarterCostId", "OfficerId"], unique: true);
        migrationBuilder.CreateIndex("IX_QuarterCostLines_OfficerId", "QuarterCostLines", "OfficerId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("QuarterCostLines");
        migrationBuilder.DropTable("QuarterCosts");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 18: release requests, published figures (frozen per quarter) and their publications, the figures' public version, and ICE's list files as published.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261225000000_Transparency")]
public sealed class Transparency : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ReleaseRequests",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                Reason = table.Column<string>(nullable: false),
                RequestedBy = table.Column<string>(nullable: false),
                RequestedAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<string>(nullable: false),
                PublicAffairsBy = table.Column<string>(nullable: true),
                PublicAffairsAt = table.Column<DateTime>(nullable: true),
                PrivacyBy = table.Column<string>(nullable: true),
                PrivacyAt = table.Column<DateTime>(nullable: true),
                DeclinedBy = table.Column<string>(nullable: true),
                DeclinedAt = table.Column<DateTime>(nullable: true),
                DeclineReason = table.Column<string>(nullable: true),
                ApprovedAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ReleaseRequests", x => x.Id));
        migrationBuilder.CreateIndex("IX_ReleaseRequests_Kind_Status", "ReleaseRequests", ["Kind", "Status"]);
        migrationBuilder.CreateIndex("IX_ReleaseRequests_RequestedAt", "ReleaseRequests", "RequestedAt");

        migrationBuilder.CreateTable(
            name: "PublishedFigures",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                Quarter = table.Column<string>(nullable: false),
                Area = table.Column<string>(nullable: false),
                Level = table.Column<string>(nullable: false),
                State = table.Column<string>(nullable: false),
                Part = table.Column<string>(nullable: false),
                Value = table.Column<int>(nullable: true),
                ReleaseId = table.Column<Guid>(nullable: false),
                PublishedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_PublishedFigures", x => x.Id));
        migrationBuilder.CreateIndex("IX_PublishedFigures_Kind_Quarter_Level_Area_Part", "PublishedFigures", ["Kind", "Quarter", "Level", "Area", "Part"], unique: true);
        migrationBuilder.CreateIndex("IX_PublishedFigures_Level_State_Quarter", "PublishedFigures", ["Level", "State", "Quarter"]);
        migrationBuilder.CreateIndex("IX_PublishedFigures_Area_Quarter", "PublishedFigures", ["Area", "Quarter"]);

        migrationBuilder.CreateTable(
            name: "FigurePublications",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                Quarter = table.Column<string>(nullable: false),
                ReleaseId = table.Column<Guid>(nullable: false),
                PublishedAt = table.Column<DateTime>(nullable: false),
                Cells = table.Column<int>(nullable: false),
                Suppressed = table.Column<int>(nullable: false),
                K = table.Column<int>(nullable: false),
                Sha256 = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_FigurePublications", x => x.Id));
        migrationBuilder.CreateIndex("IX_FigurePublications_Kind_Quarter", "FigurePublications", ["Kind", "Quarter"], unique: true);
        migrationBuilder.CreateTable(
            name: "IceListOriginals",
            columns: table => new
            {
                SnapshotId = table.Column<Guid>(nullable: false),
                Content = table.Column<byte[]>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IceListOriginals", x => x.SnapshotId);
                table.ForeignKey("FK_IceListOriginals_IceListSnapshots_SnapshotId", x => x.SnapshotId, "IceListSnapshots", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.Sql($"""INSERT INTO "PublicVersions" ("Name", "Version") VALUES ('{PublicVersions.Figures}', 1)""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""DELETE FROM "PublicVersions" WHERE "Name" = '{PublicVersions.Figures}'""");
        migrationBuilder.DropTable("IceListOriginals");
        migrationBuilder.DropTable("FigurePublications");
        migrationBuilder.DropTable("PublishedFigures");
        migrationBuilder.DropTable("ReleaseRequests");
    }
}

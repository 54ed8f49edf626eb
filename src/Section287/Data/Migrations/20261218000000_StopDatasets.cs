using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 16: imported stop data (OPP's schema) for the disparity tests.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261218000000_StopDatasets")]
public sealed class StopDatasets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "StopDatasets",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: true),
                Format = table.Column<string>(nullable: false),
                FileName = table.Column<string>(nullable: false),
                Sha256 = table.Column<string>(nullable: false),
                City = table.Column<string>(nullable: false),
                State = table.Column<string>(nullable: false),
                CenterLat = table.Column<double>(nullable: false),
                CenterLng = table.Column<double>(nullable: false),
                TimeZone = table.Column<string>(nullable: false),
                Benchmark = table.Column<string>(nullable: true),
                Header = table.Column<string>(nullable: false),
                Rows = table.Column<long>(nullable: false),
                Stops = table.Column<long>(nullable: false),
                FirstDate = table.Column<DateOnly>(nullable: true),
                LastDate = table.Column<DateOnly>(nullable: true),
                Report = table.Column<string>(nullable: false),
                Revision = table.Column<int>(nullable: false),
                ImportedAt = table.Column<DateTime>(nullable: false),
                ImportedBy = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StopDatasets", x => x.Id);
                table.ForeignKey("FK_StopDatasets_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_StopDatasets_AgencyId_Name", "StopDatasets", ["AgencyId", "Name"]);

        // One B-tree in SQLite (WITHOUT ROWID: the key is the table), so a million-row import writes each row once, not a row and
        // an index entry; PostgreSQL keeps its heap and primary key.
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql("""
                CREATE TABLE "StopRecords" (
                    "DatasetId" TEXT NOT NULL,
                    "Line" INTEGER NOT NULL,
                    "Date" TEXT NULL,
                    "Race" TEXT NULL,
                    "Weight" INTEGER NOT NULL,
                    "Record" TEXT NOT NULL,
                    CONSTRAINT "PK_StopRecords" PRIMARY KEY ("DatasetId", "Line"),
                    CONSTRAINT "FK_StopRecords_StopDatasets_DatasetId" FOREIGN KEY ("DatasetId") REFERENCES "StopDatasets" ("Id") ON DELETE RESTRICT
                ) WITHOUT ROWID;
                """);
            return;
        }
        migrationBuilder.CreateTable(
            name: "StopRecords",
            columns: table => new
            {
                DatasetId = table.Column<Guid>(nullable: false),
                Line = table.Column<long>(nullable: false),
                Date = table.Column<DateOnly>(nullable: true),
                Race = table.Column<string>(nullable: true),
                Weight = table.Column<int>(nullable: false),
                Record = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StopRecords", x => new { x.DatasetId, x.Line });
                table.ForeignKey("FK_StopRecords_StopDatasets_DatasetId", x => x.DatasetId, "StopDatasets", "Id", onDelete: ReferentialAction.Restrict);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("StopRecords");
        migrationBuilder.DropTable("StopDatasets");
    }
}

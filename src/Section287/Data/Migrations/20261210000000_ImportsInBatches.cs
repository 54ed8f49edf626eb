using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>Issue 14, items 3 and 6: imports written in batches (finished or interrupted) and undoable.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261210000000_ImportsInBatches")]
public sealed class ImportsInBatches : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>(name: "CompletedAt", table: "IceListSnapshots", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "UndoneAt", table: "IceListSnapshots", nullable: true);
        migrationBuilder.AddColumn<string>(name: "UndoneBy", table: "IceListSnapshots", nullable: true);
        migrationBuilder.AddColumn<string>(name: "UndoReason", table: "IceListSnapshots", nullable: true);
        // Every import before this one was a single transaction: finished when it was saved.
        migrationBuilder.Sql("UPDATE \"IceListSnapshots\" SET \"CompletedAt\" = \"ImportedAt\"");

        migrationBuilder.CreateTable(
            name: "IceListUndoRecords",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                SnapshotId = table.Column<Guid>(nullable: false),
                EntityType = table.Column<string>(nullable: false),
                EntityId = table.Column<Guid>(nullable: false),
                Added = table.Column<bool>(nullable: false),
                Before = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_IceListUndoRecords", x => x.Id));
        migrationBuilder.CreateIndex("IX_IceListUndoRecords_SnapshotId", "IceListUndoRecords", "SnapshotId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("IceListUndoRecords");
        migrationBuilder.DropColumn("CompletedAt", "IceListSnapshots");
        migrationBuilder.DropColumn("UndoneAt", "IceListSnapshots");
        migrationBuilder.DropColumn("UndoneBy", "IceListSnapshots");
        migrationBuilder.DropColumn("UndoReason", "IceListSnapshots");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Section287.Data.Migrations;

/// <summary>
/// Written by hand, for both providers: columns are given by CLR type and each provider picks its store
/// type, as it does for the model. The schema test on each provider proves the result equals the model.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Agencies",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false),
                NameKey = table.Column<string>(nullable: false),
                State = table.Column<string>(nullable: false),
                Type = table.Column<string>(nullable: false),
                CountyName = table.Column<string>(nullable: true),
                CountyFips = table.Column<string>(nullable: true),
                Ori = table.Column<string>(nullable: true),
                AorCode = table.Column<string>(nullable: true),
                PopulationServed = table.Column<int>(nullable: true),
                SwornOfficers = table.Column<int>(nullable: true),
                IsDemo = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Agencies", x => x.Id));
        migrationBuilder.CreateIndex("IX_Agencies_AorCode", "Agencies", "AorCode");
        migrationBuilder.CreateIndex("IX_Agencies_NameKey", "Agencies", "NameKey");
        migrationBuilder.CreateIndex("IX_Agencies_State_NameKey", "Agencies", ["State", "NameKey"], unique: true);
        migrationBuilder.CreateIndex("IX_Agencies_Type", "Agencies", "Type");

        migrationBuilder.CreateTable(
            name: "AgencyContacts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Title = table.Column<string>(nullable: false),
                Email = table.Column<string>(nullable: false),
                Phone = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AgencyContacts", x => x.Id);
                table.ForeignKey("FK_AgencyContacts_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_AgencyContacts_AgencyId", "AgencyContacts", "AgencyId");

        migrationBuilder.CreateTable(
            name: "Agreements",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Model = table.Column<string>(nullable: false),
                Status = table.Column<string>(nullable: false),
                SignedOn = table.Column<DateOnly>(nullable: true),
                MoaUrl = table.Column<string>(nullable: true),
                AddendumUrl = table.Column<string>(nullable: true),
                Source = table.Column<string>(nullable: false),
                FirstListedOn = table.Column<DateOnly>(nullable: true),
                LastListedOn = table.Column<DateOnly>(nullable: true),
                RemovedOn = table.Column<DateOnly>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Agreements", x => x.Id);
                table.ForeignKey("FK_Agreements_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Agreements_AgencyId_Model", "Agreements", ["AgencyId", "Model"]);
        migrationBuilder.CreateIndex("IX_Agreements_Status_Model", "Agreements", ["Status", "Model"]);

        migrationBuilder.CreateTable(
            name: "AgreementChanges",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgreementId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                EffectiveOn = table.Column<DateOnly>(nullable: false),
                RecordedAt = table.Column<DateTime>(nullable: false),
                SnapshotId = table.Column<Guid>(nullable: true),
                Details = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AgreementChanges", x => x.Id);
                table.ForeignKey("FK_AgreementChanges_Agreements_AgreementId", x => x.AgreementId, "Agreements", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_AgreementChanges_AgreementId_RecordedAt", "AgreementChanges", ["AgreementId", "RecordedAt"]);

        migrationBuilder.CreateTable(
            name: "PendingListings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Model = table.Column<string>(nullable: false),
                FirstListedOn = table.Column<DateOnly>(nullable: false),
                LastListedOn = table.Column<DateOnly>(nullable: false),
                RemovedOn = table.Column<DateOnly>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PendingListings", x => x.Id);
                table.ForeignKey("FK_PendingListings_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_PendingListings_AgencyId_Model", "PendingListings", ["AgencyId", "Model"], unique: true);

        migrationBuilder.CreateTable(
            name: "IceListSnapshots",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                AsOf = table.Column<DateOnly>(nullable: false),
                FileName = table.Column<string>(nullable: false),
                Sha256 = table.Column<string>(nullable: false),
                ImportedAt = table.Column<DateTime>(nullable: false),
                ImportedBy = table.Column<string>(nullable: false),
                Rows = table.Column<int>(nullable: false),
                Added = table.Column<int>(nullable: false),
                Updated = table.Column<int>(nullable: false),
                Removed = table.Column<int>(nullable: false),
                Unchanged = table.Column<int>(nullable: false),
                Flagged = table.Column<int>(nullable: false),
                Rejected = table.Column<int>(nullable: false),
                Duplicates = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_IceListSnapshots", x => x.Id));
        migrationBuilder.CreateIndex("IX_IceListSnapshots_Kind_AsOf", "IceListSnapshots", ["Kind", "AsOf"]);

        migrationBuilder.CreateTable(
            name: "DataQualityFlags",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                SnapshotId = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: true),
                AgreementId = table.Column<Guid>(nullable: true),
                RowNumber = table.Column<int>(nullable: false),
                Field = table.Column<string>(nullable: false),
                Code = table.Column<string>(nullable: false),
                RawValue = table.Column<string>(nullable: true),
                Message = table.Column<string>(nullable: false),
                RawRow = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_DataQualityFlags", x => x.Id));
        migrationBuilder.CreateIndex("IX_DataQualityFlags_AgencyId", "DataQualityFlags", "AgencyId");
        migrationBuilder.CreateIndex("IX_DataQualityFlags_AgreementId", "DataQualityFlags", "AgreementId");
        migrationBuilder.CreateIndex("IX_DataQualityFlags_SnapshotId", "DataQualityFlags", "SnapshotId");

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Sequence = table.Column<long>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                ActorId = table.Column<string>(nullable: false),
                ActorName = table.Column<string>(nullable: false),
                Action = table.Column<string>(nullable: false),
                Change = table.Column<string>(nullable: false),
                EntityType = table.Column<string>(nullable: false),
                EntityId = table.Column<string>(nullable: false),
                Summary = table.Column<string>(nullable: false),
                Reason = table.Column<string>(nullable: false),
                CorrelationId = table.Column<string>(nullable: false),
                PreviousHash = table.Column<string>(nullable: false),
                Hash = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Sequence));
        migrationBuilder.CreateIndex("IX_AuditEntries_EntityType_EntityId", "AuditEntries", ["EntityType", "EntityId"]);

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DisplayName = table.Column<string>(maxLength: 200, nullable: false),
                Role = table.Column<string>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: true),
                AorCode = table.Column<string>(maxLength: 3, nullable: true),
                IsDemo = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UserName = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(maxLength: 256, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(nullable: false),
                PasswordHash = table.Column<string>(nullable: true),
                SecurityStamp = table.Column<string>(nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
                PhoneNumber = table.Column<string>(nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AspNetUsers", x => x.Id));
        migrationBuilder.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        migrationBuilder.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        migrationBuilder.CreateIndex("IX_AspNetUsers_AgencyId", "AspNetUsers", "AgencyId");

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<Guid>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(nullable: false),
                ProviderKey = table.Column<string>(nullable: false),
                ProviderDisplayName = table.Column<string>(nullable: true),
                UserId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<Guid>(nullable: false),
                LoginProvider = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[]
                 {
                     "AspNetUserTokens", "AspNetUserLogins", "AspNetUserClaims", "AspNetUsers", "AuditEntries", "DataQualityFlags",
                     "IceListSnapshots", "PendingListings", "AgreementChanges", "Agreements", "AgencyContacts", "Agencies",
                 })
        {
            migrationBuilder.DropTable(table);
        }
    }
}

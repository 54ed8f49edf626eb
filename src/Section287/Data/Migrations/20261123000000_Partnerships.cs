using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>
/// Applications with their engagement, review and public comment; agreement versions and signatures;
/// deadlines and notifications (issue 3). Written by hand for both providers, like the first migration.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123000000_Partnerships")]
public sealed class Partnerships : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>("ApplicationId", "Agreements", nullable: true);
        migrationBuilder.AddColumn<DateOnly>("ActivatedOn", "Agreements", nullable: true);
        migrationBuilder.AddColumn<int>("CurrentVersion", "Agreements", nullable: true);
        migrationBuilder.CreateIndex("IX_Agreements_ApplicationId", "Agreements", "ApplicationId");

        migrationBuilder.CreateTable(
            name: "AgreementVersions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgreementId = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Number = table.Column<int>(nullable: false),
                Status = table.Column<string>(nullable: false),
                Summary = table.Column<string>(nullable: false),
                SectionsJson = table.Column<string>(nullable: false),
                ChangesJson = table.Column<string>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: false),
                CreatedByName = table.Column<string>(nullable: false),
                AgencySignatoryName = table.Column<string>(nullable: true),
                AgencySignatoryTitle = table.Column<string>(nullable: true),
                AgencySignatureRecordedById = table.Column<Guid>(nullable: true),
                AgencySignedAt = table.Column<DateTime>(nullable: true),
                IceSignatoryName = table.Column<string>(nullable: true),
                IceSignatoryTitle = table.Column<string>(nullable: true),
                IceSignedById = table.Column<Guid>(nullable: true),
                IceSignedAt = table.Column<DateTime>(nullable: true),
                EffectiveOn = table.Column<DateOnly>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AgreementVersions", x => x.Id);
                table.ForeignKey("FK_AgreementVersions_Agreements_AgreementId", x => x.AgreementId, "Agreements", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_AgreementVersions_AgreementId_Number", "AgreementVersions", ["AgreementId", "Number"], unique: true);
        migrationBuilder.CreateIndex("IX_AgreementVersions_AgencyId", "AgreementVersions", "AgencyId");

        migrationBuilder.CreateTable(
            name: "Applications",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Status = table.Column<string>(nullable: false),
                StaffAvailable = table.Column<int>(nullable: true),
                JailBeds = table.Column<int>(nullable: true),
                DailyBookings = table.Column<int>(nullable: true),
                HasItConnectivity = table.Column<bool>(nullable: true),
                EquipmentSite = table.Column<string>(nullable: true),
                BudgetDollars = table.Column<decimal>(precision: 14, scale: 2, nullable: true),
                BudgetNotes = table.Column<string>(nullable: true),
                LegalReviewDone = table.Column<bool>(nullable: true),
                LegalReviewNotes = table.Column<string>(nullable: true),
                Objectives = table.Column<string>(nullable: true),
                Priorities = table.Column<string>(nullable: true),
                CommentOpensOn = table.Column<DateOnly>(nullable: true),
                CommentClosesOn = table.Column<DateOnly>(nullable: true),
                SubmittedAt = table.Column<DateTime>(nullable: true),
                ReviewerId = table.Column<Guid>(nullable: true),
                ReviewerName = table.Column<string>(nullable: true),
                ProposedOutcome = table.Column<string>(nullable: true),
                Rationale = table.Column<string>(nullable: true),
                PreparedById = table.Column<Guid>(nullable: true),
                PreparedByName = table.Column<string>(nullable: true),
                PreparedAt = table.Column<DateTime>(nullable: true),
                DecidedById = table.Column<Guid>(nullable: true),
                DecidedByName = table.Column<string>(nullable: true),
                DecidedAt = table.Column<DateTime>(nullable: true),
                WithdrawalReason = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Applications", x => x.Id);
                table.ForeignKey("FK_Applications_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Applications_AgencyId_Status", "Applications", ["AgencyId", "Status"]);
        migrationBuilder.CreateIndex("IX_Applications_Status_CommentClosesOn", "Applications", ["Status", "CommentClosesOn"]);
        migrationBuilder.CreateIndex("IX_Applications_UpdatedAt", "Applications", "UpdatedAt");

        migrationBuilder.CreateTable(
            name: "RequestedModels",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ApplicationId = table.Column<Guid>(nullable: false),
                Model = table.Column<string>(nullable: false),
                Officers = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RequestedModels", x => x.Id);
                table.ForeignKey("FK_RequestedModels_Applications_ApplicationId", x => x.ApplicationId, "Applications", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_RequestedModels_ApplicationId_Model", "RequestedModels", ["ApplicationId", "Model"], unique: true);

        migrationBuilder.CreateTable(
            name: "EngagementMeetings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ApplicationId = table.Column<Guid>(nullable: false),
                HeldOn = table.Column<DateOnly>(nullable: false),
                Audience = table.Column<string>(nullable: false),
                Attendance = table.Column<int>(nullable: false),
                Summary = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EngagementMeetings", x => x.Id);
                table.ForeignKey("FK_EngagementMeetings_Applications_ApplicationId", x => x.ApplicationId, "Applications", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_EngagementMeetings_ApplicationId", "EngagementMeetings", "ApplicationId");

        migrationBuilder.CreateTable(
            name: "ReviewChecks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ApplicationId = table.Column<Guid>(nullable: false),
                Item = table.Column<string>(nullable: false),
                Satisfied = table.Column<bool>(nullable: true),
                Note = table.Column<string>(nullable: true),
                CheckedById = table.Column<Guid>(nullable: true),
                CheckedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReviewChecks", x => x.Id);
                table.ForeignKey("FK_ReviewChecks_Applications_ApplicationId", x => x.ApplicationId, "Applications", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ReviewChecks_ApplicationId_Item", "ReviewChecks", ["ApplicationId", "Item"], unique: true);

        migrationBuilder.CreateTable(
            name: "InformationRequests",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ApplicationId = table.Column<Guid>(nullable: false),
                Questions = table.Column<string>(nullable: false),
                AskedById = table.Column<Guid>(nullable: false),
                AskedByName = table.Column<string>(nullable: false),
                AskedAt = table.Column<DateTime>(nullable: false),
                Answer = table.Column<string>(nullable: true),
                AnsweredById = table.Column<Guid>(nullable: true),
                AnsweredByName = table.Column<string>(nullable: true),
                AnsweredAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InformationRequests", x => x.Id);
                table.ForeignKey("FK_InformationRequests_Applications_ApplicationId", x => x.ApplicationId, "Applications", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_InformationRequests_ApplicationId", "InformationRequests", "ApplicationId");

        migrationBuilder.CreateTable(
            name: "Attachments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                ApplicationId = table.Column<Guid>(nullable: false),
                FileName = table.Column<string>(nullable: false),
                ContentType = table.Column<string>(nullable: false),
                Length = table.Column<long>(nullable: false),
                Sha256 = table.Column<string>(nullable: false),
                Description = table.Column<string>(nullable: true),
                UploadedById = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Attachments", x => x.Id);
                table.ForeignKey("FK_Attachments_Applications_ApplicationId", x => x.ApplicationId, "Applications", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Attachments_ApplicationId", "Attachments", "ApplicationId");

        migrationBuilder.CreateTable(
            name: "AttachmentContents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Bytes = table.Column<byte[]>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AttachmentContents", x => x.Id);
                table.ForeignKey("FK_AttachmentContents_Attachments_Id", x => x.Id, "Attachments", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "PublicComments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                ApplicationId = table.Column<Guid>(nullable: false),
                Language = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: true),
                Body = table.Column<string>(nullable: false),
                Status = table.Column<string>(nullable: false),
                ModeratedById = table.Column<Guid>(nullable: true),
                ModeratedAt = table.Column<DateTime>(nullable: true),
                ModerationReason = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PublicComments", x => x.Id);
                table.ForeignKey("FK_PublicComments_Applications_ApplicationId", x => x.ApplicationId, "Applications", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_PublicComments_ApplicationId_Status", "PublicComments", ["ApplicationId", "Status"]);
        migrationBuilder.CreateIndex("IX_PublicComments_Status_CreatedAt", "PublicComments", ["Status", "CreatedAt"]);

        migrationBuilder.CreateTable(
            name: "Deadlines",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                SubjectType = table.Column<string>(nullable: false),
                SubjectId = table.Column<Guid>(nullable: false),
                SubjectLabel = table.Column<string>(nullable: false),
                Rule = table.Column<string>(nullable: false),
                WaitsOn = table.Column<string>(nullable: false),
                AssigneeId = table.Column<Guid>(nullable: true),
                StartedAt = table.Column<DateTime>(nullable: false),
                DueAt = table.Column<DateTime>(nullable: false),
                WarnAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<string>(nullable: false),
                ClosedAt = table.Column<DateTime>(nullable: true),
                WarnedAt = table.Column<DateTime>(nullable: true),
                OverdueAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Deadlines", x => x.Id));
        migrationBuilder.CreateIndex("IX_Deadlines_Status_DueAt", "Deadlines", ["Status", "DueAt"]);
        migrationBuilder.CreateIndex("IX_Deadlines_Status_WarnAt", "Deadlines", ["Status", "WarnAt"]);
        migrationBuilder.CreateIndex("IX_Deadlines_SubjectId", "Deadlines", "SubjectId");
        migrationBuilder.CreateIndex("IX_Deadlines_AssigneeId_Status", "Deadlines", ["AssigneeId", "Status"]);
        migrationBuilder.CreateIndex("IX_Deadlines_AgencyId", "Deadlines", "AgencyId");

        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                Text = table.Column<string>(nullable: false),
                Link = table.Column<string>(nullable: false),
                ReadAt = table.Column<DateTime>(nullable: true),
                EmailStatus = table.Column<string>(nullable: false),
                EmailAttempts = table.Column<int>(nullable: false),
                EmailedAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Notifications", x => x.Id));
        migrationBuilder.CreateIndex("IX_Notifications_UserId_CreatedAt", "Notifications", ["UserId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_Notifications_EmailStatus_CreatedAt", "Notifications", ["EmailStatus", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "Notifications", "Deadlines", "PublicComments", "AttachmentContents", "Attachments", "InformationRequests", "ReviewChecks", "EngagementMeetings", "RequestedModels", "Applications", "AgreementVersions" })
            migrationBuilder.DropTable(table);
        migrationBuilder.DropIndex("IX_Agreements_ApplicationId", "Agreements");
        migrationBuilder.DropColumn("CurrentVersion", "Agreements");
        migrationBuilder.DropColumn("ActivatedOn", "Agreements");
        migrationBuilder.DropColumn("ApplicationId", "Agreements");
    }
}

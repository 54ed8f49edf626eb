using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Section287.Data.Migrations;

/// <summary>
/// Officers, their nominations and vetting, the training catalog, classes, enrollments, exams and certificates,
/// authorizations with their suspensions, pending allegations, the authority watch, officer history and the log of
/// reads of person data (issue 4). Written by hand for both providers, like the migrations before it.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201000000_Officers")]
public sealed class Officers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Officers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                FullName = table.Column<string>(maxLength: 200, nullable: false),
                BadgeNumber = table.Column<string>(maxLength: 50, nullable: false),
                Rank = table.Column<string>(maxLength: 100, nullable: false),
                HiredOn = table.Column<DateOnly>(nullable: false),
                ExperienceYears = table.Column<decimal>(precision: 4, scale: 1, nullable: false),
                CitizenshipAttested = table.Column<bool>(nullable: false),
                DetentionTrained = table.Column<bool>(nullable: false),
                HasDisciplinaryRecord = table.Column<bool>(nullable: false),
                ForceAllegation = table.Column<bool>(nullable: false),
                DiscriminationAllegation = table.Column<bool>(nullable: false),
                DisciplinaryDetailsProtected = table.Column<string>(nullable: true),
                UserId = table.Column<Guid>(nullable: true),
                SeparatedAt = table.Column<DateTime>(nullable: true),
                Separation = table.Column<string>(nullable: true),
                SeparationReason = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Officers", x => x.Id);
                table.ForeignKey("FK_Officers_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Officers_AgencyId_BadgeNumber", "Officers", ["AgencyId", "BadgeNumber"], unique: true);
        migrationBuilder.CreateIndex("IX_Officers_AgencyId_FullName", "Officers", ["AgencyId", "FullName"]);
        migrationBuilder.CreateIndex("IX_Officers_UserId", "Officers", "UserId");

        migrationBuilder.CreateTable(
            name: "Nominations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                AgreementId = table.Column<Guid>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: false),
                Model = table.Column<string>(nullable: false),
                NominatedAt = table.Column<DateTime>(nullable: false),
                NominatedById = table.Column<Guid>(nullable: false),
                Background = table.Column<string>(nullable: false),
                BackgroundRequestedAt = table.Column<DateTime>(nullable: true),
                BackgroundDecidedAt = table.Column<DateTime>(nullable: true),
                BackgroundReasonProtected = table.Column<string>(nullable: true),
                EndedAt = table.Column<DateTime>(nullable: true),
                EndReason = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Nominations", x => x.Id);
                table.ForeignKey("FK_Nominations_Officers_OfficerId", x => x.OfficerId, "Officers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Nominations_Agreements_AgreementId", x => x.AgreementId, "Agreements", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Nominations_AgreementId_OfficerId", "Nominations", ["AgreementId", "OfficerId"]);
        migrationBuilder.CreateIndex("IX_Nominations_OfficerId", "Nominations", "OfficerId");
        migrationBuilder.CreateIndex("IX_Nominations_AgencyId_Background", "Nominations", ["AgencyId", "Background"]);

        migrationBuilder.CreateTable(
            name: "Courses",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Code = table.Column<string>(nullable: false),
                Model = table.Column<string>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                Title = table.Column<string>(nullable: false),
                Hours = table.Column<decimal>(precision: 6, scale: 1, nullable: false),
                TopicsJson = table.Column<string>(nullable: false),
                PassPercent = table.Column<int>(nullable: false),
                MakeUps = table.Column<int>(nullable: false),
                MakeUpScope = table.Column<string>(nullable: false),
                RefresherMonths = table.Column<int>(nullable: false),
                ReminderDays = table.Column<int>(nullable: false),
                Active = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Courses", x => x.Id));
        migrationBuilder.CreateIndex("IX_Courses_Code", "Courses", "Code", unique: true);
        migrationBuilder.CreateIndex("IX_Courses_Model_Kind", "Courses", ["Model", "Kind"]);

        migrationBuilder.CreateTable(
            name: "CourseExams",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CourseId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(nullable: false),
                Title = table.Column<string>(nullable: false),
                IsFinal = table.Column<bool>(nullable: false),
                Order = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CourseExams", x => x.Id);
                table.ForeignKey("FK_CourseExams_Courses_CourseId", x => x.CourseId, "Courses", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_CourseExams_CourseId_Key", "CourseExams", ["CourseId", "Key"], unique: true);

        migrationBuilder.CreateTable(
            name: "TrainingClasses",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CourseId = table.Column<Guid>(nullable: false),
                StartsOn = table.Column<DateOnly>(nullable: false),
                EndsOn = table.Column<DateOnly>(nullable: false),
                Delivery = table.Column<string>(nullable: false),
                Location = table.Column<string>(nullable: false),
                Capacity = table.Column<int>(nullable: false),
                Instructor = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TrainingClasses", x => x.Id);
                table.ForeignKey("FK_TrainingClasses_Courses_CourseId", x => x.CourseId, "Courses", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_TrainingClasses_CourseId_StartsOn", "TrainingClasses", ["CourseId", "StartsOn"]);
        migrationBuilder.CreateIndex("IX_TrainingClasses_StartsOn", "TrainingClasses", "StartsOn");

        migrationBuilder.CreateTable(
            name: "Enrollments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                ClassId = table.Column<Guid>(nullable: false),
                CourseId = table.Column<Guid>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: false),
                Model = table.Column<string>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                NominationId = table.Column<Guid>(nullable: true),
                Status = table.Column<string>(nullable: false),
                AttendanceHours = table.Column<decimal>(precision: 6, scale: 1, nullable: false),
                EndedAt = table.Column<DateTime>(nullable: true),
                EndReason = table.Column<string>(nullable: true),
                CertificateId = table.Column<Guid>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Enrollments", x => x.Id);
                table.ForeignKey("FK_Enrollments_TrainingClasses_ClassId", x => x.ClassId, "TrainingClasses", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Enrollments_Officers_OfficerId", x => x.OfficerId, "Officers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Enrollments_ClassId_Status", "Enrollments", ["ClassId", "Status"]);
        migrationBuilder.CreateIndex("IX_Enrollments_OfficerId_CourseId", "Enrollments", ["OfficerId", "CourseId"]);
        migrationBuilder.CreateIndex("IX_Enrollments_AgencyId", "Enrollments", "AgencyId");

        migrationBuilder.CreateTable(
            name: "ExamAttempts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                EnrollmentId = table.Column<Guid>(nullable: false),
                ExamKey = table.Column<string>(nullable: false),
                Attempt = table.Column<int>(nullable: false),
                ScorePercent = table.Column<decimal>(precision: 5, scale: 2, nullable: false),
                Passed = table.Column<bool>(nullable: false),
                RecordedAt = table.Column<DateTime>(nullable: false),
                RecordedById = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ExamAttempts", x => x.Id);
                table.ForeignKey("FK_ExamAttempts_Enrollments_EnrollmentId", x => x.EnrollmentId, "Enrollments", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ExamAttempts_EnrollmentId_ExamKey_Attempt", "ExamAttempts", ["EnrollmentId", "ExamKey", "Attempt"], unique: true);

        migrationBuilder.CreateTable(
            name: "Certificates",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Number = table.Column<string>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: false),
                Model = table.Column<string>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                CourseId = table.Column<Guid>(nullable: false),
                EnrollmentId = table.Column<Guid>(nullable: true),
                OfficerName = table.Column<string>(nullable: false),
                BadgeNumber = table.Column<string>(nullable: false),
                CourseTitle = table.Column<string>(nullable: false),
                Hours = table.Column<decimal>(precision: 6, scale: 1, nullable: false),
                CompletedOn = table.Column<DateOnly>(nullable: false),
                IssuedAt = table.Column<DateTime>(nullable: false),
                IssuedById = table.Column<Guid>(nullable: false),
                IssuedByName = table.Column<string>(nullable: false),
                ExpiresOn = table.Column<DateOnly>(nullable: false),
                SupersedesId = table.Column<Guid>(nullable: true),
                CorrectionReason = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Certificates", x => x.Id);
                table.ForeignKey("FK_Certificates_Officers_OfficerId", x => x.OfficerId, "Officers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Certificates_Number", "Certificates", "Number", unique: true);
        migrationBuilder.CreateIndex("IX_Certificates_OfficerId_Model", "Certificates", ["OfficerId", "Model"]);
        migrationBuilder.CreateIndex("IX_Certificates_AgencyId_Model", "Certificates", ["AgencyId", "Model"]);
        migrationBuilder.CreateIndex("IX_Certificates_SupersedesId", "Certificates", "SupersedesId");

        migrationBuilder.CreateTable(
            name: "Authorizations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: false),
                AgreementId = table.Column<Guid>(nullable: false),
                NominationId = table.Column<Guid>(nullable: false),
                Model = table.Column<string>(nullable: false),
                LetterNumber = table.Column<string>(nullable: false),
                CredentialNumber = table.Column<string>(nullable: false),
                SignatoryName = table.Column<string>(nullable: false),
                SignatoryTitle = table.Column<string>(nullable: false),
                SignedById = table.Column<Guid>(nullable: false),
                StartsAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: true),
                RevokedAt = table.Column<DateTime>(nullable: true),
                RevokedBy = table.Column<string>(nullable: true),
                RevocationReason = table.Column<string>(nullable: true),
                CredentialsReturnedAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Authorizations", x => x.Id);
                table.ForeignKey("FK_Authorizations_Officers_OfficerId", x => x.OfficerId, "Officers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Authorizations_Nominations_NominationId", x => x.NominationId, "Nominations", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Authorizations_CredentialNumber", "Authorizations", "CredentialNumber", unique: true);
        migrationBuilder.CreateIndex("IX_Authorizations_LetterNumber", "Authorizations", "LetterNumber", unique: true);
        migrationBuilder.CreateIndex("IX_Authorizations_OfficerId_AgreementId", "Authorizations", ["OfficerId", "AgreementId"]);
        migrationBuilder.CreateIndex("IX_Authorizations_AgencyId_Model", "Authorizations", ["AgencyId", "Model"]);
        migrationBuilder.CreateIndex("IX_Authorizations_AgreementId", "Authorizations", "AgreementId");
        migrationBuilder.CreateIndex("IX_Authorizations_NominationId", "Authorizations", "NominationId");

        migrationBuilder.CreateTable(
            name: "AuthorizationSuspensions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AuthorizationId = table.Column<Guid>(nullable: false),
                From = table.Column<DateTime>(nullable: false),
                LiftedAt = table.Column<DateTime>(nullable: true),
                By = table.Column<string>(nullable: false),
                Reason = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuthorizationSuspensions", x => x.Id);
                table.ForeignKey("FK_AuthorizationSuspensions_Authorizations_AuthorizationId", x => x.AuthorizationId, "Authorizations", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_AuthorizationSuspensions_AuthorizationId", "AuthorizationSuspensions", "AuthorizationId");

        migrationBuilder.CreateTable(
            name: "PendingAllegations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: false),
                Reference = table.Column<string>(nullable: false),
                OpenedAt = table.Column<DateTime>(nullable: false),
                ResolvedAt = table.Column<DateTime>(nullable: true),
                Resolution = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PendingAllegations", x => x.Id);
                table.ForeignKey("FK_PendingAllegations_Officers_OfficerId", x => x.OfficerId, "Officers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_PendingAllegations_OfficerId", "PendingAllegations", "OfficerId");

        migrationBuilder.CreateTable(
            name: "OfficerEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: false),
                AgreementId = table.Column<Guid>(nullable: true),
                Kind = table.Column<string>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Text = table.Column<string>(nullable: false),
                ActorName = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_OfficerEvents", x => x.Id));
        migrationBuilder.CreateIndex("IX_OfficerEvents_OfficerId_At", "OfficerEvents", ["OfficerId", "At"]);

        migrationBuilder.CreateTable(
            name: "AuthorityStates",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                OfficerId = table.Column<Guid>(nullable: false),
                AgreementId = table.Column<Guid>(nullable: false),
                Granted = table.Column<bool>(nullable: false),
                Reasons = table.Column<string>(nullable: false),
                ChangedAt = table.Column<DateTime>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuthorityStates", x => x.Id));
        migrationBuilder.CreateIndex("IX_AuthorityStates_OfficerId_AgreementId", "AuthorityStates", ["OfficerId", "AgreementId"], unique: true);
        migrationBuilder.CreateIndex("IX_AuthorityStates_AgencyId", "AuthorityStates", "AgencyId");

        migrationBuilder.CreateTable(
            name: "PersonDataReads",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                ReaderId = table.Column<string>(nullable: false),
                ReaderName = table.Column<string>(nullable: false),
                SubjectType = table.Column<string>(nullable: false),
                SubjectId = table.Column<Guid>(nullable: false),
                Field = table.Column<string>(nullable: false),
                Purpose = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_PersonDataReads", x => x.Id));
        migrationBuilder.CreateIndex("IX_PersonDataReads_SubjectType_SubjectId", "PersonDataReads", ["SubjectType", "SubjectId"]);
        migrationBuilder.CreateIndex("IX_PersonDataReads_AgencyId_At", "PersonDataReads", ["AgencyId", "At"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[]
        {
            "PersonDataReads", "AuthorityStates", "OfficerEvents", "PendingAllegations", "AuthorizationSuspensions", "Authorizations",
            "Certificates", "ExamAttempts", "Enrollments", "TrainingClasses", "CourseExams", "Courses", "Nominations", "Officers",
        })
        {
            migrationBuilder.DropTable(table);
        }
    }
}

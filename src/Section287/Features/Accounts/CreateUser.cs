using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Audit;

namespace Section287.Features.Accounts;

public sealed record CreateUserInput(string Email, string DisplayName, Role Role, Guid? AgencyId, string? AorCode, string Password, bool IsDemo = false);

/// <summary>Creates an account with one role and the scope that role needs: an agency, an area, or none.</summary>
public sealed class CreateUser(UserManager<AppUser> users, AppDbContext db, ChangeContext change, Data.Reference.ReferenceData reference)
{
    public async Task<Result<Guid>> HandleAsync(CreateUserInput input, CancellationToken ct)
    {
        if (input.Password.Length < 12) return AccountErrors.PasswordTooShort;
        if (input.Role.IsAgencyScoped())
        {
            if (input.AgencyId is not { } agencyId || !await db.Agencies.AnyAsync(a => a.Id == agencyId, ct))
                return AccountErrors.RoleScope("Agency users need --agency with the id of an existing agency.");
        }
        else if (input.AgencyId is not null)
        {
            return AccountErrors.RoleScope("Only agency coordinators and designated officers belong to an agency.");
        }
        if (input.Role == Role.FieldSupervisor && (input.AorCode is null || !reference.FieldOffices.ContainsKey(input.AorCode.ToUpperInvariant())))
            return AccountErrors.RoleScope("A field supervisor needs --aor with an area of responsibility code (ATL, DAL, MIA, ...).");
        if (input.Role != Role.FieldSupervisor && input.AorCode is not null)
            return AccountErrors.RoleScope("Only field supervisors are scoped to an area of responsibility.");

        change.For("user.create", $"Created a {input.Role.Code()} account");
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = input.Email.Trim(),
            Email = input.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = input.DisplayName.Trim(),
            Role = input.Role,
            AgencyId = input.AgencyId,
            AorCode = input.AorCode?.ToUpperInvariant(),
            IsDemo = input.IsDemo,
        };
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
        {
            return Error.Invalid("user.invalid", "The account could not be created.",
                created.Errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email")
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }
        return user.Id;
    }
}

using Section287.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Data.Reference;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Audit;

namespace Section287.Features.Agencies;

public sealed record AgencyListItem(Guid Id, string Name, string State, string? AorCode, int ActiveAgreements);

public sealed record ContactView(Guid Id, string Name, string Title, string Email, string? Phone, long Version);

public sealed record AgencyWorkspaceView(Guid Id, string Name, string State, string? AorCode, string? FieldOffice, bool IsDemo,
    IReadOnlyList<ContactView> Contacts,
    IReadOnlyList<AgreementLink> Agreements)
{
    public string TimeZone { get; init; } = UsTimeZones.Default;

    public bool TimeZoneSetByHand { get; init; }

    /// <summary>Where the agency's stops are placed for the disparity tests (never a person's location), and its source.</summary>
    public Data.Reference.GeoPoint? Centre { get; init; }

    public string? CentreSource { get; init; }

    public bool CentreSetByHand { get; init; }

    /// <summary>The agency's reimbursable detention agreement with ICE, if any (jail and warrant service MOAs, Appendix A).</summary>
    public Agreements.DetentionAgreement? DetentionAgreement { get; init; }

    /// <summary>The agency's list of qualified interpreters (MOA section IV.G or XVI), the ones removed last.</summary>
    public IReadOnlyList<InterpreterView> Interpreters { get; init; } = [];

    public long Version { get; init; }
}

/// <summary>The program office's correction of an agency's time zone, against the version it saw; empty goes back to the derived zone.</summary>
public sealed record SetTimeZoneInput(string? TimeZone, long? Version);

/// <summary>The program office's correction of an agency's centre, in degrees, against the version it saw; both empty go back to the atlas.</summary>
public sealed record SetCentreInput(string? Lat, string? Lng, long? Version);

/// <summary>The agency's reimbursable detention agreement; an empty reference clears it.</summary>
public sealed record DetentionAgreementInput(string? Reference, DateOnly? From, DateOnly? Until, long? Version);

public sealed record AgreementLink(Guid Id, string Model, string Status, DateOnly? SignedOn);

/// <summary>The same input record binds the page form and the API body.</summary>
public sealed record AddContactInput
{
    public string? Name { get; init; }
    public string? Title { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
}

/// <summary>A change to a point of contact, made against the version the editor saw.</summary>
public sealed record UpdateContactInput
{
    public string? Name { get; init; }
    public string? Title { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public long? Version { get; init; }
}

/// <summary>
/// The non-public side of an agency: what its staff, its ICE field office and headquarters see. Every
/// query here goes through the context's scope; the handlers never filter by agency themselves.
/// </summary>
public sealed class AgencyWorkspace(AppDbContext db, ChangeContext change, ReferenceData reference)
{
    /// <summary>The orders the agency list offers (each column indexed: State+NameKey, NameKey, AorCode).</summary>
    public static readonly string[] ListOrders = ["name", "state", "office"];

    public async Task<Result<Page<AgencyListItem>>> ListAsync(string? q, int? page, int? pageSize, CancellationToken ct, string order = "state",
        bool descending = false)
    {
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var query = db.AgenciesInScope.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var key = Agency.KeyOf(q);
            query = query.Where(a => a.NameKey.Contains(key));
        }
        var ordered = order switch
        {
            "name" => query.SortBy(a => a.NameKey, descending).ThenBy(a => a.Id),
            "office" => query.SortBy(a => a.AorCode, descending).ThenBy(a => a.NameKey).ThenBy(a => a.Id),
            _ => query.SortBy(a => a.State, descending).ThenBy(a => a.NameKey).ThenBy(a => a.Id),
        };
        return await ordered
            .Select(a => new AgencyListItem(a.Id, a.Name, a.State, a.AorCode, a.Agreements.Count(g => g.Status == Agreements.AgreementStatus.Active)))
            .ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
    }

    public async Task<Result<AgencyWorkspaceView>> GetAsync(Guid id, CancellationToken ct)
    {
        var agency = await db.AgenciesInScope.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null) return AgencyErrors.NotFound;
        var contacts = await db.AgencyContacts.AsNoTracking().Where(c => c.AgencyId == id).OrderBy(c => c.Name)
            .Select(c => new ContactView(c.Id, c.Name, c.Title, c.Email, c.Phone, c.Version)).ToListAsync(ct);
        var agreements = (await db.Agreements.AsNoTracking().Where(g => g.AgencyId == id).OrderBy(g => g.Model).ThenByDescending(g => g.CreatedAt)
            .Select(g => new { g.Id, g.Model, g.Status, g.SignedOn }).ToListAsync(ct))
            .Select(g => new AgreementLink(g.Id, g.Model.Code(), g.Status.Code(), g.SignedOn)).ToList();
        return new AgencyWorkspaceView(agency.Id, agency.Name, agency.State, agency.AorCode,
            agency.AorCode is null ? null : reference.FieldOffices.GetValueOrDefault(agency.AorCode), agency.IsDemo, contacts, agreements)
        {
            TimeZone = agency.TimeZone, TimeZoneSetByHand = agency.TimeZoneSetByHand, Centre = agency.Centre()?.Point, CentreSource = agency.Centre()?.Source,
            CentreSetByHand = agency.CenterLat is not null, Version = agency.Version, DetentionAgreement = agency.DetentionAgreement,
            Interpreters = (await db.AgencyInterpreters.AsNoTracking().Where(i => i.AgencyId == id).ToListAsync(ct))
                .OrderBy(i => i.RemovedAt is not null).ThenBy(i => i.Name).Select(ToView).ToList(),
        };
    }

    /// <summary>
    /// The program office sets the agency's zone (a county split by a zone line, a jail across it); an empty value returns
    /// to the zone derived from state and county. Encounters keep the zone they were opened in.
    /// </summary>
    public async Task<Result<AgencyWorkspaceView>> SetTimeZoneAsync(Guid id, Role role, SetTimeZoneInput input, CancellationToken ct)
    {
        var agency = await db.AgenciesInScope.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null) return AgencyErrors.NotFound;
        if (role != Role.ProgramOffice) return AgencyErrors.TimeZoneProgramOfficeOnly;
        if (input.Version is null) return Error.Invalid("agency.version_required", "Send the version you are changing.",
            new Dictionary<string, string[]> { ["version"] = ["Send the version you are changing."] });
        var derived = string.IsNullOrWhiteSpace(input.TimeZone);
        if (!derived && !UsTimeZones.IsKnown(input.TimeZone!.Trim())) return AgencyErrors.TimeZoneUnknown(input.TimeZone);
        db.Entry(agency).Property(a => a.Version).OriginalValue = input.Version.Value;
        var before = agency.TimeZone;
        agency.TimeZoneSetByHand = !derived;
        if (derived) agency.DeriveTimeZone();
        else agency.TimeZone = input.TimeZone!.Trim();
        change.For("agency.time_zone", $"Time zone of {agency.Name}: {before} to {agency.TimeZone}{(derived ? " (derived from state and county)" : "")}");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// The program office sets the agency's centre (a city department's city rather than its county's centre); both values
    /// empty return to the centre of its county or state from the Census atlas. Analyses read it when they run.
    /// </summary>
    public async Task<Result<AgencyWorkspaceView>> SetCentreAsync(Guid id, Role role, SetCentreInput input, CancellationToken ct)
    {
        var agency = await db.AgenciesInScope.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null) return AgencyErrors.NotFound;
        if (role != Role.ProgramOffice) return AgencyErrors.CentreProgramOfficeOnly;
        if (input.Version is null) return Error.Invalid("agency.version_required", "Send the version you are changing.",
            new Dictionary<string, string[]> { ["version"] = ["Send the version you are changing."] });
        var derived = string.IsNullOrWhiteSpace(input.Lat) && string.IsNullOrWhiteSpace(input.Lng);
        double? lat = null, lng = null;
        if (!derived)
        {
            var errors = new Dictionary<string, string[]>();
            static double? Degrees(string? text, double limit) =>
                double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
                && double.IsFinite(v) && Math.Abs(v) <= limit ? v : null;
            lat = Degrees(input.Lat, 90);
            lng = Degrees(input.Lng, 180);
            if (lat is null) errors["lat"] = ["Give the latitude in degrees, from -90 to 90 (such as 37.7719)."];
            if (lng is null) errors["lng"] = ["Give the longitude in degrees, from -180 to 180 (such as -87.1112)."];
            if (errors.Count > 0) return Error.Invalid("agency.centre_invalid", "The centre needs a latitude and a longitude in degrees.", errors);
        }
        db.Entry(agency).Property(a => a.Version).OriginalValue = input.Version.Value;
        agency.CenterLat = lat;
        agency.CenterLng = lng;
        var now = agency.Centre();
        change.For("agency.centre", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Centre of {agency.Name}: {now?.Point.Lat:0.0000}, {now?.Point.Lng:0.0000} ({now?.Source ?? "none"})"));
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// ICE (the program office, or a field supervisor of the agency's area) records the agency's reimbursable detention
    /// agreement: with one in force, a person in ICE custody may stay in the agency's jail past 48 hours after the transfer.
    /// </summary>
    public async Task<Result<AgencyWorkspaceView>> SetDetentionAgreementAsync(Guid id, Role role, DetentionAgreementInput input, CancellationToken ct)
    {
        var agency = await db.AgenciesInScope.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null) return AgencyErrors.NotFound;
        if (role is not (Role.ProgramOffice or Role.FieldSupervisor)) return AgencyErrors.DetentionAgreementIceOnly;
        if (input.Version is null) return Error.Invalid("agency.version_required", "Send the version you are changing.",
            new Dictionary<string, string[]> { ["version"] = ["Send the version you are changing."] });
        if (agency.RecordDetentionAgreement(input.Reference, input.From, input.Until) is { } invalid) return invalid;
        db.Entry(agency).Property(a => a.Version).OriginalValue = input.Version.Value;
        change.For("agency.detention_agreement", agency.DetentionAgreement is { } d
            ? $"Reimbursable detention agreement of {agency.Name}: {d.Reference}, from {d.From:yyyy-MM-dd}{(d.Until is { } u ? $" until {u:yyyy-MM-dd}" : "")}"
            : $"Reimbursable detention agreement of {agency.Name} cleared");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(id, ct);
    }

    private static InterpreterView ToView(AgencyInterpreter i) => new(i.Id, i.Name, i.Languages, i.Company, i.Qualification, i.AddedAt, i.AddedByName,
        i.RemovedAt, i.RemovedByName);

    /// <summary>The coordinator adds a qualified interpreter, or a company, to the agency's list.</summary>
    public async Task<Result<InterpreterView>> AddInterpreterAsync(Guid agencyId, Actor actor, InterpreterInput input, DateTime now, CancellationToken ct)
    {
        if (!await db.AgenciesInScope.AnyAsync(a => a.Id == agencyId, ct)) return AgencyErrors.NotFound;
        if (actor.Role is not (Role.AgencyCoordinator or Role.ProgramOffice)) return AgencyInterpreter.AgencyKeepsTheList;
        var added = AgencyInterpreter.Add(agencyId, input.Name, input.Languages, input.Company, input.Qualification, actor.Name, now);
        if (!added.IsSuccess) return added.Error!;
        db.AgencyInterpreters.Add(added.Value);
        change.For("agency.interpreter_add", $"Added {added.Value.Name} ({added.Value.Languages}) to the interpreter list");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return ToView(added.Value);
    }

    /// <summary>The coordinator takes an interpreter off the list; the entry stays with its end.</summary>
    public async Task<Result<InterpreterView>> RemoveInterpreterAsync(Guid agencyId, Guid interpreterId, Actor actor, DateTime now, CancellationToken ct)
    {
        if (!await db.AgenciesInScope.AnyAsync(a => a.Id == agencyId, ct)) return AgencyErrors.NotFound;
        var interpreter = await db.AgencyInterpreters.FirstOrDefaultAsync(i => i.Id == interpreterId && i.AgencyId == agencyId, ct);
        if (interpreter is null) return Error.NotFound("agency.interpreter_not_found", "This agency's list has no such interpreter.");
        if (actor.Role is not (Role.AgencyCoordinator or Role.ProgramOffice)) return AgencyInterpreter.AgencyKeepsTheList;
        if (interpreter.Remove(actor.Name, now) is { } refused) return refused;
        change.For("agency.interpreter_remove", $"Removed {interpreter.Name} from the interpreter list");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return ToView(interpreter);
    }

    public async Task<Result<ContactView>> AddContactAsync(Guid agencyId, Role role, AddContactInput input, CancellationToken ct)
    {
        if (!await db.AgenciesInScope.AnyAsync(a => a.Id == agencyId, ct)) return AgencyErrors.NotFound;
        if (role is not (Role.AgencyCoordinator or Role.ProgramOffice)) return AgencyErrors.ContactsReadOnly;

        if (Validate(input.Name, input.Title, input.Email, input.Phone) is { } invalid) return invalid;

        change.For("agency.contact_add", $"Added {input.Name!.Trim()} as a point of contact");
        var contact = new AgencyContact
        {
            AgencyId = agencyId,
            Name = input.Name.Trim(),
            Title = input.Title!.Trim(),
            Email = input.Email!.Trim(),
            Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim(),
        };
        db.AgencyContacts.Add(contact);
        await db.SaveChangesAsync(ct);
        return new ContactView(contact.Id, contact.Name, contact.Title, contact.Email, contact.Phone, contact.Version);
    }

    public async Task<Result<ContactView>> UpdateContactAsync(Guid agencyId, Guid contactId, Role role, UpdateContactInput input, CancellationToken ct)
    {
        if (!await db.AgenciesInScope.AnyAsync(a => a.Id == agencyId, ct)) return AgencyErrors.NotFound;
        var contact = await db.AgencyContacts.FirstOrDefaultAsync(c => c.Id == contactId && c.AgencyId == agencyId, ct);
        if (contact is null) return AgencyErrors.ContactNotFound;
        if (role is not (Role.AgencyCoordinator or Role.ProgramOffice)) return AgencyErrors.ContactsReadOnly;
        if (input.Version is null) return AgencyErrors.ContactInvalid(new Dictionary<string, string[]> { ["version"] = ["Send the version you are changing."] });
        if (Validate(input.Name, input.Title, input.Email, input.Phone) is { } invalid) return invalid;

        // The save is checked against the version the editor saw, not the one just read.
        db.Entry(contact).Property(c => c.Version).OriginalValue = input.Version.Value;
        change.For("agency.contact_update", $"Updated point of contact {contact.Name}");
        contact.Name = input.Name!.Trim();
        contact.Title = input.Title!.Trim();
        contact.Email = input.Email!.Trim();
        contact.Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim();
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return new ContactView(contact.Id, contact.Name, contact.Title, contact.Email, contact.Phone, contact.Version);
    }

    private static Error? Validate(string? name, string? title, string? email, string? phone)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name)) errors["name"] = ["Enter the person's name."];
        else if (name.Length > 200) errors["name"] = ["Keep the name to 200 characters."];
        if (string.IsNullOrWhiteSpace(title)) errors["title"] = ["Enter the person's title."];
        else if (title.Length > 200) errors["title"] = ["Keep the title to 200 characters."];
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _))
            errors["email"] = ["Enter an e-mail address like name@agency.gov."];
        if (phone?.Length > 40) errors["phone"] = ["Keep the phone number to 40 characters."];
        return errors.Count > 0 ? AgencyErrors.ContactInvalid(errors) : null;
    }
}

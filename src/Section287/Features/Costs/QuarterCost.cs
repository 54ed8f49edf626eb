using Section287.Data;

namespace Section287.Features.Costs;

public enum QuarterCostStatus
{
    /// <summary>The agency's coordinator is entering the quarter.</summary>
    Draft,

    /// <summary>Sent to ICE as a reimbursement claim; the program office reviews it.</summary>
    Submitted,

    /// <summary>ICE sent it back with a reason; the coordinator corrects and sends it again.</summary>
    Returned,

    /// <summary>ICE approved the claim's amount; a second person of the program office records the payment.</summary>
    Approved,

    /// <summary>ICE paid the claim.</summary>
    Paid,

    /// <summary>Sent as a record of costs only: no reimbursement is offered for the model or the quarter.</summary>
    Reported,
}

/// <summary>
/// One agreement's costs for one calendar quarter, entered by the agency: each officer's hours in 287(g) duties, salary, benefits and
/// overtime; training and equipment. Where ICE's reimbursement is offered (task force, from 2025-10-01) it is also the quarter's claim,
/// which the program office reviews and a second person of it pays. The amounts are computed when it is sent and kept as sent.
/// </summary>
public sealed class QuarterCost : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid AgreementId { get; init; }

    public int Year { get; init; }

    public int Quarter { get; init; }

    public QuarterCostStatus Status { get; set; }

    /// <summary>Whether ICE's reimbursement is offered for it (set when it is opened, from the agreement's model and the quarter).</summary>
    public bool Claimable { get; init; }

    /// <summary>Training costs the agency bore in the quarter: backfill, travel, housing and per diem ICE did not pay.</summary>
    public decimal TrainingCost { get; set; }

    /// <summary>Equipment and supplies the agency bought for its 287(g) duties in the quarter (restraints, vehicles, supplies).</summary>
    public decimal EquipmentCost { get; set; }

    /// <summary>People ICE asked the agency to locate in the quarter (task force performance award).</summary>
    public int LeadsProvided { get; set; }

    /// <summary>Of those, the people the agency located.</summary>
    public int LeadsLocated { get; set; }

    public string Note { get; set; } = "";

    public List<QuarterCostLine> Lines { get; init; } = [];

    public string OpenedByName { get; init; } = "";

    public DateTime? SubmittedAt { get; set; }

    public string? SubmittedByName { get; set; }

    // Frozen when sent.
    public decimal GrossCost { get; set; }

    public decimal ClaimSalaryBenefits { get; set; }

    public decimal ClaimOvertime { get; set; }

    public decimal ClaimAward { get; set; }

    public decimal ClaimTotal { get; set; }

    public DateTime? ReturnedAt { get; set; }

    public string? ReturnReason { get; set; }

    public DateTime? ApprovedAt { get; set; }

    public Guid? ApprovedById { get; set; }

    public string? ApprovedByName { get; set; }

    public decimal? ApprovedAmount { get; set; }

    public DateTime? PaidAt { get; set; }

    public Guid? PaidById { get; set; }

    public string? PaidByName { get; set; }

    public decimal? PaidAmount { get; set; }

    public string? PaymentReference { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public CostQuarter Period => new(Year, Quarter);

    public bool IsEditable => Status is QuarterCostStatus.Draft or QuarterCostStatus.Returned;

    /// <summary>Sent (whatever ICE did with it since): its amounts are frozen.</summary>
    public bool IsSent => !IsEditable;
}

/// <summary>One officer's quarter: hours in 287(g) duties and pay, as the agency entered them; eligibility and amounts frozen when sent.</summary>
public sealed class QuarterCostLine : IOwnedThrough<QuarterCost>
{
    Guid IOwnedThrough<QuarterCost>.OwnerId => QuarterCostId;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid QuarterCostId { get; init; }

    public Guid OfficerId { get; init; }

    public decimal Hours { get; set; }

    public decimal AnnualSalary { get; set; }

    public decimal AnnualBenefits { get; set; }

    /// <summary>Overtime paid in the quarter for 287(g) duties.</summary>
    public decimal Overtime { get; set; }

    public int EligibleDays { get; set; }

    public bool EligibleOnLastDay { get; set; }

    public decimal PersonnelCost { get; set; }

    public decimal ClaimSalaryBenefits { get; set; }

    public decimal ClaimOvertime { get; set; }
}

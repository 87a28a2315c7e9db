namespace ScsFederation.Gxdch.Compliance;

/// <summary>The credential offers of a GXDCH compliance service (the last URL segment).</summary>
public static class ComplianceLevel
{
    public const string Standard = "standard-compliance";
    public static readonly IReadOnlyList<string> All = [Standard, "label-level-1", "label-level-2", "label-level-3"];
}

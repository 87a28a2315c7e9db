namespace ScsFederation.Mapping;

/// <summary>
/// Evaluating a rule set failed for this assertion. Carries the rule index (0-based, -1 when the
/// failure is not tied to one rule) and the JSON path of the local value involved.
/// </summary>
public sealed class MappingEvaluationException : Exception
{
    public MappingEvaluationException(MappingErrorKind kind, int ruleIndex, string jsonPath, string reason, Exception? inner = null)
        : base($"{kind} at {jsonPath}: {reason}", inner)
    {
        Kind = kind;
        RuleIndex = ruleIndex;
        JsonPath = jsonPath;
        Reason = reason;
    }

    public MappingErrorKind Kind { get; }

    public int RuleIndex { get; }

    public string JsonPath { get; }

    public string Reason { get; }
}

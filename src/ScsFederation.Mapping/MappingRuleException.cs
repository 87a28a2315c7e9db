namespace ScsFederation.Mapping;

/// <summary>
/// A rule set was rejected on load: <see cref="JsonPath"/> points at the offending node
/// (e.g. <c>$.rules[2].remote[0].regex</c>) and <see cref="Reason"/> says what is wrong.
/// </summary>
public sealed class MappingRuleException : Exception
{
    public MappingRuleException(string jsonPath, string reason, Exception? inner = null)
        : base($"{jsonPath}: {reason}", inner)
    {
        JsonPath = jsonPath;
        Reason = reason;
    }

    public string JsonPath { get; }

    public string Reason { get; }
}

namespace ScsFederation.Mapping;

/// <summary>Either a <see cref="MappingResult"/> or "no rule matched" (Keystone's "Could not map any federated user properties").</summary>
public sealed class MappingOutcome
{
    public const string NoMatchMessage =
        "Could not map any federated user properties to identity values. Check debug logs or the mapping used for additional details.";

    private MappingOutcome(MappingResult? result) => Result = result;

    public static MappingOutcome NoMatch { get; } = new(null);

    public MappingResult? Result { get; }

    public bool IsMapped => Result is not null;

    public static MappingOutcome Mapped(MappingResult result) => new(result);
}

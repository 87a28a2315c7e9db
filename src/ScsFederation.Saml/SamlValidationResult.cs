using System.Diagnostics.CodeAnalysis;

namespace ScsFederation.Saml;

/// <summary>Outcome of <see cref="SamlResponseValidator.ValidateAsync"/>: the verified assertion, or the check that refused it.</summary>
public sealed class SamlValidationResult
{
    private SamlValidationResult(SamlAssertionData? assertion, SamlRejectionReason? reason, string? message)
    {
        Assertion = assertion;
        Reason = reason;
        Message = message;
    }

    [MemberNotNullWhen(true, nameof(Assertion))]
    [MemberNotNullWhen(false, nameof(Reason), nameof(Message))]
    public bool Succeeded => Assertion is not null;

    public SamlAssertionData? Assertion { get; }
    public SamlRejectionReason? Reason { get; }
    public string? Message { get; }

    public static SamlValidationResult Success(SamlAssertionData assertion) => new(assertion, null, null);

    public static SamlValidationResult Failure(SamlRejectionReason reason, string message) => new(null, reason, message);

    public override string ToString() => Succeeded ? $"accepted NameID '{Assertion.NameId}'" : $"rejected {Reason}: {Message}";
}

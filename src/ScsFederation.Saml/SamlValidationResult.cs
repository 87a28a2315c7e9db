using System.Diagnostics.CodeAnalysis;

namespace ScsFederation.Saml;

/// <summary>Outcome of <see cref="SamlResponseValidator.ValidateAsync"/>: the verified assertion, or the check that refused it.</summary>
public sealed class SamlValidationResult
{
    private SamlValidationResult(SamlAssertionData? assertion, SamlRejectionReason? reason, string? message, string? diagnostic = null)
    {
        Assertion = assertion;
        Reason = reason;
        Message = message;
        Diagnostic = diagnostic;
    }

    [MemberNotNullWhen(true, nameof(Assertion))]
    [MemberNotNullWhen(false, nameof(Reason), nameof(Message))]
    public bool Succeeded => Assertion is not null;

    public SamlAssertionData? Assertion { get; }
    public SamlRejectionReason? Reason { get; }
    public string? Message { get; }

    /// <summary>For the operator's log only, where <see cref="Message"/> is deliberately generic (decryption failures); null otherwise.</summary>
    public string? Diagnostic { get; }

    public static SamlValidationResult Success(SamlAssertionData assertion) => new(assertion, null, null);

    public static SamlValidationResult Failure(SamlRejectionReason reason, string message, string? diagnostic = null) => new(null, reason, message, diagnostic);

    public override string ToString() => Succeeded ? $"accepted NameID '{Assertion.NameId}'" : $"rejected {Reason}: {Message}";
}

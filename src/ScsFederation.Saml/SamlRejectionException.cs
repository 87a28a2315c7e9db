namespace ScsFederation.Saml;

/// <summary>
/// Thrown by the reading and parsing entry points (metadata, logout messages) when a SAML document is
/// refused; the validator returns the same information as a <see cref="SamlValidationResult"/> instead.
/// </summary>
public sealed class SamlRejectionException : Exception
{
    public SamlRejectionException(SamlRejectionReason reason, string message, Exception? inner = null)
        : base($"{reason}: {message}", inner)
    {
        Reason = reason;
        Detail = message;
    }

    public SamlRejectionReason Reason { get; }

    /// <summary>The human-readable reason without the enum prefix.</summary>
    public string Detail { get; }

    /// <summary>For the operator's log only (never an error page): why a refusal whose <see cref="Detail"/> is deliberately generic happened.</summary>
    public string? Diagnostic { get; init; }
}

namespace ScsFederation.Hub.Upstreams;

/// <summary>Why an upstream login was refused. The code is stable (logs, error pages, tests); the message is for people.</summary>
public sealed class UpstreamLoginException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;

    /// <summary>
    /// What the browser is told. The message itself may carry upstream error bodies and internal URLs (discovery,
    /// token endpoint): those go to the operator's log only, never onto a page an attacker can make the hub render.
    /// </summary>
    public const string PublicMessage = "the identity provider could not complete the sign-in; the hub's operator finds the details in the log under the error code below";
}

using System.Net;

namespace ScsFederation.Provisioning.Keystone;

/// <summary>What the client refused to do with an answer or URL, whatever Keystone (or whoever answers in its place) says.</summary>
public enum KeystoneRefusal
{
    /// <summary>The Keystone URL is plain http to a host that is not loopback: the admin password and token would cross the network in clear.</summary>
    InsecureUrl,
    /// <summary>A <c>links.next</c> (or any absolute URL) points at another origin than the configured Keystone; the admin token is not sent there.</summary>
    ForeignLink,
    /// <summary>The response body is larger than the configured cap.</summary>
    ResponseTooLarge,
}

/// <summary>A refusal by the client itself (not an error Keystone reported); never transient, a retry would get the same answer.</summary>
public sealed class KeystoneRefusedException(string method, string path, HttpStatusCode? statusCode, KeystoneRefusal refusal, string message)
    : KeystoneApiException(method, path, statusCode, message)
{
    public KeystoneRefusal Refusal { get; } = refusal;

    public override bool IsTransient => false;
}

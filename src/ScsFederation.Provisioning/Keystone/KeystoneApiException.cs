using System.Net;

namespace ScsFederation.Provisioning.Keystone;

/// <summary>
/// A Keystone call that failed: carries the HTTP method, the path, the status (null when Keystone could not be
/// reached at all) and Keystone's own error message, so an operator sees which request failed and why.
/// </summary>
public class KeystoneApiException : Exception
{
    public KeystoneApiException(string method, string path, HttpStatusCode? statusCode, string keystoneMessage, Exception? inner = null)
        : base(Describe(method, path, statusCode, keystoneMessage), inner)
    {
        Method = method;
        Path = path;
        StatusCode = statusCode;
        KeystoneMessage = keystoneMessage;
    }

    public string Method { get; }

    public string Path { get; }

    /// <summary>Null when no HTTP response arrived (connection refused, timeout after retries).</summary>
    public HttpStatusCode? StatusCode { get; }

    public string KeystoneMessage { get; }

    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>True when the failure is the server's or the network's, so a later run may succeed.</summary>
    public virtual bool IsTransient => StatusCode is null || (int)StatusCode >= 500 || StatusCode == HttpStatusCode.RequestTimeout;

    private static string Describe(string method, string path, HttpStatusCode? status, string message) =>
        status is null
            ? $"Keystone unreachable: {method} {path}: {message}"
            : $"Keystone answered {(int)status} {status} to {method} {path}: {message}";
}

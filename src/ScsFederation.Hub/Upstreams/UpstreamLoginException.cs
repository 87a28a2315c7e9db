namespace ScsFederation.Hub.Upstreams;

/// <summary>Why an upstream login was refused. The code is stable (logs, error pages, tests); the message is for people.</summary>
public sealed class UpstreamLoginException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}

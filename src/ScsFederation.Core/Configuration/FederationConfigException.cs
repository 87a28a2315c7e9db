namespace ScsFederation.Core.Configuration;

/// <summary>One problem in a federation file: where (a JSON-pointer-like path such as <c>/clients/0/redirectUris/1</c>) and what.</summary>
public sealed record ConfigError(string Path, string Message)
{
    public override string ToString() => $"{(Path.Length == 0 ? "/" : Path)}: {Message}";
}

/// <summary>The federation file cannot be used; <see cref="Errors"/> names every field that is wrong.</summary>
public sealed class FederationConfigException : Exception
{
    public FederationConfigException(string file, IReadOnlyList<ConfigError> errors)
        : base($"Invalid federation file {file}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
    {
        File = file;
        Errors = errors;
    }

    public string File { get; }

    public IReadOnlyList<ConfigError> Errors { get; }
}

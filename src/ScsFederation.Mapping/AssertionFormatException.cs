namespace ScsFederation.Mapping;

/// <summary>An assertion input could not be read; <see cref="Line"/> is 1-based (0 when not line-oriented).</summary>
public sealed class AssertionFormatException : Exception
{
    public AssertionFormatException(int line, string reason)
        : base(line > 0 ? $"line {line}: {reason}" : reason)
    {
        Line = line;
        Reason = reason;
    }

    public int Line { get; }

    public string Reason { get; }
}

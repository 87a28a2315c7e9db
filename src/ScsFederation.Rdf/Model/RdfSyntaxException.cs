namespace ScsFederation.Rdf.Model;

/// <summary>
/// Malformed RDF text (N-Quads, Turtle). Carries the 1-based line and column of the offending
/// character so a user can find it; <see cref="Reason"/> is the message without the position.
/// </summary>
public sealed class RdfSyntaxException : FormatException
{
    public RdfSyntaxException(string format, int line, int column, string reason)
        : base($"{format} syntax error at line {line}, column {column}: {reason}")
    {
        Format = format;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>"N-Quads" or "Turtle".</summary>
    public string Format { get; }

    public int Line { get; }

    public int Column { get; }

    public string Reason { get; }
}

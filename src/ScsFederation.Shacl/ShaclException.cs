namespace ScsFederation.Shacl;

/// <summary>Every error of the SHACL engine; <see cref="Code"/> is stable (callers and the CLI switch on it, never on the message).</summary>
public class ShaclException : Exception
{
    public ShaclException(string code, string message, Exception? inner = null)
        : base(message, inner) => Code = code;

    public string Code { get; }
}

/// <summary>The shapes graph is not well-formed SHACL (a bad path, list, parameter or pattern). Raised while compiling, never while validating.</summary>
public sealed class ShapesGraphException : ShaclException
{
    public ShapesGraphException(string code, string shape, string message, Exception? inner = null)
        : base(code, $"shape {shape}: {message}", inner) => Shape = shape;

    /// <summary>The offending shape node (IRI or _:label) as written in the shapes graph.</summary>
    public string Shape { get; }
}

/// <summary>Stable error codes of <see cref="ShaclException"/>.</summary>
public static class ShaclErrorCodes
{
    /// <summary>sh:path is not an IRI or a well-formed SHACL property path.</summary>
    public const string InvalidPath = "shacl.shape.invalid_path";

    /// <summary>A list-valued parameter (sh:in, sh:or, sh:and, sh:xone, sh:ignoredProperties, sh:languageIn, path lists) is not a well-formed RDF list.</summary>
    public const string InvalidList = "shacl.shape.invalid_list";

    /// <summary>A parameter has a value of the wrong kind (e.g. sh:minCount not an integer, sh:class a literal).</summary>
    public const string InvalidParameter = "shacl.shape.invalid_parameter";

    /// <summary>sh:pattern / sh:flags cannot be translated to a regular expression.</summary>
    public const string InvalidPattern = "shacl.shape.invalid_pattern";

    /// <summary>A parameter that SHACL allows only on property shapes (sh:minCount, sh:maxCount, sh:uniqueLang, sh:qualified…) sits on a node shape.</summary>
    public const string ParameterNotAllowed = "shacl.shape.parameter_not_allowed";

    /// <summary>Validation was cancelled or exceeded the configured work limit.</summary>
    public const string LimitExceeded = "shacl.validation.limit_exceeded";
}

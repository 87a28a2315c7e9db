using ScsFederation.Rdf.Model;
using ScsFederation.Shacl.Paths;

namespace ScsFederation.Shacl.Report;

/// <summary>One sh:ValidationResult (SHACL §3.6.2).</summary>
public sealed record ValidationResult(
    RdfTerm FocusNode,
    PropertyPath? ResultPath,
    RdfTerm? Value,
    RdfTerm SourceShape,
    Iri SourceConstraintComponent,
    Iri Severity,
    IReadOnlyList<Literal> Messages);

/// <summary>A sh:ValidationReport: conforms iff there is no result (of any severity, as SHACL defines it).</summary>
public sealed class ValidationReport(IReadOnlyList<ValidationResult> results)
{
    public bool Conforms => Results.Count == 0;

    public IReadOnlyList<ValidationResult> Results { get; } = results;

    public string ToJson(bool indented = true) => ReportJson.Write(this, indented);

    public string ToTurtle() => ReportTurtle.Write(this);
}

using ScsFederation.Rdf.Model;

namespace ScsFederation.Shacl;

/// <summary>The SHACL (and the few RDFS) IRIs the engine reads and writes, as shared instances.</summary>
public static class Sh
{
    public const string Namespace = "http://www.w3.org/ns/shacl#";
    public const string Rdfs = "http://www.w3.org/2000/01/rdf-schema#";

    private static Iri I(string local) => new(Namespace + local);

    public static readonly Iri RdfsClass = new(Rdfs + "Class");
    public static readonly Iri RdfsSubClassOf = new(Rdfs + "subClassOf");

    public static readonly Iri NodeShape = I("NodeShape"), PropertyShape = I("PropertyShape");
    public static readonly Iri TargetClass = I("targetClass"), TargetNode = I("targetNode"), TargetSubjectsOf = I("targetSubjectsOf"), TargetObjectsOf = I("targetObjectsOf");
    public static readonly Iri Property = I("property"), Path = I("path");
    public static readonly Iri InversePath = I("inversePath"), AlternativePath = I("alternativePath"), ZeroOrMorePath = I("zeroOrMorePath"), OneOrMorePath = I("oneOrMorePath"), ZeroOrOnePath = I("zeroOrOnePath");
    public static readonly Iri Severity = I("severity"), Message = I("message"), Deactivated = I("deactivated");
    public static readonly Iri Violation = I("Violation"), Warning = I("Warning"), Info = I("Info");

    public static readonly Iri Class = I("class"), Datatype = I("datatype"), NodeKind = I("nodeKind");
    public static readonly Iri MinCount = I("minCount"), MaxCount = I("maxCount");
    public static readonly Iri MinInclusive = I("minInclusive"), MaxInclusive = I("maxInclusive"), MinExclusive = I("minExclusive"), MaxExclusive = I("maxExclusive");
    public static readonly Iri MinLength = I("minLength"), MaxLength = I("maxLength"), Pattern = I("pattern"), Flags = I("flags");
    public static readonly Iri LanguageIn = I("languageIn"), UniqueLang = I("uniqueLang");
    public static readonly Iri In = I("in"), HasValue = I("hasValue");
    public static readonly Iri Not = I("not"), And = I("and"), Or = I("or"), Xone = I("xone"), Node = I("node");
    public static readonly Iri QualifiedValueShape = I("qualifiedValueShape"), QualifiedMinCount = I("qualifiedMinCount"), QualifiedMaxCount = I("qualifiedMaxCount"), QualifiedValueShapesDisjoint = I("qualifiedValueShapesDisjoint");
    public static readonly Iri Closed = I("closed"), IgnoredProperties = I("ignoredProperties");
    public static readonly Iri Equals_ = I("equals"), Disjoint = I("disjoint"), LessThan = I("lessThan"), LessThanOrEquals = I("lessThanOrEquals");

    public static readonly Iri BlankNode = I("BlankNode"), IRI = I("IRI"), Literal = I("Literal"), BlankNodeOrIRI = I("BlankNodeOrIRI"), BlankNodeOrLiteral = I("BlankNodeOrLiteral"), IRIOrLiteral = I("IRIOrLiteral");

    public static readonly Iri ValidationReport = I("ValidationReport"), ValidationResult = I("ValidationResult");

    /// <summary>sh:XConstraintComponent for a component's local name.</summary>
    public static Iri Component(string name) => I(name + "ConstraintComponent");
}

namespace ScsFederation.Rdf.Model;

/// <summary>Shared instances of the IRIs every RDF component needs.</summary>
public static class RdfVocabulary
{
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Xsd = "http://www.w3.org/2001/XMLSchema#";

    public static readonly Iri RdfType = new(Rdf + "type");
    public static readonly Iri RdfFirst = new(Rdf + "first");
    public static readonly Iri RdfRest = new(Rdf + "rest");
    public static readonly Iri RdfNil = new(Rdf + "nil");
    public static readonly Iri RdfValue = new(Rdf + "value");
    public static readonly Iri RdfDirection = new(Rdf + "direction");
    public static readonly Iri RdfLanguage = new(Rdf + "language");
    public static readonly Iri RdfLangString = new(Rdf + "langString");
    public static readonly Iri RdfJson = new(Rdf + "JSON");
    public static readonly Iri XsdString = new(Xsd + "string");
    public static readonly Iri XsdBoolean = new(Xsd + "boolean");
    public static readonly Iri XsdInteger = new(Xsd + "integer");
    public static readonly Iri XsdDouble = new(Xsd + "double");
}

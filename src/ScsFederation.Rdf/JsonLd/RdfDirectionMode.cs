namespace ScsFederation.Rdf.JsonLd;

/// <summary>How <c>@direction</c> is represented in RDF (JSON-LD 1.1 API <c>rdfDirection</c> option).</summary>
public enum RdfDirectionMode
{
    /// <summary>Direction is dropped; the literal keeps its language only.</summary>
    None,

    /// <summary>Datatype <c>https://www.w3.org/ns/i18n#{language}_{direction}</c>.</summary>
    I18nDatatype,

    /// <summary>A blank node with <c>rdf:value</c>, <c>rdf:language</c> and <c>rdf:direction</c>.</summary>
    CompoundLiteral,
}

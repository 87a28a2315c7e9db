namespace ScsFederation.Rdf.JsonLd;

/// <summary>The JSON-LD processing mode; 1.0 disables every 1.1 feature and makes its keywords errors.</summary>
public enum JsonLdProcessingMode
{
    JsonLd11,
    JsonLd10,
}

using System.Text.Json.Nodes;

namespace ScsFederation.SelfDescription;

/// <summary>One unsigned credential of a provider's set: its id (also its publication URL) and gx type.</summary>
public sealed record UnsignedCredential(string Id, string GxType, JsonObject Credential);

/// <summary>What the notary is asked for: the registration number credential is the notary's, not ours.</summary>
public sealed record RegistrationNumberRequest(string Kind, string Number, string VcId, string SubjectId);

/// <summary>
/// A provider's Gaia-X credentials before signing: participant (gx:LegalPerson + gx:Address), issuer
/// terms (gx:Issuer), one gx:ServiceOffering per public service endpoint and per Kubernetes cluster,
/// and the registration number to obtain from a notary. <see cref="Notes"/> say what was left out and
/// why (services without a public endpoint, clusters without an API URL).
/// </summary>
public sealed record ProviderCredentialSet(
    string ProviderId, string IssuerDid, string PresentationId,
    IReadOnlyList<UnsignedCredential> Credentials, RegistrationNumberRequest RegistrationNumber, IReadOnlyList<string> Notes)
{
    public IEnumerable<UnsignedCredential> Offerings => Credentials.Where(c => c.GxType == "gx:ServiceOffering");

    /// <summary>
    /// The credential subjects as one JSON-LD graph: what SHACL validates. The credentials' own nodes are
    /// left out on purpose — a VC typed <c>gx:LegalPerson</c> is not itself the legal person, and the
    /// closed Gaia-X shapes would refuse its <c>issuer</c>/<c>validFrom</c>. <paramref name="others"/> adds
    /// subjects issued by others (the notary's registration number) that the provider's subjects refer to.
    /// </summary>
    public JsonObject SubjectGraph(params JsonObject[] others)
    {
        var graph = new JsonArray();
        foreach (var c in Credentials)
            foreach (var subject in c.Credential["credentialSubject"] switch { JsonArray a => a.OfType<JsonObject>(), JsonObject o => [o], _ => [] })
                graph.Add(subject.DeepClone());
        foreach (var o in others) graph.Add(o.DeepClone());
        return new JsonObject { ["@context"] = Credentials[0].Credential["@context"]!.DeepClone(), ["@graph"] = graph };
    }

    public JsonObject ToJson() => new()
    {
        ["provider"] = ProviderId,
        ["issuer"] = IssuerDid,
        ["presentation"] = PresentationId,
        ["registrationNumber"] = new JsonObject
        {
            ["kind"] = RegistrationNumber.Kind, ["number"] = RegistrationNumber.Number,
            ["vcId"] = RegistrationNumber.VcId, ["subjectId"] = RegistrationNumber.SubjectId,
        },
        ["credentials"] = new JsonArray(Credentials.Select(c => (JsonNode?)new JsonObject
        {
            ["id"] = c.Id, ["type"] = c.GxType, ["credential"] = c.Credential.DeepClone(),
        }).ToArray()),
        ["notes"] = new JsonArray(Notes.Select(n => (JsonNode?)n).ToArray()),
    };
}

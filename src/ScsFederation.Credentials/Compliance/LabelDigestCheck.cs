using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Model;

namespace ScsFederation.Credentials.Compliance;

/// <summary>One <c>gx:compliantCredentials</c> entry of a label and whether its digest recomputed.</summary>
public sealed record CompliantCredentialDigest(string? Id, string? Type, string? DigestSri, bool Found, bool Matches);

/// <summary>
/// Recomputes every <c>gx:compliantCredentials[].gx:digestSRI</c> of a <c>gx:LabelCredential</c> against
/// the enveloped VC-JWTs it was issued for (matched by credential id).
/// </summary>
public static class LabelDigestCheck
{
    /// <param name="label">The decoded label credential.</param>
    /// <param name="credentialJwts">The VC-JWTs the label covers (e.g. the envelopes of the submitted presentation).</param>
    public static IReadOnlyList<CompliantCredentialDigest> Check(VerifiableCredential label, IEnumerable<string> credentialJwts)
    {
        var payloads = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var jwt in credentialJwts)
        {
            var jws = CompactJws.Parse(jwt);
            if (new VerifiableCredential(JsonNode.Parse(jws.Payload) as JsonObject ?? []).Id is { } id) payloads.TryAdd(id, jws.Payload);
        }
        var results = new List<CompliantCredentialDigest>();
        foreach (var subject in label.CredentialSubjects)
        {
            var entries = subject["gx:compliantCredentials"] switch { JsonArray a => a.OfType<JsonObject>(), JsonObject o => [o], _ => [] };
            foreach (var entry in entries)
            {
                var id = VerifiableCredential.Text(entry["id"]);
                var type = VerifiableCredential.Text(entry["type"]);
                var sri = VerifiableCredential.Text(entry["gx:digestSRI"]) ?? VerifiableCredential.Text(entry["digestSRI"]);
                var found = id is not null && payloads.ContainsKey(id);
                results.Add(new(id, type, sri, found, found && sri is not null && DigestSri.Matches(sri, payloads[id!])));
            }
        }
        return results;
    }
}

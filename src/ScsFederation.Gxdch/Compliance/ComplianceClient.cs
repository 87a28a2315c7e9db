using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ScsFederation.Credentials.Compliance;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Model;
using ScsFederation.Gxdch.Did;
using ScsFederation.Gxdch.Transport;

namespace ScsFederation.Gxdch.Compliance;

/// <summary>
/// Submits a provider's VP-JWT to a GXDCH compliance service:
/// <c>POST {base}/api/credential-offers/{level}?vcid=&lt;url-encoded id&gt;</c>, body the VP-JWT,
/// <c>Content-Type: application/vp+jwt</c>; <c>201</c> answers a <c>gx:LabelCredential</c> VC-JWT.
/// Before a label is handed on it must be signed by the configured compliance DID, be a label with the
/// requested id, and every <c>gx:compliantCredentials[].gx:digestSRI</c> must recompute over one of the
/// credentials submitted — a label that vouches for something else is refused, not stored.
/// </summary>
public sealed class ComplianceClient(HttpClient http, GxdchServiceOptions compliance, OutboundPolicy policy, PinnedIssuerCheck issuerCheck)
{
    public async Task<GxdchResult> SubmitAsync(string presentationJwt, string labelId, string level = ComplianceLevel.Standard, CancellationToken cancellationToken = default)
    {
        if (!ComplianceLevel.All.Contains(level)) throw new ArgumentException($"unknown compliance level {level}; one of {string.Join(", ", ComplianceLevel.All)}", nameof(level));
        var submitted = SubmittedCredentials(presentationJwt);
        var request = new HttpRequestMessage(HttpMethod.Post, compliance.Resolve($"api/credential-offers/{level}?vcid={Uri.EscapeDataString(labelId)}"))
        {
            Content = new StringContent(presentationJwt, Encoding.ASCII),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vp+jwt"); // exactly this, no charset
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vc+jwt"));
        var answer = await ServiceCall.SendAsync(http, policy, request, configuredByOperator: true, HttpStatusCode.Created, cancellationToken);
        if (!answer.Ok) return GxdchResult.Refused(answer.Reason!, $"compliance: {answer.Detail}");

        var jwt = answer.Body!.Trim();
        var checkedAnswer = await issuerCheck.VerifyAsync(jwt, compliance.Did, "the compliance label", cancellationToken);
        if (!checkedAnswer.Ok) return checkedAnswer;
        var label = checkedAnswer.Verification!.Credential!;
        if (!label.Types.Contains("gx:LabelCredential"))
            return GxdchResult.Refused(GxdchRefusal.NotALabel, $"the compliance service answered a {string.Join(", ", label.Types)}, not a gx:LabelCredential", checkedAnswer.Verification);
        if (label.Id != labelId)
            return GxdchResult.Refused(GxdchRefusal.AnswerMismatch, $"the label's id is {label.Id ?? "(none)"}, not the requested {labelId}", checkedAnswer.Verification);

        var digests = LabelDigestCheck.Check(label, submitted.Values);
        var result = checkedAnswer with { Digests = digests, Uncovered = submitted.Keys.Where(id => digests.All(d => d.Id != id)).ToList() };
        if (digests.Count == 0) return result with { Reason = GxdchRefusal.LabelUnknownCredential, Detail = "the label names no compliant credential", Jwt = null };
        if (digests.FirstOrDefault(d => !d.Found) is { } unknown)
            return result with { Reason = GxdchRefusal.LabelUnknownCredential, Detail = $"the label names {unknown.Id ?? "(no id)"}, which was not submitted", Jwt = null };
        if (digests.FirstOrDefault(d => !d.Matches) is { } wrong)
            return result with { Reason = GxdchRefusal.LabelDigestMismatch, Detail = $"the label's digest of {wrong.Id} ({wrong.DigestSri ?? "none"}) does not recompute over the submitted credential", Jwt = null };
        return result;
    }

    /// <summary>Id → compact JWT of every enveloped credential in the presentation about to be submitted.</summary>
    private static Dictionary<string, string> SubmittedCredentials(string presentationJwt)
    {
        var vp = new VerifiableCredential(System.Text.Json.Nodes.JsonNode.Parse(CompactJws.Parse(presentationJwt).Payload) as System.Text.Json.Nodes.JsonObject
            ?? throw new ArgumentException("the presentation's payload is not a JSON object", nameof(presentationJwt)));
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in vp.VerifiableCredentials)
        {
            if (EnvelopedCredential.FromEntry(entry) is not { } envelope) continue;
            var payload = System.Text.Json.Nodes.JsonNode.Parse(CompactJws.Parse(envelope.Jwt).Payload) as System.Text.Json.Nodes.JsonObject;
            if (payload is not null && new VerifiableCredential(payload).Id is { } id) byId.TryAdd(id, envelope.Jwt);
        }
        return byId;
    }
}

using System.Net;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Model;
using ScsFederation.Gxdch.Did;
using ScsFederation.Gxdch.Transport;

namespace ScsFederation.Gxdch.Notary;

/// <summary>
/// Asks a Gaia-X registration-number notary for the credential that attests a registration number:
/// <c>GET {notary}/v2/registration-numbers/{kind}/{number}?vcId=…&amp;subjectId=…</c> answers a
/// notary-signed VC-JWT. The answer is accepted only when it is signed by the notary's configured DID,
/// passes every credential check, and is about what was asked: the credential id, the subject, the
/// gx type and the number itself. A notary that answers for another subject would otherwise lend its
/// signature to a participant it never checked.
/// </summary>
public sealed class NotaryClient(HttpClient http, GxdchServiceOptions notary, OutboundPolicy policy, PinnedIssuerCheck issuerCheck)
{
    public async Task<GxdchResult> RequestAsync(RegistrationNumberKind kind, string number, string vcId, string subjectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        var url = notary.Resolve($"v2/registration-numbers/{kind.Segment}/{Uri.EscapeDataString(number)}?vcId={Uri.EscapeDataString(vcId)}&subjectId={Uri.EscapeDataString(subjectId)}");
        var answer = await ServiceCall.SendAsync(http, policy, ServiceCall.Get(url, "application/vc+jwt"), configuredByOperator: true, HttpStatusCode.OK, cancellationToken);
        if (!answer.Ok) return GxdchResult.Refused(answer.Reason!, $"notary: {answer.Detail}");

        var jwt = answer.Body!.Trim();
        var checkedAnswer = await issuerCheck.VerifyAsync(jwt, notary.Did, "the notary's registration-number credential", cancellationToken);
        if (!checkedAnswer.Ok) return checkedAnswer;
        var credential = checkedAnswer.Verification!.Credential!;
        if (AnswerProblem(credential, kind, number, vcId, subjectId) is { } problem)
            return GxdchResult.Refused(GxdchRefusal.AnswerMismatch, problem, checkedAnswer.Verification);
        return checkedAnswer;
    }

    private static string? AnswerProblem(VerifiableCredential vc, RegistrationNumberKind kind, string number, string vcId, string subjectId)
    {
        if (vc.Id != vcId) return $"the notary issued credential {vc.Id ?? "(no id)"}, not the requested {vcId}";
        if (!vc.Types.Contains(kind.GxType)) return $"the notary's credential is a {string.Join(", ", vc.Types)}, not a {kind.GxType}";
        var subject = vc.CredentialSubjects.FirstOrDefault(s => VerifiableCredential.Text(s["id"]) == subjectId);
        if (subject is null) return $"the notary's credential is not about {subjectId}";
        var value = subject[kind.Property] switch
        {
            JsonValue v when v.TryGetValue(out string? s) => s,
            JsonObject o => VerifiableCredential.Text(o["@value"]),
            _ => null,
        };
        return value == number ? null : $"the notary attests {kind.Property} {value ?? "(none)"}, not {number}";
    }
}

using System.Text.Json.Nodes;
using ScsFederation.Shacl.Report;

namespace ScsFederation.SelfDescription.Publication;

/// <summary>
/// What a publication (or a submission) produced: the stored <see cref="Publication"/>, or a stable
/// <see cref="Reason"/> (a <see cref="PublicationRefusal"/> code or the Gaia-X client's own) with the
/// <see cref="Stage"/> it was refused in, a detail for the operator and — for <see cref="PublicationRefusal.ShapesNotConformant"/> —
/// the SHACL report.
/// </summary>
public sealed record PublicationResult
{
    public bool Ok => Reason is null;
    public string? Stage { get; init; }
    public string? Reason { get; init; }
    public string? Detail { get; init; }
    public ValidationReport? Report { get; init; }
    public ProviderPublication? Publication { get; init; }
    /// <summary>The Gaia-X client's answer when one was checked (verification, label digests).</summary>
    public Gxdch.GxdchResult? Service { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static PublicationResult Refused(string stage, string reason, string detail) => new() { Stage = stage, Reason = reason, Detail = detail };

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["ok"] = Ok };
        if (Reason is not null)
        {
            json["stage"] = Stage;
            json["reason"] = Reason;
            json["detail"] = Detail;
        }
        if (Report is not null) json["report"] = JsonNode.Parse(Report.ToJson());
        if (Service is { } service)
        {
            var answer = service.ToJson();
            answer.Remove("jwt");
            json["service"] = answer;
        }
        if (Publication is { } p)
        {
            json["publication"] = new JsonObject
            {
                ["id"] = p.Id, ["provider"] = p.ProviderId, ["issuer"] = p.IssuerDid, ["createdAt"] = p.CreatedAt.ToString("O"),
                ["validUntil"] = p.ValidUntil.ToString("O"), ["inputHash"] = p.InputHash,
                ["presentation"] = p.Presentation?.Id, ["label"] = p.Label?.Id,
                ["credentials"] = new JsonArray(p.Credentials.Select(c => (JsonNode?)new JsonObject
                {
                    ["id"] = c.Id, ["kind"] = c.Kind, ["type"] = c.GxType, ["mediaType"] = c.MediaType, ["profile"] = c.Profile,
                    ["etag"] = c.ETag, ["validUntil"] = c.ValidUntil.ToString("O"),
                }).ToArray()),
            };
        }
        if (Notes.Count > 0) json["notes"] = new JsonArray(Notes.Select(n => (JsonNode?)n).ToArray());
        return json;
    }
}

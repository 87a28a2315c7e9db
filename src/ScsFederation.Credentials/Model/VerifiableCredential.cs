using System.Globalization;
using System.Text.Json.Nodes;

namespace ScsFederation.Credentials.Model;

/// <summary>
/// A Verifiable Credential or Presentation (VC 1.1 or 2.0) as the JSON document it is. The accessors
/// read the JSON; nothing is re-serialized, so signatures over the document stay valid and unknown
/// members survive.
/// </summary>
public sealed partial class VerifiableCredential
{
    public const string V1Context = "https://www.w3.org/2018/credentials/v1";
    public const string V2Context = "https://www.w3.org/ns/credentials/v2";

    public VerifiableCredential(JsonObject json) => Json = json ?? throw new ArgumentNullException(nameof(json));

    public JsonObject Json { get; }

    public static VerifiableCredential Parse(string json) =>
        new(JsonNode.Parse(json) as JsonObject ?? throw new FormatException("a credential must be a JSON object"));

    public CredentialVersion Version => Contexts.FirstOrDefault() switch
    {
        V1Context => CredentialVersion.V1_1,
        V2Context => CredentialVersion.V2_0,
        _ => CredentialVersion.Unknown,
    };

    /// <summary>The <c>@context</c> entries that are strings (URLs), in order.</summary>
    public IReadOnlyList<string> Contexts => Strings(Json["@context"]);

    public string? Id => Text(Json["id"]);

    public IReadOnlyList<string> Types => Strings(Json["type"] ?? Json["@type"]);

    public bool IsPresentation => Types.Contains("VerifiablePresentation");

    /// <summary>The issuer's id: <c>issuer</c> as a string, or its <c>id</c> when it is an object.</summary>
    public string? Issuer => IdOf(Json["issuer"]);

    /// <summary>A presentation's holder id (string or object form).</summary>
    public string? Holder => IdOf(Json["holder"]);

    public DateTimeOffset? ValidFrom => Date("validFrom");
    public DateTimeOffset? ValidUntil => Date("validUntil");
    public DateTimeOffset? IssuanceDate => Date("issuanceDate");
    public DateTimeOffset? ExpirationDate => Date("expirationDate");

    /// <summary>Start of validity in either model: validFrom (2.0), else issuanceDate (1.1).</summary>
    public DateTimeOffset? EffectiveValidFrom => ValidFrom ?? IssuanceDate;

    /// <summary>End of validity in either model: validUntil (2.0), else expirationDate (1.1).</summary>
    public DateTimeOffset? EffectiveValidUntil => ValidUntil ?? ExpirationDate;

    /// <summary>credentialSubject as a list (it may be one object or an array).</summary>
    public IReadOnlyList<JsonObject> CredentialSubjects => Json["credentialSubject"] switch
    {
        JsonObject o => [o],
        JsonArray a => a.OfType<JsonObject>().ToList(),
        _ => [],
    };

    /// <summary>A presentation's verifiableCredential entries (embedded credentials or envelopes).</summary>
    public IReadOnlyList<JsonObject> VerifiableCredentials => Json["verifiableCredential"] switch
    {
        JsonObject o => [o],
        JsonArray a => a.OfType<JsonObject>().ToList(),
        _ => [],
    };

    /// <summary>Problems with the credential's structure (required members per data model), empty when none.</summary>
    public IReadOnlyList<string> StructuralProblems()
    {
        var problems = new List<string>();
        if (Version == CredentialVersion.Unknown) problems.Add($"@context must start with {V2Context} or {V1Context}");
        if (IsPresentation)
        {
            if (!Types.Contains("VerifiablePresentation")) problems.Add("type must contain VerifiablePresentation");
        }
        else
        {
            if (!Types.Contains("VerifiableCredential")) problems.Add("type must contain VerifiableCredential");
            if (Issuer is null) problems.Add("issuer is required");
            else if (!Uri.TryCreate(Issuer, UriKind.Absolute, out _)) problems.Add("issuer must be a URL");
            if (CredentialSubjects.Count == 0) problems.Add("credentialSubject is required");
            if (Version == CredentialVersion.V1_1 && IssuanceDate is null) problems.Add("issuanceDate is required (VC 1.1)");
        }
        foreach (var name in new[] { "validFrom", "validUntil", "issuanceDate", "expirationDate" })
        {
            if (Json[name] is { } node && Date(name) is null) problems.Add($"{name} is not an XML Schema dateTimeStamp: {node.ToJsonString()}");
        }
        if (EffectiveValidFrom is { } from && EffectiveValidUntil is { } until && until < from) problems.Add("validity ends before it starts");
        return problems;
    }

    // xsd:dateTimeStamp: a time zone is required (a local time has no instant to compare with).
    // Source-generated: no regex construction or interpretation at run time (first-call cost included).
    [System.Text.RegularExpressions.GeneratedRegex(@"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex DateTimeStamp();

    private DateTimeOffset? Date(string name) =>
        Text(Json[name]) is { } s && DateTimeStamp().IsMatch(s)
        && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var d) ? d : null;

    /// <summary>The string of a JSON string value, else null.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    internal static string? IdOf(JsonNode? node) => node switch
    {
        JsonValue => Text(node),
        JsonObject o => Text(o["id"]) ?? Text(o["@id"]),
        _ => null,
    };

    internal static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out string? s) => [s],
        JsonArray a => a.Select(Text).Where(s => s is not null).Select(s => s!).ToList(),
        _ => [],
    };
}

namespace ScsFederation.Core.Configuration;

/// <summary>
/// How the hub publishes its providers' Gaia-X credentials (<c>hub.gaiaX</c>): the registration-number notary and
/// the compliance service it talks to — each pinned to the DID that must sign its answers — the VC-JWT profile it
/// signs with, the shapes a set must conform to before anything is signed, and when it republishes. Nothing is
/// fetched from a host the operator did not list in <c>hub.allowedFetchHosts</c> (the rules check the service and
/// DID hosts at load). The Gaia-X registry (trust anchors) is <c>hub.didWeb.registry</c>. See docs/self-descriptions.md.
/// </summary>
public sealed class GaiaXPublicationSettings
{
    /// <summary>The registration-number notary (<c>GET {url}/registration-numbers/…</c>, its base including <c>/v2</c>'s parent).</summary>
    public GxdchServiceSettings? Notary { get; set; }

    public GxdchComplianceSettings? Compliance { get; set; }

    /// <summary>VC-JWT header profile the hub signs with: gxdch (default), gxdch-notary, gaia-x-24.07, vc-jose-cose.</summary>
    public string Profile { get; set; } = "gxdch";

    /// <summary>Hours between scheduled republications; 0 = only when the federation entry or the catalog changed, or by the CLI.</summary>
    public int RepublishHours { get; set; } = 24;

    /// <summary>Days from signing to the credentials' <c>validUntil</c>.</summary>
    public int ValidityDays { get; set; } = 90;

    /// <summary>SHACL shape files (Turtle); empty = the Gaia-X 25.11 shapes shipped with the hub.</summary>
    public List<string> Shapes { get; set; } = [];

    /// <summary>Class hierarchy files (rdfs:subClassOf, Turtle) added to the data graph; empty = the 25.11 hierarchy shipped with the hub.</summary>
    public List<string> ClassHierarchy { get; set; } = [];
}

/// <summary>One Gaia-X service: its base URL and the DID whose key must have signed what it answers.</summary>
public class GxdchServiceSettings
{
    public string Url { get; set; } = "";

    public string Did { get; set; } = "";

    /// <summary>Optional JWKS file pinning the service's keys: used instead of resolving <see cref="Did"/> (which still must be the answers' issuer).</summary>
    public string? Jwks { get; set; }
}

public sealed class GxdchComplianceSettings : GxdchServiceSettings
{
    /// <summary><c>standard-compliance</c> (default) or <c>label-level-1..3</c>: the last segment of the credential offer.</summary>
    public string Level { get; set; } = "standard-compliance";

    /// <summary>Whether the hub's own (re)publications are submitted; <c>scsfed sd publish --submit</c> and <c>sd submit</c> work either way.</summary>
    public bool Submit { get; set; } = true;
}

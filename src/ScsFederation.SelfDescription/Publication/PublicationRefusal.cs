namespace ScsFederation.SelfDescription.Publication;

/// <summary>
/// Stable reason codes of a refused publication (CLI output, logs, tests). A refusal by a Gaia-X service keeps the
/// service client's own code (<see cref="ScsFederation.Gxdch.GxdchRefusal"/>, or a credential code such as
/// <c>bad_signature</c>) and names the <see cref="PublicationResult.Stage"/> it happened in.
/// </summary>
public static class PublicationRefusal
{
    /// <summary><c>hub.gaiaX.notary</c> (or <c>hub.gaiaX.compliance</c> for a submission) is not configured.</summary>
    public const string ServiceNotConfigured = "service_not_configured";
    /// <summary>The subject graph (the set with the notary's subject) does not conform to the shapes; the report says why. Nothing was signed.</summary>
    public const string ShapesNotConformant = "shapes_not_conformant";
    /// <summary>The hub has no published key for the provider's issuer DID (not in <c>hub.didWeb.issuers</c>, or its chain not yet accepted).</summary>
    public const string IssuerKeyMissing = "issuer_key_missing";
    /// <summary>What the hub just signed does not verify with the issuer's key (a broken key or profile; never published).</summary>
    public const string SelfCheckFailed = "self_check_failed";
    /// <summary><c>sd submit</c>: nothing published yet for the provider, or its credentials have expired.</summary>
    public const string NothingPublished = "nothing_published";
}

/// <summary>Where in the pipeline a publication was refused.</summary>
public static class PublicationStage
{
    public const string Notary = "notary";
    public const string Shapes = "shapes";
    public const string Signing = "signing";
    public const string Compliance = "compliance";
    public const string Store = "store";
}

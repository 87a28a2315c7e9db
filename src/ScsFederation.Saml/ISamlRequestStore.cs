namespace ScsFederation.Saml;

/// <summary>Pending AuthnRequest ids, so InResponseTo can be matched to a request this SP really sent.</summary>
public interface ISamlRequestStore
{
    ValueTask AddAsync(SamlPendingRequest request, CancellationToken cancellationToken);

    /// <summary>Removes and returns the pending request; null when unknown. A request id can be answered only once.</summary>
    ValueTask<SamlPendingRequest?> TakeAsync(string requestId, CancellationToken cancellationToken);
}

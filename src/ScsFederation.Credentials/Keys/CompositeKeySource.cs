using ScsFederation.Credentials.Verification;

namespace ScsFederation.Credentials.Keys;

/// <summary>Asks several sources in order (e.g. the DID documents of every issuer in a presentation);
/// the first hit wins, otherwise the first refusal that is not "kid not found" (it says more).</summary>
public sealed class CompositeKeySource(params IVerificationKeySource[] sources) : IVerificationKeySource
{
    public KeyLookup Find(string? kid)
    {
        KeyLookup? refusal = null;
        foreach (var source in sources)
        {
            var lookup = source.Find(kid);
            if (lookup.Key is not null) return lookup;
            if (refusal is null || refusal.Reason == Refusal.KidNotFound) refusal = lookup;
        }
        return refusal ?? KeyLookup.Refused(Refusal.KidNotFound, $"no key source knows {kid}");
    }
}

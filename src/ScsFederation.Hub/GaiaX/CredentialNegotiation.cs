using Microsoft.Net.Http.Headers;
using ScsFederation.SelfDescription.Publication;

namespace ScsFederation.Hub.GaiaX;

/// <summary>
/// Which media type a stored credential is served as. The body is always the compact JWT as signed; the documents and
/// catalogues disagree on its name (ICAM 25.11 and GXDCH <c>application/vc+jwt</c>, 24.07 and the XFSC catalogue
/// <c>application/vc+ld+json+jwt</c>, GXDCH notaries <c>application/vc+ld+jwt</c>), so each of these is offered and the
/// <c>Accept</c> header picks (highest q; equal q: the stored type first). No <c>Accept</c> or <c>*/*</c>: the stored
/// type. Nothing acceptable: null (406). The hub produces no Tagus (<c>application/vc+ld+json</c>) credentials.
/// </summary>
public static class CredentialNegotiation
{
    public static IReadOnlyList<string> Variants(PublishedCredential credential) =>
        (credential.Kind == PublishedKind.Presentation
            ? new[] { credential.MediaType, "application/vp+jwt", "application/vp+ld+json+jwt", "application/vp+ld+jwt" }
            : new[] { credential.MediaType, "application/vc+jwt", "application/vc+ld+json+jwt", "application/vc+ld+jwt" })
        .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public static string? Choose(IReadOnlyList<string> variants, IList<string>? accept)
    {
        if (accept is null || accept.Count == 0 || accept.All(string.IsNullOrWhiteSpace)) return variants[0];
        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0) return null;
        string? best = null;
        var bestQ = 0.0;
        foreach (var variant in variants)
        {
            var q = Quality(variant, ranges);
            if (q > bestQ) { best = variant; bestQ = q; }
        }
        return best;
    }

    // RFC 9110 §12.5.1: the most specific matching range gives the quality.
    private static double Quality(string variant, IList<MediaTypeHeaderValue> ranges)
    {
        var slash = variant.IndexOf('/');
        var type = variant[..slash];
        (int Specificity, double Q) match = (-1, 0);
        foreach (var range in ranges)
        {
            var name = range.MediaType.Value ?? "";
            var specificity = name.Equals(variant, StringComparison.OrdinalIgnoreCase) ? 2
                : name.Equals(type + "/*", StringComparison.OrdinalIgnoreCase) ? 1
                : name == "*/*" ? 0 : -1;
            if (specificity > match.Specificity) match = (specificity, range.Quality ?? 1.0);
        }
        return match.Q;
    }

    /// <summary>If-None-Match names the ETag (weak comparison, RFC 9110 §13.1.2) or is <c>*</c>.</summary>
    public static bool NotModified(IList<string>? ifNoneMatch, string etag)
    {
        if (ifNoneMatch is null || ifNoneMatch.Count == 0) return false;
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)) return false;
        var ours = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false));
    }
}

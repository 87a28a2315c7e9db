using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Verification;

namespace ScsFederation.Credentials.X509;

/// <summary>The outcome of <see cref="X5uChainCheck.Check"/>: ok, or a <see cref="Refusal"/> code with detail.</summary>
public sealed record X5uCheckResult(string? Reason, string? Detail)
{
    public bool Ok => Reason is null;
    public static X5uCheckResult Passed { get; } = new(null, null);
}

/// <summary>
/// Strict checks of a JWK's <c>x5u</c> certificate chain (PEM, leaf first): the leaf's public key must be
/// the JWK itself, the leaf's DNS subject alternative names must cover the DID's host, and the chain must
/// link up to a trusted root (or, when allowed for lab use, its own self-signed root) with every
/// certificate valid now. Fetching the x5u URL is the caller's business (no I/O here).
/// </summary>
public static class X5uChainCheck
{
    private const string Ed25519Oid = "1.3.101.112";

    public static X5uCheckResult Check(string pemChain, JsonWebKey jwk, string did, X5uCheckOptions? options = null)
    {
        options ??= new X5uCheckOptions();
        var chain = new X509Certificate2Collection();
        try { chain.ImportFromPem(pemChain); }
        catch (CryptographicException e) { return new(Refusal.X5uMalformed, $"the x5u chain does not parse: {e.Message}"); }
        if (chain.Count == 0) return new(Refusal.X5uMalformed, "the x5u document holds no certificate");
        var leaf = chain[0];

        JsonWebKey? leafKey;
        try { leafKey = PublicKeyOf(leaf); }
        catch (Exception e) when (e is CryptographicException or JwkFormatException) { return new(Refusal.X5uMalformed, $"the leaf's public key is unreadable: {e.Message}"); }
        if (leafKey is null || !leafKey.SamePublicKey(jwk))
            return new(Refusal.X5uLeafKeyMismatch, $"the leaf certificate ({leaf.Subject}) carries another public key than the JWK{(jwk.Kid is { } kid ? " " + kid : "")}");

        var host = DidWebHost(did);
        if (host is null) return new(Refusal.X5uSanMismatch, $"{did} is not a did:web DID, so no host to match");
        var names = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()).ToList();
        if (!names.Any(n => Covers(n, host)))
            return new(Refusal.X5uSanMismatch, $"the leaf's DNS names ({(names.Count == 0 ? "none" : string.Join(", ", names))}) do not cover {host}");

        using var builder = new X509Chain();
        var policy = builder.ChainPolicy;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.VerificationTime = (options.Now ?? DateTimeOffset.UtcNow).UtcDateTime;
        policy.VerificationTimeIgnored = false;
        foreach (var root in options.TrustedRoots) policy.CustomTrustStore.Add(root);
        for (var i = 1; i < chain.Count; i++)
        {
            var cert = chain[i];
            var selfSigned = cert.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData);
            if (selfSigned && options.AllowSelfSignedRoot) policy.CustomTrustStore.Add(cert);
            else policy.ExtraStore.Add(cert);
        }
        if (chain.Count == 1 && options.AllowSelfSignedRoot && leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData))
            policy.CustomTrustStore.Add(leaf);
        if (builder.Build(leaf)) return X5uCheckResult.Passed;

        var flags = builder.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (f, s) => f | s.Status);
        var detail = string.Join("; ", builder.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct());
        if ((flags & (X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotSignatureValid | X509ChainStatusFlags.InvalidBasicConstraints | X509ChainStatusFlags.NotValidForUsage)) != 0)
            return new(Refusal.X5uChainInvalid, detail);
        if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
            return new(Refusal.X5uUntrustedRoot, $"the chain does not end in a trusted root: {detail}");
        return new(Refusal.X5uChainInvalid, detail);
    }

    /// <summary>The host of a did:web DID (port decoded from %3A, path segments dropped).</summary>
    public static string? DidWebHost(string did)
    {
        if (!did.StartsWith("did:web:", StringComparison.Ordinal)) return null;
        var rest = did["did:web:".Length..];
        var end = rest.IndexOfAny([':', '#', '?', '/']);
        var host = Uri.UnescapeDataString(end < 0 ? rest : rest[..end]);
        var colon = host.IndexOf(':');
        return (colon < 0 ? host : host[..colon]).ToLowerInvariant();
    }

    /// <summary>RFC 6125 matching: exact, or a left-most wildcard label covering exactly one label.</summary>
    private static bool Covers(string name, string host)
    {
        name = name.ToLowerInvariant().TrimEnd('.');
        if (name == host) return true;
        if (!name.StartsWith("*.", StringComparison.Ordinal)) return false;
        var dot = host.IndexOf('.');
        return dot > 0 && host[(dot + 1)..] == name[2..];
    }

    /// <summary>The leaf's public key as a JWK (RSA, EC, Ed25519), null for other key types.</summary>
    public static JsonWebKey? PublicKeyOf(X509Certificate2 cert)
    {
        using (var rsa = cert.GetRSAPublicKey()) if (rsa is not null) return JsonWebKey.FromRsa(rsa, includePrivate: false);
        using (var ec = cert.GetECDsaPublicKey()) if (ec is not null) return JsonWebKey.FromECDsa(ec, includePrivate: false);
        if (cert.PublicKey.Oid.Value == Ed25519Oid)
        {
            var raw = cert.PublicKey.EncodedKeyValue.RawData;
            return raw.Length == 32 ? JsonWebKey.FromOkp(raw, null) : null;
        }
        return null;
    }
}

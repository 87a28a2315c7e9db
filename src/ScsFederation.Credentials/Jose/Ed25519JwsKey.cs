using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace ScsFederation.Credentials.Jose;

/// <summary>EdDSA over Ed25519 (RFC 8037) on BouncyCastle: .NET 10 has no Ed25519 primitive.</summary>
internal sealed class Ed25519JwsKey : JwsKey
{
    private readonly Ed25519PublicKeyParameters _public;
    private readonly Ed25519PrivateKeyParameters? _private;

    public Ed25519JwsKey(JsonWebKey jwk) : base(JwsAlgorithms.EdDSA, jwk)
    {
        try
        {
            _public = new Ed25519PublicKeyParameters(jwk.Bytes("x")!, 0);
            if (jwk.Bytes("d") is { } d)
            {
                _private = new Ed25519PrivateKeyParameters(d, 0);
                // A private key whose x is not its public key would sign what the JWK's x does not verify.
                if (!_private.GeneratePublicKey().GetEncoded().AsSpan().SequenceEqual(_public.GetEncoded()))
                    throw new JwsKeyMismatchException("Ed25519 'x' is not the public key of 'd'");
            }
        }
        catch (ArgumentException e) { throw new JwsKeyMismatchException($"Ed25519 key does not import: {e.Message}"); }
    }

    public static JsonWebKey GenerateJwk()
    {
        var priv = new Ed25519PrivateKeyParameters(new SecureRandom());
        return JsonWebKey.FromOkp(priv.GeneratePublicKey().GetEncoded(), priv.GetEncoded());
    }

    public override byte[] Sign(ReadOnlySpan<byte> signingInput)
    {
        if (_private is null) throw new InvalidOperationException("the key has no private part");
        var signer = new Ed25519Signer();
        signer.Init(true, _private);
        signer.BlockUpdate(signingInput);
        return signer.GenerateSignature();
    }

    public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Ed25519PrivateKeyParameters.SignatureSize) return false;
        var verifier = new Ed25519Signer();
        verifier.Init(false, _public);
        verifier.BlockUpdate(signingInput);
        return verifier.VerifySignature(signature.ToArray());
    }
}

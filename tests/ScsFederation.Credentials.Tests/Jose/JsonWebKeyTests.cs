using System.Text;
using ScsFederation.Credentials.Jose;

namespace ScsFederation.Credentials.Tests.Jose;

public class JsonWebKeyTests
{
    // RFC 7638 §3.1: the example RSA key and its thumbprint.
    private const string Rfc7638Key = """
        {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}
        """;

    [Fact]
    public void Thumbprint_is_the_RFC_7638_example_value()
    {
        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", JsonWebKey.Parse(Rfc7638Key).Thumbprint());
    }

    // RFC 8037 Appendix A: the Ed25519 key, its thumbprint (A.3) and the deterministic EdDSA JWS (A.4).
    private const string Rfc8037Private = """{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""";
    private const string Rfc8037Jws = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    [Fact]
    public void Ed25519_matches_the_RFC_8037_vectors()
    {
        var jwk = JsonWebKey.Parse(Rfc8037Private);
        Assert.Equal("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", jwk.Thumbprint());
        using var key = JwsKey.Create(jwk, JwsAlgorithms.EdDSA);
        var signingInput = Encoding.ASCII.GetBytes("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc");
        Assert.Equal(Rfc8037Jws.Split('.')[2], Base64Url.Encode(key.Sign(signingInput)));
        using var verifier = JwsKey.Create(jwk.ToPublic(), JwsAlgorithms.EdDSA);
        Assert.True(verifier.Verify(signingInput, Base64Url.Decode(Rfc8037Jws.Split('.')[2])));
    }

    [Theory]
    [InlineData("PS256", "RSA", null)]
    [InlineData("RS256", "RSA", null)]
    [InlineData("ES256", "EC", "P-256")]
    [InlineData("ES384", "EC", "P-384")]
    [InlineData("ES256K", "EC", "secp256k1")]
    [InlineData("EdDSA", "OKP", "Ed25519")]
    public void Generated_keys_export_import_and_sign(string alg, string kty, string? crv)
    {
        var jwk = JsonWebKey.Generate(alg);
        Assert.Equal(kty, jwk.Kty);
        Assert.Equal(crv, jwk.Crv);
        Assert.True(jwk.HasPrivateKey);
        var pub = jwk.ToPublic();
        Assert.False(pub.HasPrivateKey);
        foreach (var m in new[] { "d", "p", "q", "dp", "dq", "qi" }) Assert.Null(pub.Str(m));
        var reparsed = JsonWebKey.Parse(pub.ToString());
        Assert.Equal(jwk.Thumbprint(), reparsed.Thumbprint());
        Assert.True(reparsed.SamePublicKey(jwk));

        var data = Encoding.UTF8.GetBytes("signing input");
        using var signer = JwsKey.Create(JsonWebKey.Parse(jwk.ToString()), alg);
        using var verifier = JwsKey.Create(reparsed, alg);
        var signature = signer.Sign(data);
        Assert.True(verifier.Verify(data, signature));
        signature[^1] ^= 1;
        Assert.False(verifier.Verify(data, signature));
        Assert.False(verifier.Verify(Encoding.UTF8.GetBytes("other input"), signer.Sign(data)));
    }

    [Theory]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}""", "must be 32 bytes")]
    [InlineData("""{"kty":"RSA","e":"AQAB"}""", "lacks 'n'")]
    [InlineData("""{"kty":"oct","k":"AAAA"}""", "not supported")]
    [InlineData("""{"kty":"OKP","crv":"X25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", "not supported")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR+"}""", "base64url")]
    [InlineData("""{"crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", "kty is missing")]
    public void Malformed_keys_are_refused_with_the_reason(string json, string reason)
    {
        var e = Assert.Throws<JwkFormatException>(() => JsonWebKey.Parse(json));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void A_key_does_not_bind_to_an_algorithm_of_another_type_or_to_a_foreign_alg_restriction()
    {
        var rsa = JsonWebKey.Generate("PS256");
        Assert.Throws<JwsKeyMismatchException>(() => JwsKey.Create(rsa, "ES256"));
        Assert.Throws<JwsKeyMismatchException>(() => JwsKey.Create(rsa, "RS256")); // the key says alg PS256
        var p256 = JsonWebKey.Generate("ES256");
        Assert.Throws<JwsKeyMismatchException>(() => JwsKey.Create(p256.With("alg", null), "ES384"));
        Assert.Throws<JwsKeyMismatchException>(() => JwsKey.Create(p256.With("alg", null), "ES256K"));
        Assert.Throws<JwsKeyMismatchException>(() => JwsKey.Create(JsonWebKey.Generate("EdDSA"), "none"));
    }

    [Fact]
    public void An_ed25519_private_key_whose_x_is_another_key_is_refused()
    {
        var a = JsonWebKey.Generate("EdDSA");
        var b = JsonWebKey.Generate("EdDSA");
        Assert.Throws<JwsKeyMismatchException>(() => JwsKey.Create(a.With("x", b.Str("x")), "EdDSA"));
    }

    [Fact]
    public void Short_rsa_keys_are_refused()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(1024);
        Assert.Throws<JwsKeyMismatchException>(() => JwsKey.Create(JsonWebKey.FromRsa(rsa, false), "PS256"));
    }

    [Fact]
    public void Base64url_refuses_padding_and_non_canonical_spellings()
    {
        Assert.Throws<FormatException>(() => Base64Url.Decode("AQAB="));
        Assert.Throws<FormatException>(() => Base64Url.Decode("AQ+B"));
        Assert.Throws<FormatException>(() => Base64Url.Decode("AB")); // "AA" is the canonical form of 0x00
        Assert.Equal([0x01, 0x00, 0x01], Base64Url.Decode("AQAB"));
        Assert.Equal([0x01, 0x00], Base64Url.Decode("AQA"));
        Assert.Throws<FormatException>(() => Base64Url.Decode("AQB")); // 3 characters: the 2 bits no byte uses must be 0
        Assert.Throws<FormatException>(() => Base64Url.Decode("AQ AB"));
        Assert.Throws<FormatException>(() => Base64Url.Decode("A"));
        Assert.Empty(Base64Url.Decode(""));
    }

    [Fact]
    public void Base64url_round_trips_every_length_and_matches_the_padded_alphabet()
    {
        var random = new Random(7);
        for (var length = 0; length < 70; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            var text = Base64Url.Encode(bytes);
            Assert.Equal(Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_'), text);
            Assert.Equal(bytes, Base64Url.Decode(text));
        }
    }
}

public class Es256kTests
{
    // secp256k1 group order n.
    private static readonly System.Numerics.BigInteger N = System.Numerics.BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    [Fact]
    public void Both_the_low_and_the_high_S_form_verify_as_RFC_8812_does_not_require_low_S()
    {
        var jwk = JsonWebKey.Generate("ES256K");
        using var key = JwsKey.Create(jwk, "ES256K");
        using var verifier = JwsKey.Create(jwk.ToPublic(), "ES256K");
        var data = Encoding.ASCII.GetBytes("header.payload");
        var signature = key.Sign(data);
        var s = new System.Numerics.BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        var flipped = (N - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var high = signature[..32].Concat(new byte[32 - flipped.Length]).Concat(flipped).ToArray();
        Assert.True(verifier.Verify(data, signature));
        Assert.True(verifier.Verify(data, high));
        Assert.False(verifier.Verify(data, signature[..32].Concat(new byte[32]).ToArray()));
    }
}

namespace ScsFederation.Saml;

/// <summary>Namespace, binding, format and algorithm identifiers of SAML 2.0 and XML-DSig/XML-Enc.</summary>
public static class SamlConstants
{
    public const string ProtocolNamespace = "urn:oasis:names:tc:SAML:2.0:protocol";
    public const string AssertionNamespace = "urn:oasis:names:tc:SAML:2.0:assertion";
    public const string MetadataNamespace = "urn:oasis:names:tc:SAML:2.0:metadata";
    public const string XmlDsigNamespace = "http://www.w3.org/2000/09/xmldsig#";
    public const string XmlEncNamespace = "http://www.w3.org/2001/04/xmlenc#";

    public const string HttpRedirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    public const string HttpPostBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

    public const string StatusSuccess = "urn:oasis:names:tc:SAML:2.0:status:Success";
    public const string BearerConfirmationMethod = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

    public static class NameIdFormats
    {
        public const string Persistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
        public const string Transient = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
        public const string EmailAddress = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
        public const string Unspecified = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
    }

    public static class Algorithms
    {
        public const string ExclusiveC14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
        public const string EnvelopedSignature = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
        public const string RsaSha1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
        public const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
        public const string RsaSha384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
        public const string RsaSha512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
        public const string Sha1 = "http://www.w3.org/2000/09/xmldsig#sha1";
        public const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
        public const string Sha384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";
        public const string Sha512 = "http://www.w3.org/2001/04/xmlenc#sha512";
        public const string Aes128Cbc = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
        public const string Aes256Cbc = "http://www.w3.org/2001/04/xmlenc#aes256-cbc";
        public const string Aes128Gcm = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
        public const string Aes256Gcm = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
        public const string RsaOaepMgf1p = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
        public const string RsaOaep = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
    }
}

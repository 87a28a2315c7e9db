using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace ScsFederation.Hub.Keys.DataProtection;

/// <summary>
/// Opens what <see cref="KekXmlEncryptor"/> sealed. Data protection creates decryptors by type name with the
/// service provider, hence the constructor. Anything that does not authenticate (modified ciphertext, another
/// key-encryption key, a damaged element) throws <see cref="CryptographicException"/>: the key is then unusable, never trusted.
/// </summary>
public sealed class KekXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var kek = services.GetRequiredService<KeyEncryptionKey>();
        if (encryptedElement.Name != KekXmlEncryptor.ElementName || encryptedElement.Element(KekXmlEncryptor.ValueElementName) is not { } value)
            throw new CryptographicException("the data-protection key is not in the key-encryption key's format");
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(value.Value);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException("the sealed data-protection key is not base64", ex);
        }
        var plaintext = kek.Decrypt(sealedBytes, KekXmlEncryptor.Purpose);
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}

using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace ScsFederation.Hub.Keys.DataProtection;

/// <summary>
/// Seals ASP.NET Core data-protection keys (the keys behind the session cookie, login state and RelayState) with
/// the hub's key-encryption key before they are stored, as the signing keys are: a database backup alone then
/// cannot forge sessions. AES-256-GCM through <see cref="KeyEncryptionKey"/>, so a modified row fails to decrypt.
/// </summary>
public sealed class KekXmlEncryptor(KeyEncryptionKey kek) : IXmlEncryptor
{
    public const string ElementName = "kekEncryptedKey";
    public const string ValueElementName = "value";
    /// <summary>Associated data: a sealed data-protection key cannot be passed off as another kind of sealed secret.</summary>
    internal const string Purpose = "ScsFederation.DataProtection.KeyXml.v1";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        try
        {
            var sealedXml = new XElement(ElementName,
                new XComment(" sealed with the hub's key-encryption key (AES-256-GCM) "),
                new XElement(ValueElementName, Convert.ToBase64String(kek.Encrypt(plaintext, Purpose))));
            return new EncryptedXmlInfo(sealedXml, typeof(KekXmlDecryptor));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}

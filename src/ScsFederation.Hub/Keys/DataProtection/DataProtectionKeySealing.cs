using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace ScsFederation.Hub.Keys.DataProtection;

public static class DataProtectionKeySealing
{
    /// <summary>Every data-protection key written from now on is sealed with <paramref name="kek"/> (see <see cref="KekXmlEncryptor"/>).</summary>
    public static IDataProtectionBuilder ProtectKeysWithKeyEncryptionKey(this IDataProtectionBuilder builder, KeyEncryptionKey kek)
    {
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new KekXmlEncryptor(kek));
        return builder;
    }
}

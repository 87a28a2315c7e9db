using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Keys.DataProtection;
using ScsFederation.Storage;

namespace ScsFederation.Hub.Tests;

/// <summary>
/// Issue #11 finding 9: the data-protection keys behind the session cookie are stored sealed with the
/// key-encryption key, a modified row is never used, and the data folder and its secret files are owner-only.
/// The hub is built (not started) from a federation config on a fresh SQLite data folder.
/// </summary>
public sealed class DataProtectionKeySealingTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("scsfed-dpkeys-").FullName;
    private string DataFolder => Path.Combine(_parent, "data");

    private FederationConfig Config() => new()
    {
        Hub = new HubSettings { Issuer = "http://127.0.0.1:1", DataFolder = DataFolder, Storage = new StorageSettings { Provider = "sqlite" } },
    };

    private static Task<WebApplication> BuildHubAsync(FederationConfig config) =>
        HubHost.CreateAsync(config, configure: b => b.Logging.SetMinimumLevel(LogLevel.Critical));

    private static async Task<List<string>> KeyRowsAsync(FederationConfig config)
    {
        await using var db = StorageServiceCollectionExtensions.CreateContext(config.Hub);
        return await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync();
    }

    [Fact]
    public async Task Stored_data_protection_keys_do_not_contain_the_master_key_and_another_hub_instance_still_reads_them()
    {
        var config = Config();
        string payload;
        await using (var hub = await BuildHubAsync(config))
        {
            payload = hub.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("session");
            var rows = await KeyRowsAsync(config);
            Assert.NotEmpty(rows);
            foreach (var row in rows)
            {
                Assert.DoesNotContain("<masterKey", row, StringComparison.Ordinal);
                // Open the sealed descriptor the way data protection does and make sure its secret is nowhere in the row.
                var sealedElement = XElement.Parse(row).Descendants(KekXmlEncryptor.ElementName).Single();
                var descriptor = new KekXmlDecryptor(hub.Services).Decrypt(sealedElement);
                var secret = descriptor.Descendants("value").Single().Value;
                Assert.True(secret.Length >= 40, "the decrypted descriptor carries the master key");
                Assert.DoesNotContain(secret, row, StringComparison.Ordinal);
            }
        }

        await using (var again = await BuildHubAsync(Config()))
        {
            Assert.Equal("session", again.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(payload));
        }
    }

    [Fact]
    public async Task A_modified_sealed_key_fails_closed()
    {
        var config = Config();
        string payload;
        await using (var hub = await BuildHubAsync(config))
        {
            payload = hub.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("session");
        }

        await using (var db = StorageServiceCollectionExtensions.CreateContext(config.Hub))
        {
            foreach (var key in await db.DataProtectionKeys.ToListAsync())
            {
                var xml = XElement.Parse(key.Xml!);
                var value = xml.Descendants(KekXmlEncryptor.ElementName).Single().Element("value")!;
                var bytes = Convert.FromBase64String(value.Value);
                bytes[^1] ^= 0x01; // one bit of the ciphertext
                value.Value = Convert.ToBase64String(bytes);
                key.Xml = xml.ToString(SaveOptions.DisableFormatting);
            }
            await db.SaveChangesAsync();
        }

        await using var tampered = await BuildHubAsync(Config());
        Assert.ThrowsAny<CryptographicException>(() => tampered.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(payload));
    }

    [Fact]
    public async Task A_sealed_key_does_not_open_with_another_key_encryption_key()
    {
        var config = Config();
        await using (var hub = await BuildHubAsync(config))
        {
            hub.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("session");
        }
        // (The whole hub refuses to start with another key-encryption key: its signing keys do not open either.)
        var otherHub = new HubSettings { DataFolder = DataFolder, Signing = new SigningSettings { KeyEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) } };
        var services = new ServiceCollection().AddSingleton(Keys.KeyEncryptionKey.Load(otherHub)).BuildServiceProvider();
        var row = Assert.Single(await KeyRowsAsync(config));
        var sealedElement = XElement.Parse(row).Descendants(KekXmlEncryptor.ElementName).Single();
        Assert.ThrowsAny<CryptographicException>(() => new KekXmlDecryptor(services).Decrypt(sealedElement));
    }

    [Fact]
    public async Task The_data_folder_is_0700_and_every_file_the_hub_writes_into_it_is_0600()
    {
        if (OperatingSystem.IsWindows()) return;
        var config = Config();
        await using (var hub = await BuildHubAsync(config))
        {
            hub.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("session");
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(DataFolder));
        var files = Directory.GetFiles(DataFolder).Select(Path.GetFileName).ToList();
        Assert.Contains("key-encryption-key.bin", files);
        Assert.Contains("saml-sp.pfx", files);
        Assert.Contains("hub.db", files);
        foreach (var file in Directory.GetFiles(DataFolder))
        {
            Assert.True(File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}");
        }
    }

    [Fact]
    public void An_existing_data_folder_open_to_others_is_narrowed_and_an_existing_key_file_is_never_replaced()
    {
        if (OperatingSystem.IsWindows()) return;
        Directory.CreateDirectory(DataFolder);
        File.SetUnixFileMode(DataFolder, (UnixFileMode)0b111_101_101);
        Core.Files.OwnerOnlyFiles.EnsureFolder(DataFolder);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(DataFolder));

        var file = Path.Combine(DataFolder, "secret.bin");
        Assert.True(Core.Files.OwnerOnlyFiles.TryCreate(file, [1, 2, 3]));
        Assert.False(Core.Files.OwnerOnlyFiles.TryCreate(file, [4, 5, 6]));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(file));
        Assert.Equal(["secret.bin"], Directory.GetFiles(DataFolder).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_parent, recursive: true);
    }
}

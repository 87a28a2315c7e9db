using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ScsFederation.Hub.DidWeb;

/// <summary>
/// Issuer keys as one JSON file per key under <c>&lt;dataFolder&gt;/issuer-keys/&lt;hash of the DID&gt;/</c>, owner-only. Every
/// write goes to a temporary file that is flushed to disk and then renamed over the record (atomic on POSIX file
/// systems), which is how the port's one-record-all-or-nothing contract is kept. Hub instances that share issuers must
/// share this folder (or the KEK and a database adapter of <see cref="IIssuerKeyStore"/>, not written yet).
/// </summary>
public sealed class FileIssuerKeyStore(string dataFolder) : IIssuerKeyStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly SemaphoreSlim _writes = new(1, 1);

    private string FolderOf(string did) =>
        Path.Combine(dataFolder, "issuer-keys", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(did)))[..24]);

    public async Task<IReadOnlyList<IssuerKeyRecord>> ListAsync(string did, CancellationToken cancellationToken)
    {
        var folder = FolderOf(did);
        if (!Directory.Exists(folder)) return [];
        var records = new List<IssuerKeyRecord>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            var record = await JsonSerializer.DeserializeAsync<IssuerKeyRecord>(stream, Json, cancellationToken)
                         ?? throw new InvalidDataException($"{file} is empty");
            if (record.Did == did) records.Add(record);
        }
        return records;
    }

    public async Task AddAsync(IssuerKeyRecord record, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var file = Path.Combine(FolderOf(record.Did), record.KeyId + ".json");
            if (File.Exists(file)) throw new InvalidOperationException($"issuer key {record.KeyId} of {record.Did} exists already");
            await WriteAsync(file, record, cancellationToken);
        }
        finally { _writes.Release(); }
    }

    public async Task PublishAsync(string did, string keyId, string chainPem, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var record = (await ListAsync(did, cancellationToken)).SingleOrDefault(r => r.KeyId == keyId)
                         ?? throw new InvalidOperationException($"no issuer key {keyId} of {did}");
            var file = Path.Combine(FolderOf(did), keyId + ".json");
            await WriteAsync(file, record with { CertificateChainPem = chainPem, PublishedAt = record.PublishedAt ?? at }, cancellationToken);
        }
        finally { _writes.Release(); }
    }

    private static async Task WriteAsync(string file, IssuerKeyRecord record, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(file)!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temp = Path.Combine(folder, "." + Path.GetFileName(file) + "." + Guid.NewGuid().ToString("n") + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(temp, options))
        {
            await JsonSerializer.SerializeAsync(stream, record, Json, cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, file, overwrite: true);
    }
}

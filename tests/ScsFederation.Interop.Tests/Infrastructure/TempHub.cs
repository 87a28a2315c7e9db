using ScsFederation.Core.Configuration;

namespace ScsFederation.Interop.Tests.Infrastructure;

/// <summary>
/// A hub in this process on a fresh folder: the federation file given as text (relative paths in it resolve in the
/// folder, where <paramref name="files"/> are written first), storage as the run asks (<see cref="TestStorage"/>).
/// Deleted with its folder when disposed.
/// </summary>
public sealed class TempHub : IAsyncDisposable
{
    private TempHub(string folder, HubInstance hub) { Folder = folder; Hub = hub; }

    public string Folder { get; }

    public HubInstance Hub { get; }

    public static async Task<TempHub> StartAsync(string name, string federationYaml, IReadOnlyDictionary<string, string>? files = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"scsfed-{name}-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(folder);
        foreach (var (file, text) in files ?? new Dictionary<string, string>()) await File.WriteAllTextAsync(Path.Combine(folder, file), text);
        var config = FederationFileReader.Parse(federationYaml, Path.Combine(folder, "federation.yaml"), _ => null);
        await TestStorage.ApplyAsync(config.Hub, Path.Combine(folder, "data"));
        var hub = new HubInstance(config);
        await hub.StartAsync();
        return new TempHub(folder, hub);
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

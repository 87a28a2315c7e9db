using ScsFederation.Core.Configuration;

namespace ScsFederation.Provisioning.Tests.Fixtures;

/// <summary>One real Keystone (Debian's package) served on loopback by scripts/keystone.sh; stopped by its PID file.</summary>
public sealed class KeystoneInstance
{
    private readonly string _script = Path.Combine(RepositoryRoot.Path, "scripts", "keystone.sh");

    public KeystoneInstance(string name, int port, string dataFolder, string adminPassword)
    {
        Name = name;
        Port = port;
        DataFolder = dataFolder;
        AdminPassword = adminPassword;
    }

    public string Name { get; }

    public int Port { get; }

    public string DataFolder { get; }

    public string AdminPassword { get; }

    public string Url => $"http://127.0.0.1:{Port}/v3";

    public KeystoneSettings Settings(string? domain = null) => new()
    {
        Url = Url,
        Domain = domain,
        Admin = new KeystoneAdminCredentials { Username = "admin", UserDomain = "Default", Project = "admin", ProjectDomain = "Default", Password = AdminPassword },
    };

    public async Task StartAsync()
    {
        var (code, output) = await ProcessRunner.RunAsync("bash", [_script, "start", Name, Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], Env(), TimeSpan.FromMinutes(3));
        if (code != 0)
        {
            throw new InvalidOperationException($"scripts/keystone.sh start {Name} {Port} failed ({code}); run scripts/install-provisioning.sh first if Keystone is missing:\n{output}");
        }
    }

    public async Task StopAsync()
    {
        var (code, output) = await ProcessRunner.RunAsync("bash", [_script, "stop", Name], Env(), TimeSpan.FromMinutes(1));
        if (code != 0)
        {
            throw new InvalidOperationException($"scripts/keystone.sh stop {Name} failed ({code}):\n{output}");
        }
    }

    private Dictionary<string, string> Env() => new()
    {
        ["KEYSTONE_DATA_DIR"] = DataFolder,
        ["KEYSTONE_ADMIN_PASSWORD"] = AdminPassword,
    };
}

using System.Security.Cryptography;

namespace ScsFederation.Provisioning.Tests.Fixtures;

/// <summary>
/// A real cloud for discovery: a Keystone (scripts/keystone.sh) on 127.0.0.1:9410 and a real Glance image API and
/// Nova compute API (scripts/openstack-services.sh: Debian's Glance 25.1 and Nova 26.2) on :9411 and :9412, on
/// SQLite, bootstrapped fresh in a temporary folder and stopped by PID at the end. The fixture registers them in
/// Keystone's catalog and creates flavors and images with the openstack CLI, as an operator would: two public
/// flavors and a private one, two public images (one with the license/copyright properties) and a private one. A
/// compute endpoint nobody serves (region <c>RegionDown</c>) stands for a Nova that is down, an image endpoint over
/// plain http to a remote host (region <c>RegionRemote</c>) for one the token must not be sent to.
/// </summary>
public sealed class OpenStackServicesFixture : IAsyncLifetime
{
    private const string Name = "test-openstack";
    public const int KeystonePort = 9410, GlancePort = 9411, NovaPort = 9412;

    private static readonly string Parent = Path.Combine(Path.GetTempPath(), "scsfed-openstack-tests");
    private readonly string _root = Path.Combine(Parent, Guid.NewGuid().ToString("n")[..8]);
    private readonly string _script = Path.Combine(RepositoryRoot.Path, "scripts", "openstack-services.sh");

    public OpenStackServicesFixture()
    {
        Keystone = new KeystoneInstance(Name, KeystonePort, Path.Combine(_root, "keystone"), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
    }

    public KeystoneInstance Keystone { get; }

    public string WorkFolder => _root;

    public string GlanceUrl => $"http://127.0.0.1:{GlancePort}";

    public string NovaUrl => $"http://127.0.0.1:{NovaPort}/v2.1";

    /// <summary>A compute endpoint on a port nothing listens on (the discard port).</summary>
    public const string DownNovaUrl = "http://127.0.0.1:9/v2.1";

    /// <summary>An image endpoint over plain http to a host that is not loopback: the admin token must not go there.</summary>
    public const string InsecureGlanceUrl = "http://glance.cloud-os.example:9292";

    public static readonly string[] PublicFlavors = ["SCS-2V-4-20", "SCS-4V-16"];
    public const string PrivateFlavor = "tenant-secret";
    public const string LicensedImage = "Debian 12";
    public const string UnlicensedImage = "Appliance";
    public const string PrivateImage = "secret-private";

    public async Task InitializeAsync()
    {
        if (!File.Exists("/usr/lib/python3/dist-packages/glance/cmd/api.py") || !File.Exists("/usr/lib/python3/dist-packages/nova/cmd/api.py") || !File.Exists("/usr/bin/openstack"))
            throw new InvalidOperationException("Glance, Nova or the openstack CLI is not installed: run scripts/install-openstack-services.sh");
        await StopLeftoversAsync();
        Directory.CreateDirectory(_root);
        await Keystone.StartAsync();
        await RunAsync("bash", [_script, "start", Name, Keystone.Url, GlancePort.ToString(), NovaPort.ToString()], TimeSpan.FromMinutes(4));

        await Os("service", "create", "--name", "glance", "image");
        await Os("endpoint", "create", "--region", "RegionOne", "image", "public", GlanceUrl);
        await Os("service", "create", "--name", "nova", "compute");
        await Os("endpoint", "create", "--region", "RegionOne", "compute", "public", NovaUrl);
        await Os("endpoint", "create", "--region", "RegionOne", "compute", "internal", "http://10.20.0.5:8774/v2.1");
        await Os("service", "create", "--name", "nova-down", "compute");
        await Os("region", "create", "RegionDown");
        await Os("endpoint", "create", "--region", "RegionDown", "nova-down", "public", DownNovaUrl); // by name: two services have type compute
        await Os("service", "create", "--name", "glance-remote", "image");
        await Os("region", "create", "RegionRemote");
        await Os("endpoint", "create", "--region", "RegionRemote", "glance-remote", "public", InsecureGlanceUrl);

        await Os("flavor", "create", "--public", "--vcpus", "2", "--ram", "4096", "--disk", "20", "--description", "general purpose",
            "--property", "scs:name-v1=SCS-2V:4:20", PublicFlavors[0]);
        await Os("flavor", "create", "--public", "--vcpus", "4", "--ram", "16384", "--disk", "0", "--ephemeral", "10", "--swap", "1024", PublicFlavors[1]);
        await Os("flavor", "create", "--private", "--vcpus", "8", "--ram", "32768", "--disk", "0", PrivateFlavor);

        var file = Path.Combine(_root, "image.raw");
        await File.WriteAllBytesAsync(file, RandomNumberGenerator.GetBytes(4096));
        await Os("image", "create", "--public", "--disk-format", "qcow2", "--container-format", "bare", "--file", file, "--min-ram", "512", "--min-disk", "2",
            "--property", "os_distro=debian", "--property", "os_version=12", "--property", "architecture=x86_64", "--property", "hw_firmware_type=uefi",
            "--property", "license=GPL-2.0-or-later", "--property", "copyright_owner=Debian Project", LicensedImage);
        await Os("image", "create", "--public", "--disk-format", "raw", "--container-format", "bare", "--file", file, UnlicensedImage);
        await Os("image", "create", "--private", "--disk-format", "raw", "--container-format", "bare", "--file", file,
            "--property", "license=MIT", "--property", "copyright_owner=Tenant", PrivateImage);
    }

    /// <summary>The openstack CLI as admin of this fixture's Keystone.</summary>
    public Task<string> Os(params string[] args) => RunAsync("openstack", args, TimeSpan.FromMinutes(2));

    private async Task<string> RunAsync(string file, string[] args, TimeSpan timeout)
    {
        var (code, output) = await ProcessRunner.RunAsync(file, args, Env(), timeout);
        if (code != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({code}):\n{output}");
        return output;
    }

    private Dictionary<string, string> Env() => new()
    {
        ["OPENSTACK_DATA_DIR"] = Path.Combine(_root, "services"),
        ["OPENSTACK_ADMIN_PASSWORD"] = Keystone.AdminPassword,
        ["OS_AUTH_URL"] = Keystone.Url,
        ["OS_IDENTITY_API_VERSION"] = "3",
        ["OS_USERNAME"] = "admin",
        ["OS_PASSWORD"] = Keystone.AdminPassword,
        ["OS_PROJECT_NAME"] = "admin",
        ["OS_USER_DOMAIN_NAME"] = "Default",
        ["OS_PROJECT_DOMAIN_NAME"] = "Default",
    };

    /// <summary>Stops, by their PID files, what an interrupted earlier run left on our ports.</summary>
    private async Task StopLeftoversAsync()
    {
        if (!Directory.Exists(Parent)) return;
        foreach (var run in Directory.GetDirectories(Parent))
        {
            if (Directory.Exists(Path.Combine(run, "services")))
                await ProcessRunner.RunAsync("bash", [_script, "stop", Name], new Dictionary<string, string> { ["OPENSTACK_DATA_DIR"] = Path.Combine(run, "services") }, TimeSpan.FromMinutes(1));
            if (File.Exists(Path.Combine(run, "keystone", "keystone.pid")))
                await new KeystoneInstance(Name, 0, Path.Combine(run, "keystone"), Keystone.AdminPassword).StopAsync();
            try { Directory.Delete(run, recursive: true); } catch (IOException) { }
        }
    }

    public async Task DisposeAsync()
    {
        await ProcessRunner.RunAsync("bash", [_script, "stop", Name], Env(), TimeSpan.FromMinutes(1));
        await Keystone.StopAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

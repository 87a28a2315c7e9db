using System.Security.Cryptography;

namespace ScsFederation.Provisioning.Tests.Fixtures;

/// <summary>
/// Two real Keystones on 127.0.0.1:9350 and :9351 standing for two providers, bootstrapped fresh for the test run
/// in a temporary folder and stopped by PID at the end. A missing Keystone fails the tests with the reason.
/// </summary>
public sealed class TwoKeystonesFixture : IAsyncLifetime
{
    // One folder per run under a fixed parent: a run killed before it could stop its Keystones leaves its PID files
    // there, and the next run stops those instances (freeing the ports) without touching any other run's folder.
    private static readonly string Parent = Path.Combine(Path.GetTempPath(), "scsfed-provisioning-tests");
    private readonly string _root = Path.Combine(Parent, Guid.NewGuid().ToString("n")[..8]);

    public TwoKeystonesFixture()
    {
        // A fresh random admin password per run, handed to the CLI through SCSFED_CLOUD_A_PASSWORD as in production.
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        CloudA = new KeystoneInstance("test-cloud-a", 9350, Path.Combine(_root, "cloud-a"), password);
        CloudB = new KeystoneInstance("test-cloud-b", 9351, Path.Combine(_root, "cloud-b"), password);
    }

    public KeystoneInstance CloudA { get; }

    public KeystoneInstance CloudB { get; }

    public string WorkFolder => _root;

    public async Task InitializeAsync()
    {
        if (!File.Exists("/usr/bin/keystone-manage") || !File.Exists("/usr/bin/keystone-wsgi-public"))
        {
            throw new InvalidOperationException("Keystone is not installed (/usr/bin/keystone-manage missing): run scripts/install-provisioning.sh");
        }
        await StopLeftoversAsync();
        Directory.CreateDirectory(_root);
        await Task.WhenAll(CloudA.StartAsync(), CloudB.StartAsync());
    }

    /// <summary>Stops, by their PID files, the Keystones an interrupted earlier run left on our ports.</summary>
    private async Task StopLeftoversAsync()
    {
        if (!Directory.Exists(Parent)) return;
        foreach (var run in Directory.GetDirectories(Parent))
        {
            foreach (var instance in Directory.GetDirectories(run))
            {
                if (!File.Exists(Path.Combine(instance, "keystone.pid"))) continue;
                var name = Path.GetFileName(instance) == "cloud-a" ? CloudA.Name : CloudB.Name;
                await new KeystoneInstance(name, 0, instance, CloudA.AdminPassword).StopAsync();
            }
            try { Directory.Delete(run, recursive: true); } catch (IOException) { }
        }
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(CloudA.StopAsync(), CloudB.StopAsync());
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for inspection when a file is still held; it lives under the temp folder.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class KeystoneCollection : ICollectionFixture<TwoKeystonesFixture>
{
    public const string Name = "real keystones";
}

using System.Diagnostics;

namespace ScsFederation.Rdf.Tests.JsonLd;

/// <summary>Runs the project's Node.js reference scripts (tests/interop/jsonld); fails with a clear message when Node or the npm packages are missing.</summary>
internal static class NodeReferencePeer
{
    public static string InteropFolder => RepositoryRoot.Combine("tests", "interop");

    public static void AssertAvailable()
    {
        var jsonld = Path.Combine(InteropFolder, "node_modules", "jsonld", "package.json");
        var canonize = Path.Combine(InteropFolder, "node_modules", "rdf-canonize", "package.json");
        Assert.True(File.Exists(jsonld) && File.Exists(canonize),
            $"npm packages jsonld and rdf-canonize are missing under {InteropFolder}/node_modules: run scripts/install-rdf.sh (npm ci in tests/interop)");
    }

    /// <summary>Runs <c>node script args</c> in tests/interop and returns stdout; a non-zero exit fails the test with stderr.</summary>
    public static string Run(string script, TimeSpan timeout, params string[] args)
    {
        AssertAvailable();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(InteropFolder, script));
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"Node.js is not installed or not on PATH ({e.Message}); the differential tests need it (scripts/install-rdf.sh)");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"node {script} did not finish within {timeout}");
            }
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"node {script} exited with {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
    }
}

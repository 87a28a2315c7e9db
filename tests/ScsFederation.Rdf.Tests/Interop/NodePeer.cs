using System.Diagnostics;
using System.Text;
using ScsFederation.Rdf.Tests.Canonicalization;

namespace ScsFederation.Rdf.Tests.Interop;

/// <summary>
/// Runs one of the node scripts in tests/interop/rdf against the npm packages installed in tests/interop.
/// A missing node or node_modules is a test failure with the fix in the message, never a silent pass.
/// </summary>
internal static class NodePeer
{
    public static string InteropFolder => RepositoryRoot.Combine("tests", "interop");

    public static (string Stdout, string Stderr) Run(string script, IEnumerable<string> arguments, string? stdin, TimeSpan timeout)
    {
        string scriptPath = Path.Combine(InteropFolder, "rdf", script);
        if (!File.Exists(scriptPath)) throw new InvalidOperationException($"peer script missing: {scriptPath}");
        foreach (var package in new[] { "rdf-canonize", "n3" })
        {
            if (!Directory.Exists(Path.Combine(InteropFolder, "node_modules", package)))
                throw new InvalidOperationException($"npm package '{package}' is not installed in {InteropFolder}; run scripts/install-rdf.sh (npm ci)");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(InteropFolder, "rdf"),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add(scriptPath);
        foreach (var a in arguments) start.ArgumentList.Add(a);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node (Node.js >= 20) is not on PATH; install it (scripts/install-rdf.sh expects it)", e);
        }

        using (process)
        {
            var stdoutTask = process.StandardOutput.ReadToEndAsync();
            var stderrTask = process.StandardError.ReadToEndAsync();
            if (stdin is not null) process.StandardInput.Write(stdin);
            process.StandardInput.Close();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node {script} did not finish within {timeout}");
            }
            process.WaitForExit();
            string stdout = stdoutTask.GetAwaiter().GetResult();
            string stderr = stderrTask.GetAwaiter().GetResult();
            if (process.ExitCode != 0) throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {stderr}");
            return (stdout, stderr);
        }
    }
}

using System.Diagnostics;
using System.Text;

namespace ScsFederation.Testing;

/// <summary>A Node.js peer from tests/interop (shared by the test projects): a server that prints READY, or a command run to completion.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static string InteropFolder => RepositoryRoot.Combine("tests", "interop");

    private static ProcessStartInfo StartInfo(string script, IEnumerable<string> args)
    {
        if (!Directory.Exists(System.IO.Path.Combine(InteropFolder, "node_modules")))
        {
            throw new InvalidOperationException("tests/interop/node_modules is missing: run scripts/install-hub.sh (npm ci) first");
        }
        var psi = new ProcessStartInfo("node") { WorkingDirectory = InteropFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>Starts a server script and waits for its READY line.</summary>
    public static async Task<NodeProcess> StartServerAsync(string script, params string[] args)
    {
        var process = Process.Start(StartInfo(script, args)) ?? throw new InvalidOperationException("node did not start");
        var node = new NodeProcess(process);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (node._output) node._output.AppendLine(e.Data);
            if (e.Data.StartsWith("READY", StringComparison.Ordinal)) ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (node._output) node._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
        if (finished != ready.Task)
        {
            await node.DisposeAsync();
            throw new InvalidOperationException($"{script} did not become ready:\n{node.Output}");
        }
        return node;
    }

    /// <summary>Runs a script to completion; returns exit code and standard output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, TimeSpan timeout, params string[] args)
    {
        using var process = Process.Start(StartInfo(script, args)) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within {timeout}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a script that reads one JSON job on standard input and prints one JSON result.</summary>
    public static async Task<System.Text.Json.Nodes.JsonNode> RunJobAsync(string script, System.Text.Json.Nodes.JsonNode job, TimeSpan timeout)
    {
        var psi = StartInfo(script, []);
        psi.RedirectStandardInput = true;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(job.ToJsonString());
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} failed: {await stderr}");
        return System.Text.Json.Nodes.JsonNode.Parse(await stdout) ?? throw new InvalidOperationException($"{script} printed nothing");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

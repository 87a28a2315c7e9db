using System.Diagnostics;
using System.Text;

namespace ScsFederation.Provisioning.Tests.Fixtures;

/// <summary>
/// The hub as operators run it: the built ScsFederation.Hub.dll as a child process on a federation file, up when its
/// discovery document answers, killed (whole process tree) at the end. Its console output is kept for failure messages.
/// </summary>
internal sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HubProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the hub wrote to its console so far (its log).</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public static async Task<HubProcess> StartAsync(string federationFile, string issuer, IDictionary<string, string> environment)
    {
        // Build where the solution build puts it (incremental, usually a no-op under scripts/test.sh): building
        // with -o into a fresh folder races on the referenced projects' deps files.
        var hubProject = Path.Combine(RepositoryRoot.Path, "src", "ScsFederation.Hub");
        var hubOut = Path.Combine(hubProject, "bin", "Release", "net10.0");
        var (buildCode, buildOut) = await ProcessRunner.RunAsync("dotnet", ["build", hubProject, "-c", "Release", "-nologo", "-v", "q"], null, TimeSpan.FromMinutes(10));
        if (buildCode != 0) throw new InvalidOperationException("could not build the hub:\n" + buildOut);

        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = hubOut };
        psi.ArgumentList.Add(Path.Combine(hubOut, "ScsFederation.Hub.dll"));
        psi.ArgumentList.Add("--config");
        psi.ArgumentList.Add(federationFile);
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        var hub = new HubProcess(Process.Start(psi)!);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await http.GetAsync(issuer + "/.well-known/openid-configuration")).IsSuccessStatusCode) return hub;
            }
            catch (HttpRequestException) when (i < 120)
            {
            }
            if (hub._process.HasExited) throw new InvalidOperationException($"the hub exited with {hub._process.ExitCode} during start-up:\n{hub.Output}");
            if (i >= 120) throw new InvalidOperationException("the hub did not answer its discovery document within 60 s:\n" + hub.Output);
            await Task.Delay(500);
        }
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

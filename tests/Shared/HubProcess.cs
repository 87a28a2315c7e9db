using System.Diagnostics;
using System.Text;

namespace ScsFederation.Testing;

/// <summary>
/// The hub as operators run it — the built ScsFederation.Hub.dll (or a self-contained publish) as a child process on
/// a federation file — for what only a process shows: its console output (log format, secrets), its listeners, how
/// it ends on SIGTERM, and hubs that tests run beside Keystones. Up when <c>/health/started</c> answers 200; killed
/// (whole process tree) at the end. Shared by the test projects.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
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

    public string Output { get { lock (_output) return _output.ToString(); } }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>
    /// Starts the solution build's ScsFederation.Hub.dll, or the self-contained <paramref name="executable"/> (a
    /// published hub), and waits until <paramref name="baseUrl"/><c>/health/started</c> answers 200.
    /// </summary>
    public static async Task<HubProcess> StartAsync(string federationFile, string baseUrl, IDictionary<string, string>? environment = null, string? executable = null)
    {
        ProcessStartInfo psi;
        if (executable is not null)
        {
            psi = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(executable)! };
        }
        else
        {
            // Where the solution build (scripts/test.sh) puts it; built in place when missing — building with -o into
            // a fresh folder would race on the referenced projects' deps files.
            var hubProject = Path.Combine(RepositoryRoot.Path, "src", "ScsFederation.Hub");
            var hubOut = Path.Combine(hubProject, "bin", "Release", "net10.0");
            if (!File.Exists(Path.Combine(hubOut, "ScsFederation.Hub.dll")))
            {
                using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", hubProject, "-c", "Release", "-nologo", "-v", "q"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                var buildOutput = await build.StandardOutput.ReadToEndAsync() + await build.StandardError.ReadToEndAsync();
                await build.WaitForExitAsync();
                if (build.ExitCode != 0) throw new InvalidOperationException("could not build the hub:\n" + buildOutput);
            }
            psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = hubOut };
            psi.ArgumentList.Add(Path.Combine(hubOut, "ScsFederation.Hub.dll"));
        }
        psi.ArgumentList.Add("--config");
        psi.ArgumentList.Add(federationFile);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var hub = new HubProcess(Process.Start(psi)!);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await http.GetAsync(baseUrl + "/health/started")).IsSuccessStatusCode) return hub;
            }
            catch (HttpRequestException) when (i < 120) { }
            catch (TaskCanceledException) when (i < 120) { }
            if (hub._process.HasExited) throw new InvalidOperationException($"the hub exited with {hub._process.ExitCode} during start-up:\n{hub.Output}");
            if (i >= 120) throw new InvalidOperationException("the hub did not start within 60 s:\n" + hub.Output);
            await Task.Delay(500);
        }
    }

    /// <summary>What an orchestrator does to stop a pod: SIGTERM, then wait.</summary>
    public async Task<int> TerminateAsync(TimeSpan wait)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(wait);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
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

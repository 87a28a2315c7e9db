using System.Diagnostics;

namespace ScsFederation.Provisioning.Tests.Fixtures;

/// <summary>The real <c>scsfed</c> CLI, run as a child process (built on demand) so a test can kill it mid-run.</summary>
internal static class ScsfedCli
{
    private static readonly SemaphoreSlim BuildLock = new(1, 1);

    public static string Dll => Path.Combine(RepositoryRoot.Path, "src", "ScsFederation.Cli", "bin", "Debug", "net10.0", "scsfed.dll");

    public static async Task EnsureBuiltAsync()
    {
        await BuildLock.WaitAsync();
        try
        {
            var (code, output) = await ProcessRunner.RunAsync("dotnet", ["build", Path.Combine(RepositoryRoot.Path, "src", "ScsFederation.Cli"), "-nologo", "-v", "q"], null, TimeSpan.FromMinutes(5));
            if (code != 0 || !File.Exists(Dll))
            {
                throw new InvalidOperationException($"could not build the scsfed CLI (needed to run it as a child process):\n{output}");
            }
        }
        finally
        {
            BuildLock.Release();
        }
    }

    public static ProcessStartInfo StartInfo(string password, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["SCSFED_CLOUD_A_PASSWORD"] = password;
        return psi;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string password, params string[] args)
    {
        using var p = Process.Start(StartInfo(password, args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout + await stderr);
    }
}

using System.Diagnostics;
using ScsFederation.Provisioning.Tests.Fixtures;

namespace ScsFederation.Provisioning.Tests;

/// <summary>
/// <c>scsfed provision apply</c> on a terminal (a pseudo-terminal from util-linux <c>script</c>) draws live progress
/// bars on stderr, while stdout keeps the summary line; piped, it stays plain text (FaultTests read those lines).
/// </summary>
[Collection(KeystoneCollection.Name)]
public sealed class CliTerminalProgressTests(TwoKeystonesFixture fx)
{
    [Fact]
    public async Task On_a_terminal_apply_draws_progress_bars_and_still_prints_the_summary()
    {
        await ScsfedCli.EnsureBuiltAsync();
        var s = await ProvisioningScenario.CreateAsync(fx);
        var file = s.WriteFederationFile();
        var password = fx.CloudA.AdminPassword;
        var (onboard, onboardOut) = await ScsfedCli.RunAsync(password, "provider", "onboard", "cloud-a", "--config", file);
        Assert.True(onboard == 0, onboardOut);
        for (var i = 0; i < 5; i++) await s.SetAccountAsync($"tty-{i}", $"t{i:D2}", "scs-admins");

        var command = string.Join(' ', new[] { "dotnet", ScsfedCli.Dll, "provision", "apply", "--config", file }.Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        var psi = new ProcessStartInfo("script", ["-qefc", command, "/dev/null"]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.Environment["SCSFED_CLOUD_A_PASSWORD"] = password;
        psi.Environment["TERM"] = "xterm-256color";
        psi.Environment["COLUMNS"] = "120";
        using var tty = Process.Start(psi)!;
        var output = tty.StandardOutput.ReadToEndAsync();
        var errors = tty.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await tty.WaitForExitAsync(timeout.Token);
        var text = await output + await errors;

        Assert.True(tty.ExitCode == 0, text);
        Assert.Contains("provider cloud-a: Completed", text);
        Assert.Contains("\u001b[", text);                 // drawn with ANSI control sequences
        Assert.Contains("cloud-a", text);
        Assert.Contains("100%", text);
        Assert.DoesNotContain("[cloud-a] ", text);         // not the plain per-phase lines of a pipe
    }
}

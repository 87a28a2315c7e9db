using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScsFederation.Saml.Tests;

/// <summary>Runs tests/interop/saml/samlify-idp.mjs (samlify as the IdP) with one JSON job.</summary>
internal static class SamlifyIdentityProvider
{
    public static string Script => RepositoryRoot.Combine("tests", "interop", "saml", "samlify-idp.mjs");

    public static void RequirePrerequisites()
    {
        var samlify = RepositoryRoot.Combine("tests", "interop", "node_modules", "samlify", "package.json");
        if (!File.Exists(samlify))
            throw new InvalidOperationException($"samlify is not installed ({samlify} missing): run scripts/install-saml.sh (npm ci in tests/interop)");
    }

    public static async Task<JsonObject> RunAsync(JsonObject job, CancellationToken cancellationToken = default)
    {
        RequirePrerequisites();
        var start = new ProcessStartInfo("node", [Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Combine("tests", "interop", "saml"),
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node (>= 20) is not on PATH: run scripts/install-saml.sh", e);
        }
        using (process)
        {
            await process.StandardInput.WriteAsync(job.ToJsonString());
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw new TimeoutException("samlify-idp.mjs did not finish within 2 minutes");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"samlify-idp.mjs failed ({process.ExitCode}): {await stderr}");
            return JsonNode.Parse(await stdout)!.AsObject();
        }
    }
}

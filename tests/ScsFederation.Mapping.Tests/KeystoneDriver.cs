using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace ScsFederation.Mapping.Tests;

/// <summary>
/// Runs Keystone's real mapping engine (Debian's python3-keystone, system python) through
/// tests/interop/keystone-mapping/keystone_mapping_driver.py: one process for a whole batch.
/// Missing prerequisites fail the calling test with the install hint.
/// </summary>
internal static class KeystoneDriver
{
    private const string Python = "/usr/bin/python3";

    public static Dictionary<string, JsonObject> Run(IEnumerable<JsonObject> requests, TimeSpan? timeout = null)
    {
        var script = RepositoryRoot.Combine("tests", "interop", "keystone-mapping", "keystone_mapping_driver.py");
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} not found: run scripts/install-keystone.sh");
        }

        var input = new StringBuilder();
        foreach (var request in requests)
        {
            input.Append(request.ToJsonString()).Append('\n');
        }

        var start = new ProcessStartInfo(Python, [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONHASHSEED"] = "0";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + Python);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input.ToString());
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("keystone mapping driver did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"keystone mapping driver failed (exit {process.ExitCode}); is Debian's keystone installed (scripts/install-keystone.sh)?\n{stderr.Result}");
        }

        var responses = new Dictionary<string, JsonObject>();
        foreach (var line in stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var response = JsonNode.Parse(line)!.AsObject();
            responses[response["id"]!.ToString()] = response;
        }

        return responses;
    }
}

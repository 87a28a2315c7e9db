using System.Text.Json.Nodes;

namespace ScsFederation.Credentials.Tests.Interop;

/// <summary>tests/interop/credentials/vc-peer.mjs: jose 6, jsonld 9, rdf-canonize 5 (ES256K: node:crypto). One process per batch of ops.</summary>
internal static class JosePeer
{
    public static async Task<JsonObject[]> RunAsync(params JsonObject[] ops)
    {
        var result = await NodeProcess.RunJobAsync("credentials/vc-peer.mjs", new JsonObject { ["ops"] = new JsonArray(ops) }, TimeSpan.FromMinutes(3));
        var results = result["results"]!.AsArray().Select(r => r!.AsObject()).ToArray();
        foreach (var r in results)
            if (r["error"] is { } e && r["ok"] is null) throw new InvalidOperationException($"peer op failed: {e}");
        return results;
    }

    public static async Task<JsonObject> OneAsync(JsonObject op) => (await RunAsync(op))[0];
}

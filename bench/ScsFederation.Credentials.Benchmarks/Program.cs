// usage: dotnet ScsFederation.Credentials.Benchmarks.dll KEY.jwk SECONDS DOC.json...
//   JsonWebSignature2020 (Gaia-X flavour) PS256 sign and verify of each document, the same key and
//   inputs as tests/interop/credentials/bench-jws2020.mjs. One JSON line per (operation, document):
//   "sign, key held" signs with a key imported once before (as a signing service holds it).
//   cold = the first operation in this process (JIT, context cache, key import included), in CPU and
//   wall milliseconds; warm = after warm-up, CPU milliseconds per operation (process CPU time over the
//   timed loop / iterations) and the median wall time. Single-threaded.
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.Proofs;

var jwk = JsonWebKey.Parse(File.ReadAllText(args[0]));
var seconds = double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var vm = "did:web:bench.example#key-1";
var did = new JsonObject
{
    ["id"] = "did:web:bench.example",
    ["verificationMethod"] = new JsonArray(new JsonObject { ["id"] = vm, ["type"] = "JsonWebKey2020", ["publicKeyJwk"] = jwk.ToPublic().ToJson() }),
};
var keys = new DidDocumentKeySource(did);
var jsonLd = new ScsFederation.Rdf.JsonLd.JsonLdOptions();
var suite = new JsonWebSignature2020(jsonLd);
// "key held": imported once, as a signing service holds its key (the first use pays OpenSSL's blinding set-up).
using var heldKey = JwsKey.Create(jwk, "PS256");
var process = Process.GetCurrentProcess();
// BENCH_COLD_ONLY=1: only the cold figures (each case's first operation), no warm loop (the ReadyToRun runs).
var coldOnly = Environment.GetEnvironmentVariable("BENCH_COLD_ONLY") == "1";

foreach (var file in args.Skip(2))
{
    var doc = (JsonObject)JsonNode.Parse(File.ReadAllText(file))!;
    doc.Remove("proof");
    doc["issuer"] = "did:web:bench.example";
    JsonObject? signed = null;
    async Task Sign() { using var key = JwsKey.Create(jwk, "PS256"); signed = await suite.SignAsync(doc, key, vm, Jws2020Flavour.GaiaX); }
    async Task SignHeld() { signed = await suite.SignAsync(doc, heldKey, vm, Jws2020Flavour.GaiaX); }
    // A new suite each time: its verification-key cache starts empty, so the public key is imported every time, as on the JS side;
    // the JSON-LD options (document loader, processed-context caches) are shared, as jsonld.js shares its context cache.
    async Task Verify() { var r = await new JsonWebSignature2020(jsonLd).VerifyAsync(signed!, keys); if (!r.Ok) throw new InvalidOperationException(r.Reason); }
    async Task VerifyCached() { var r = await suite.VerifyAsync(signed!, keys); if (!r.Ok) throw new InvalidOperationException(r.Reason); }
    await Measure("jws2020 sign PS256", file, Sign);
    await Measure("jws2020 verify PS256", file, Verify);
    await Measure("jws2020 sign PS256, key held", file, SignHeld);
    if (Environment.GetEnvironmentVariable("BENCH_VERIFY_CACHED") == "1") await Measure("jws2020 verify PS256, key cached", file, VerifyCached);
}

// Last (so the cold figures above are a fresh process's): the floor: the JWS signature alone over a Gaia-X-sized signing input (protected header + "." + 64 hex characters),
// no JSON-LD, no canonicalization: what the RSA private-key operation (+ hashing, padding) costs here.
var floorInput = System.Text.Encoding.ASCII.GetBytes("eyJhbGciOiJQUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19." + new string('a', 64));
await Measure("PS256 signature only, key held", "(64-byte payload)", () => { heldKey.Sign(floorInput); return Task.CompletedTask; });
await Measure("PS256 signature only, key imported", "(64-byte payload)", () => { using var key = JwsKey.Create(jwk, "PS256"); key.Sign(floorInput); return Task.CompletedTask; });

async Task Measure(string name, string file, Func<Task> op)
{
    var cpu0 = process.TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    await op();
    var coldWall = wall.Elapsed.TotalMilliseconds;
    process.Refresh();
    var coldCpu = (process.TotalProcessorTime - cpu0).TotalMilliseconds;

    if (coldOnly)
    {
        Console.WriteLine(JsonSerializer.Serialize(new { name, input = file.StartsWith('(') ? file : Path.GetFileName(file), cold_cpu_ms = Math.Round(coldCpu, 2), cold_wall_ms = Math.Round(coldWall, 2) }));
        return;
    }
    var warmUntil = Stopwatch.StartNew();
    // Warm-up long enough for tiered JIT to finish (its background compiling would otherwise land in the warm CPU time).
    for (var i = 0; i < 3 || (warmUntil.ElapsedMilliseconds < 5000 && i < 5000); i++) await op();
    var samples = new List<double>();
    process.Refresh();
    var cpuStart = process.TotalProcessorTime;
    var total = Stopwatch.StartNew();
    while (samples.Count < 10 || total.Elapsed.TotalSeconds < seconds)
    {
        var t = Stopwatch.GetTimestamp();
        await op();
        samples.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpuStart).TotalMilliseconds / samples.Count;
    samples.Sort();
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        name, input = file.StartsWith('(') ? file : Path.GetFileName(file), cold_cpu_ms = Math.Round(coldCpu, 2), cold_wall_ms = Math.Round(coldWall, 2),
        warm_cpu_ms = Math.Round(cpu, 3), warm_median_ms = Math.Round(samples[samples.Count / 2], 3), iterations = samples.Count,
    }));
}

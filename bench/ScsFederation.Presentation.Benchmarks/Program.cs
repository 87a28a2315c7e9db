// Verifying a Gaia-X 25.11 presentation (bench/presentation.sh): a VP-JWT holding 10 enveloped VC-JWTs.
//   make OUTDIR
//     writes OUTDIR/vp.jwt and OUTDIR/dids.json: the credential set the hub's ProviderCredentialBuilder builds for a
//     provider (gx:Address, gx:LegalPerson, gx:Issuer, 6 gx:ServiceOffering), plus a notary's gx:VatID credential,
//     each signed as a VC-JWT (PS256, RSA-2048; the provider's 9 with the GXDCH profile, the notary's with the
//     notary profile), wrapped as envelopes in a VP-JWT the provider signs.
//   SHAPES.ttl CLASSES.ttl SECONDS VP.jwt DIDS.json [CASE]
//     shapes loaded once (Turtle parse + compile, timed apart), then two cases, each a cold first run and a warm
//     timed loop, one JSON line each:
//       "vp verify"         every signature (VP + 10 VCs; a new verifier each time, so each key is imported once per
//                           run), header profile, issuer binding, dates, decoding of every payload;
//       "vp verify + shacl" the same, then the credential subjects of every VC as JSON-LD → RDF, merged with the class
//                           hierarchy, SHACL-validated against the shapes.
//   CPU time is the process's user + system time. Single-threaded.
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Jwt;
using ScsFederation.Credentials.Keys;
using ScsFederation.Rdf.JsonLd;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.Turtle;
using ScsFederation.SelfDescription;
using ScsFederation.Shacl;

if (args[0] == "make")
{
    Make.Write(args[1]);
    return;
}

var process = Process.GetCurrentProcess();
double Cpu() { process.Refresh(); return process.TotalProcessorTime.TotalMilliseconds; }

var (shapesFile, classesFile, seconds) = (args[0], args[1], double.Parse(args[2], CultureInfo.InvariantCulture));
var vp = File.ReadAllText(args[3]).Trim();
var dids = JsonNode.Parse(File.ReadAllText(args[4]))!.AsArray().OfType<JsonObject>().ToArray();
var keys = new DidDocumentKeySource(dids);

var cpu0 = Cpu();
var shapes = ShapesGraph.Load(new TurtleParser().Parse(File.ReadAllText(shapesFile)));
var classes = new TurtleParser().Parse(File.ReadAllText(classesFile));
var loadCpu = Cpu() - cpu0;

var results = 0;
var quads = 0;

List<JsonObject> Verify()
{
    var result = new VcJwtVerifier(keys).Verify(vp);
    if (!result.Ok) throw new InvalidOperationException($"{result.Reason}: {result.Detail}");
    if (result.Enveloped.Count != 10) throw new InvalidOperationException($"{result.Enveloped.Count} enveloped credentials");
    return [.. result.Enveloped.Select(r => r.Credential!.Json)];
}

async Task VerifyAndValidate()
{
    var datasets = new List<RdfDataset> { classes };
    foreach (var vc in Verify())
    {
        // The credential subjects only (as ProviderCredentialSet.SubjectGraph): the closed Gaia-X shapes are about
        // the subjects, not the VC node that carries them.
        var graph = new JsonArray();
        foreach (var subject in vc["credentialSubject"] switch { JsonArray a => a.OfType<JsonObject>(), JsonObject o => [o], _ => [] })
            graph.Add(subject.DeepClone());
        datasets.Add(await JsonLdProcessor.ToRdfAsync(new JsonObject { ["@context"] = vc["@context"]!.DeepClone(), ["@graph"] = graph }));
    }
    var report = shapes.Validate(new ScsFederation.Shacl.Graph.DataGraph([.. datasets]));
    results = report.Results.Count;
    quads = datasets.Skip(1).Sum(d => d.Count);
}

// An optional 6th argument runs one case only, so that its cold figure is a fresh process's first run.
var only = args.Length > 5 ? args[5] : null;
if (only is null or "vp verify") await Measure("vp verify", () => { Verify(); return Task.CompletedTask; });
if (only is null or "vp verify + shacl") await Measure("vp verify + shacl", VerifyAndValidate);

async Task Measure(string name, Func<Task> op)
{
    var c0 = Cpu();
    var wall = Stopwatch.StartNew();
    await op();
    var coldWall = wall.Elapsed.TotalMilliseconds;
    var coldCpu = Cpu() - c0;
    var warmUntil = Stopwatch.StartNew();
    // Warm-up long enough for tiered JIT to finish (its background compiling would otherwise land in the warm CPU time).
    for (var i = 0; i < 20 || (warmUntil.ElapsedMilliseconds < 5000 && i < 5000); i++) await op();
    var samples = new List<double>();
    var cpuStart = Cpu();
    var total = Stopwatch.StartNew();
    while (samples.Count < 10 || total.Elapsed.TotalSeconds < seconds)
    {
        var t = Stopwatch.GetTimestamp();
        await op();
        samples.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }
    var warmCpu = (Cpu() - cpuStart) / samples.Count;
    samples.Sort();
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        name, input = Path.GetFileName(args[3]), vp_bytes = vp.Length, quads, results, load_cpu_ms = Math.Round(loadCpu, 1),
        cold_cpu_ms = Math.Round(coldCpu, 2), cold_wall_ms = Math.Round(coldWall, 2),
        warm_cpu_ms = Math.Round(warmCpu, 3), warm_median_ms = Math.Round(samples[samples.Count / 2], 3), iterations = samples.Count,
    }));
}

internal static class Make
{
    private const string Hub = "https://hub.example/";

    public static void Write(string dir)
    {
        Directory.CreateDirectory(dir);
        var now = DateTimeOffset.UtcNow;
        var provider = new CloudProvider
        {
            Id = "scs-one", DisplayName = "SCS One",
            GaiaX = new GaiaXProviderSettings
            {
                LegalName = "SCS One GmbH",
                Description = "A sovereign cloud provider",
                RegistrationNumber = new GaiaXRegistrationNumber { VatId = "DE123456789" },
                HeadquartersAddress = new GaiaXAddress { CountryCode = "DE", CountryName = "Germany", Locality = "Berlin", PostalCode = "10115", StreetAddress = "Chausseestr. 1" },
                TermsAndConditions = new GaiaXDocument { Url = "https://scs-one.example/terms", Hash = new string('a', 64) },
                ServicePolicy = new GaiaXPolicy { Language = "Rego", Document = "package scs\ndefault allow := true" },
                DataAccountExport = new GaiaXDataAccountExport(),
                Keywords = ["sovereign cloud"],
            },
        };
        // A Keystone catalog with five public services (one in two regions) and a Kubernetes cluster: 6 offerings.
        var inventory = new CloudInventory(
        [
            new CloudService("identity", "keystone", [new("public", "RegionOne", "https://keystone.scs-one.example/v3"), new("internal", "RegionOne", "http://10.0.0.5:5000/v3")]),
            new CloudService("compute", "nova", [new("public", "RegionOne", "https://nova.scs-one.example/v2.1"), new("admin", "RegionOne", "http://10.0.0.6:8774/v2.1")]),
            new CloudService("image", "glance", [new("public", "RegionTwo", "https://glance-2.scs-one.example"), new("public", "RegionOne", "https://glance.scs-one.example")]),
            new CloudService("object-store", "swift", [new("public", "RegionOne", "https://swift.scs-one.example/v1")]),
            new CloudService("placement", "placement", [new("internal", "RegionOne", "http://10.0.0.7:8778")]),
        ],
        [new KubernetesCluster("k8s-one", "https://k8s.scs-one.example:6443", "v1.33", Hub, "kube-one")]);
        var set = new ProviderCredentialBuilder(Hub).Build(provider, inventory, now);
        if (set.Credentials.Count != 9) throw new InvalidOperationException($"{set.Credentials.Count} credentials built, 9 expected");

        var (providerKey, providerDid) = Key(set.IssuerDid);
        var (notaryKey, notaryDid) = Key("did:web:notary.example");
        var providerSigner = new VcJwtSigner(providerKey, set.IssuerDid + "#key-1", VcJwtProfile.Gxdch) { Clock = () => now };
        var notarySigner = new VcJwtSigner(notaryKey, "did:web:notary.example#key-1", VcJwtProfile.GxdchNotary) { Clock = () => now };
        var registration = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", ProviderCredentialBuilder.GxNamespace),
            ["type"] = new JsonArray("VerifiableCredential", "gx:VatID"),
            ["id"] = set.RegistrationNumber.VcId,
            ["issuer"] = "did:web:notary.example",
            ["validFrom"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["validUntil"] = (now + TimeSpan.FromDays(90)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = set.RegistrationNumber.SubjectId, ["type"] = "gx:VatID",
                ["gx:vatID"] = set.RegistrationNumber.Number, ["gx:countryCode"] = "DE",
            },
        };
        var jwts = set.Credentials.Select(c => providerSigner.Sign(c.Credential)).Prepend(notarySigner.Sign(registration)).ToList();
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["id"] = set.PresentationId,
            ["holder"] = set.IssuerDid,
            ["validFrom"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        File.WriteAllText(Path.Combine(dir, "vp.jwt"), providerSigner.SignPresentation(presentation, jwts));
        File.WriteAllText(Path.Combine(dir, "dids.json"), new JsonArray(providerDid, notaryDid).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static (JwsKey Key, JsonObject Did) Key(string did)
    {
        using var rsa = RSA.Create(2048);
        var jwk = JsonWebKey.FromRsa(rsa, includePrivate: true);
        var key = JwsKey.Create(jwk, "PS256");
        var publicJwk = jwk.ToPublic().ToJson();
        publicJwk["alg"] = "PS256";
        return (key, new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1"),
            ["id"] = did,
            ["verificationMethod"] = new JsonArray(new JsonObject { ["id"] = did + "#key-1", ["type"] = "JsonWebKey2020", ["controller"] = did, ["publicKeyJwk"] = publicJwk }),
            ["assertionMethod"] = new JsonArray(did + "#key-1"),
        });
    }
}

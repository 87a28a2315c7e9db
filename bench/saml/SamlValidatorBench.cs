#:project ../../src/ScsFederation.Saml/ScsFederation.Saml.csproj
#:property PublishAot=false
// Times ScsFederation.Saml's SamlResponseValidator on the responses bench/saml.sh had samlify sign.
// usage: dotnet run SamlValidatorBench.cs -- RESPONSES.json IDP-METADATA.xml SP-ENTITY-ID ACS PASSES
using System.Diagnostics;
using System.Text.Json;
using ScsFederation.Saml;

var responses = JsonDocument.Parse(File.ReadAllText(args[0])).RootElement.GetProperty("responses")
    .EnumerateObject().Select(p => p.Value.GetString()!).ToArray();
var metadata = await SamlMetadataReader.ReadFileAsync(args[1], null, CancellationToken.None);
var expectations = new SamlResponseExpectations(
    new SamlServiceProviderOptions { EntityId = args[2], AssertionConsumerServiceUrls = [args[3]] },
    SamlIdentityProviderOptions.FromMetadata(metadata) with { AllowUnsolicited = true },
    args[3]);
var passes = int.Parse(args[4]);

// Each pass gets a fresh replay cache: the same responses are validated again, as samlify (which keeps no cache) does.
async Task<double> Pass()
{
    var validator = new SamlResponseValidator(new InMemorySamlReplayCache(), new InMemorySamlRequestStore());
    var watch = Stopwatch.StartNew();
    foreach (var response in responses)
    {
        var result = await validator.ValidateAsync(response, expectations, CancellationToken.None);
        if (!result.Succeeded) throw new InvalidOperationException(result.ToString());
    }
    return watch.Elapsed.TotalMilliseconds;
}

await Pass(); // warm-up (JIT, crypto provider)
// CPU time as well as wall time: the bench machine is shared, and CPU time is less sensitive to other load.
var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
var total = 0.0;
for (var i = 0; i < passes; i++) total += await Pass();
var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds;
var n = responses.Length * passes;
Console.WriteLine(JsonSerializer.Serialize(new
{
    op = "ScsFederation.Saml SamlResponseValidator.ValidateAsync",
    n,
    mean_ms = Math.Round(total / n, 3),
    per_s = Math.Round(1000.0 * n / total, 1),
    cpu_ms = Math.Round(cpu, 1),
    per_cpu_s = Math.Round(1000.0 * n / cpu, 1),
}));

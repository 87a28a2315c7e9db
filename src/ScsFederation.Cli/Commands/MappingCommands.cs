using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Mapping;

namespace ScsFederation.Cli.Commands;

/// <summary>
/// <c>scsfed mapping</c>: test, validate and export Keystone-format mapping rules.
/// Exit codes (as the issue fixes them): 0 mapped/valid, 1 no rule matched, 2 invalid rules or input.
/// </summary>
internal static class MappingCommands
{
    private const int Mapped = 0;
    private const int NoMatch = 1;
    private const int Invalid = 2;

    public static Command Create()
    {
        var group = new Command("mapping", "Keystone-compatible role mapping rules (OS-FEDERATION format plus the kubernetes extension)");
        group.Subcommands.Add(CreateTest());
        group.Subcommands.Add(CreateValidate());
        group.Subcommands.Add(CreateExport());
        group.Subcommands.Add(CreateBench());
        return group;
    }

    private static Command CreateTest()
    {
        var rules = new Option<FileInfo>("--rules") { Description = "Mapping rules (JSON, Keystone format; a bare rules array is accepted like keystone-manage)", Required = true };
        var input = new Option<FileInfo>("--input") { Description = "Assertion: 'KEY: value' lines (keystone-manage mapping_engine --input) or a JSON object of claims", Required = true };
        var prefix = new Option<string?>("--prefix") { Description = "Only use assertion keys with this prefix (as keystone-manage --prefix)" };
        var command = new Command("test", "Map an assertion with the rules and print the result like keystone-manage mapping_engine, plus 'kubernetes'");
        command.Options.Add(rules);
        command.Options.Add(input);
        command.Options.Add(prefix);
        command.SetAction(parseResult =>
        {
            if (!TryLoadRules(parseResult.GetValue(rules)!, out var ruleSet))
            {
                return Invalid;
            }

            IReadOnlyDictionary<string, IReadOnlyList<string>> assertion;
            var inputFile = parseResult.GetValue(input)!;
            try
            {
                var text = File.ReadAllText(inputFile.FullName);
                if (text.TrimStart().StartsWith('{'))
                {
                    using var claims = JsonDocument.Parse(text);
                    // The hub's one claims view (MappingAssertion), as login, refresh and the admin dry-run use it.
                    assertion = MappingAssertion.FromJson(claims.RootElement);
                }
                else
                {
                    assertion = AssertionAttributes.ParseKeystoneEnvironment(text, parseResult.GetValue(prefix));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or AssertionFormatException)
            {
                return Fail("invalid_input", inputFile.FullName, e.Message);
            }

            try
            {
                var outcome = MappingEngine.Evaluate(ruleSet!, assertion);
                if (outcome.Result is null)
                {
                    WriteJson(new JsonObject { ["error"] = "no_match", ["message"] = MappingOutcome.NoMatchMessage });
                    return NoMatch;
                }

                Console.Out.WriteLine(MappingResultJson.ToJson(outcome.Result));
                return Mapped;
            }
            catch (MappingEvaluationException e)
            {
                var error = e.Kind switch
                {
                    MappingErrorKind.DirectMapping => "direct_mapping_error",
                    MappingErrorKind.RegexTimeout => "regex_timeout",
                    MappingErrorKind.InvalidKubernetesGrant => "invalid_kubernetes_grant",
                    _ => "validation_error",
                };
                return Fail(error, e.JsonPath, e.Reason);
            }
        });
        return command;
    }

    private static Command CreateValidate()
    {
        var rules = new Argument<FileInfo>("RULES") { Description = "Mapping rules file (JSON)" };
        var command = new Command("validate", "Check a rule set: schema, regular expressions, placeholders");
        command.Arguments.Add(rules);
        command.SetAction(parseResult =>
        {
            if (!TryLoadRules(parseResult.GetValue(rules)!, out var ruleSet))
            {
                return Invalid;
            }

            if (ruleSet!.Diagnostics.Count > 0)
            {
                // Keystone would accept these rules and then fail every login the rule matches.
                WriteJson(new JsonObject
                {
                    ["error"] = "invalid_rules",
                    ["problems"] = new JsonArray(ruleSet.Diagnostics.Select(d => (JsonNode)JsonValue.Create(d)!).ToArray()),
                });
                foreach (var diagnostic in ruleSet.Diagnostics)
                {
                    Console.Error.WriteLine(diagnostic);
                }

                return Invalid;
            }

            WriteJson(new JsonObject
            {
                ["valid"] = true,
                ["schema_version"] = ruleSet.SchemaVersion == MappingSchemaVersion.V2_0 ? "2.0" : "1.0",
                ["rules"] = ruleSet.Rules.Count,
            });
            return Mapped;
        });
        return command;
    }

    private static Command CreateExport()
    {
        var rules = new Argument<FileInfo>("RULES") { Description = "Mapping rules file (JSON)" };
        var command = new Command("export", "Print the Keystone-compatible part of a rule set (without the kubernetes extension)");
        command.Arguments.Add(rules);
        command.SetAction(parseResult =>
        {
            if (!TryLoadRules(parseResult.GetValue(rules)!, out var ruleSet))
            {
                return Invalid;
            }

            Console.Out.WriteLine(ruleSet!.ToKeystoneJson());
            return Mapped;
        });
        return command;
    }

    private static Command CreateBench()
    {
        var rules = new Option<FileInfo>("--rules") { Description = "Mapping rules (JSON)", Required = true };
        var assertions = new Option<FileInfo>("--assertions") { Description = "JSON lines, one object of string attributes per line", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "How many times to evaluate the whole set", DefaultValueFactory = _ => 10 };
        var command = new Command("bench", "Measure evaluations per second on a set of assertions (start-up and parsing excluded)");
        command.Options.Add(rules);
        command.Options.Add(assertions);
        command.Options.Add(rounds);
        command.SetAction(parseResult =>
        {
            if (!TryLoadRules(parseResult.GetValue(rules)!, out var ruleSet))
            {
                return Invalid;
            }

            var file = parseResult.GetValue(assertions)!;
            var inputs = new List<IReadOnlyDictionary<string, IReadOnlyList<string>>>();
            try
            {
                foreach (var line in File.ReadLines(file.FullName))
                {
                    if (line.Trim().Length == 0)
                    {
                        continue;
                    }

                    var pairs = JsonSerializer.Deserialize<Dictionary<string, string>>(line)
                        ?? throw new JsonException("a line is null");
                    inputs.Add(AssertionAttributes.FromEnvironment(pairs));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                return Fail("invalid_input", file.FullName, e.Message);
            }

            var mapped = 0;
            var failed = 0;
            // Warm-up (at least 20 passes and 2 s) so tiered JIT has produced optimised code before
            // measuring, as the Python side excludes its start-up.
            var warmUp = Stopwatch.StartNew();
            for (var pass = 0; pass < 20 || warmUp.Elapsed < TimeSpan.FromSeconds(2); pass++)
            {
                foreach (var input in inputs)
                {
                    Evaluate(ruleSet!, input, ref mapped, ref failed);
                }
            }

            mapped = failed = 0;
            var count = parseResult.GetValue(rounds);
            // CPU time as well as wall time: on a shared machine wall time mostly measures the neighbours.
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (var r = 0; r < count; r++)
            {
                foreach (var input in inputs)
                {
                    Evaluate(ruleSet!, input, ref mapped, ref failed);
                }
            }

            watch.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var evaluations = count * inputs.Count;
            WriteJson(new JsonObject
            {
                ["evaluations"] = evaluations,
                ["mapped"] = mapped,
                ["not_mapped_or_error"] = failed,
                ["seconds"] = watch.Elapsed.TotalSeconds,
                ["cpu_seconds"] = cpu.TotalSeconds,
                ["per_second"] = evaluations / watch.Elapsed.TotalSeconds,
                ["per_cpu_second"] = evaluations / cpu.TotalSeconds,
            });
            return Mapped;
        });
        return command;
    }

    private static void Evaluate(KeystoneMappingRuleSet ruleSet, IReadOnlyDictionary<string, IReadOnlyList<string>> input, ref int mapped, ref int failed)
    {
        try
        {
            if (MappingEngine.Evaluate(ruleSet, input).IsMapped)
            {
                mapped++;
            }
            else
            {
                failed++;
            }
        }
        catch (MappingEvaluationException)
        {
            failed++;
        }
    }

    private static bool TryLoadRules(FileInfo file, out KeystoneMappingRuleSet? ruleSet)
    {
        ruleSet = null;
        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail("invalid_rules", file.FullName, e.Message);
            return false;
        }

        // keystone-manage mapping_engine also accepts a bare rules array.
        if (text.TrimStart().StartsWith('['))
        {
            text = "{\"rules\":" + text + "}";
        }

        try
        {
            ruleSet = KeystoneMappingRuleSet.Parse(text);
            return true;
        }
        catch (MappingRuleException e)
        {
            Fail("invalid_rules", e.JsonPath, e.Reason);
            return false;
        }
    }

    private static int Fail(string error, string path, string reason)
    {
        WriteJson(new JsonObject { ["error"] = error, ["path"] = path, ["reason"] = reason });
        Console.Error.WriteLine($"{error}: {path}: {reason}");
        return Invalid;
    }

    private static void WriteJson(JsonObject value) =>
        Console.Out.WriteLine(value.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ScsFederation.Core.Configuration;

/// <summary>
/// Reads a federation file (YAML or JSON), validates it against <c>schemas/federation.schema.json</c> and the
/// rules a schema cannot say (unique ids, references between sections, files that must exist), and resolves
/// relative paths against the file's own folder. Every problem is reported with its field path.
/// </summary>
public static class FederationFileReader
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
    };

    public static FederationConfig Load(string path, Func<string, string?>? environment = null)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FederationConfigException(full, [new ConfigError("", "file not found")]);
        }

        return Parse(File.ReadAllText(full), full, environment);
    }

    /// <summary>Parses text as if it had been read from <paramref name="sourcePath"/> (relative paths resolve against its folder).</summary>
    public static FederationConfig Parse(string text, string sourcePath, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var errors = new List<ConfigError>();
        var node = YamlJsonConverter.Convert(text, sourcePath, environment, errors);
        if (errors.Count > 0 || node is null)
        {
            if (errors.Count == 0) errors.Add(new ConfigError("", "the file is empty"));
            throw new FederationConfigException(sourcePath, errors);
        }

        using var doc = JsonDocument.Parse(node.ToJsonString());
        var results = Schema.Value.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!results.IsValid)
        {
            CollectSchemaErrors(results, errors);
            if (errors.Count == 0) errors.Add(new ConfigError("", "does not match the federation schema"));
            throw new FederationConfigException(sourcePath, Deduplicate(errors));
        }

        var config = node.Deserialize<FederationConfig>(JsonOptions)
                     ?? throw new FederationConfigException(sourcePath, [new ConfigError("", "the file is empty")]);
        config.SourcePath = sourcePath;
        var folder = Path.GetDirectoryName(sourcePath) ?? Directory.GetCurrentDirectory();
        FederationConfigRules.Check(config, folder, errors);
        if (errors.Count > 0)
        {
            throw new FederationConfigException(sourcePath, errors);
        }

        return config;
    }

    private static void CollectSchemaErrors(EvaluationResults results, List<ConfigError> errors)
    {
        if (results.Details is { Count: > 0 })
        {
            foreach (var detail in results.Details)
            {
                if (detail.IsValid || detail.Errors is null) continue;
                // Failures inside "if" and "not" are how those keywords work, not problems of the file.
                var evaluationPath = detail.EvaluationPath.ToString();
                if (evaluationPath.Contains("/if", StringComparison.Ordinal) || evaluationPath.Contains("/not/", StringComparison.Ordinal) || evaluationPath.EndsWith("/not", StringComparison.Ordinal) && detail.Errors.Count == 0) continue;
                foreach (var (keyword, message) in detail.Errors)
                {
                    var location = detail.InstanceLocation.ToString();
                    errors.Add(new ConfigError(location, Describe(keyword, message, detail)));
                }
            }
        }
        else if (results.Errors is not null)
        {
            foreach (var (keyword, message) in results.Errors)
            {
                errors.Add(new ConfigError(results.InstanceLocation.ToString(), Describe(keyword, message, results)));
            }
        }
    }

    private static string Describe(string keyword, string message, EvaluationResults detail)
    {
        var schemaPath = detail.EvaluationPath.ToString();
        if (keyword == "additionalProperties" || schemaPath.EndsWith("/additionalProperties", StringComparison.Ordinal))
        {
            return "unknown field (not in the federation schema)";
        }
        if (keyword == "pattern" && (schemaPath.Contains("identifier", StringComparison.Ordinal) || detail.SchemaLocation?.ToString().Contains("identifier", StringComparison.Ordinal) == true))
        {
            return "must be an identifier: lower-case letters, digits, '-' and '_' (" + message + ")";
        }
        return message;
    }

    private static List<ConfigError> Deduplicate(List<ConfigError> errors)
    {
        var seen = new HashSet<ConfigError>();
        var result = new List<ConfigError>();
        foreach (var e in errors)
        {
            if (seen.Add(e)) result.Add(e);
        }
        return result;
    }

    private static JsonSchema LoadSchema()
    {
        using var stream = typeof(FederationFileReader).Assembly.GetManifestResourceStream("federation.schema.json")
                           ?? throw new InvalidOperationException("federation.schema.json is not embedded in ScsFederation.Core");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    }
}

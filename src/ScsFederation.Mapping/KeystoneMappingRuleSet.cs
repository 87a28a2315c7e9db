using System.Text;
using System.Text.Json;

namespace ScsFederation.Mapping;

/// <summary>
/// A validated mapping rule set in Keystone's OS-FEDERATION JSON format, with the Kubernetes
/// extension (<c>local[].kubernetes</c>). Parse once, evaluate many times with <see cref="MappingEngine"/>.
/// </summary>
public sealed class KeystoneMappingRuleSet
{
    private readonly JsonElement _source;

    internal KeystoneMappingRuleSet(MappingSchemaVersion schemaVersion, KeystoneMappingRule[] rules, JsonElement source, IReadOnlyList<string> diagnostics)
    {
        SchemaVersion = schemaVersion;
        RuleArray = rules;
        _source = source;
        Diagnostics = diagnostics;
    }

    public MappingSchemaVersion SchemaVersion { get; }

    public IReadOnlyList<KeystoneMappingRule> Rules => RuleArray;

    internal KeystoneMappingRule[] RuleArray { get; }

    /// <summary>
    /// Findings that Keystone accepts on load but that can never work, e.g. a placeholder index
    /// beyond what the rule's remote part yields (Keystone raises DirectMappingError when the
    /// rule matches). <c>scsfed mapping validate</c> reports them as errors.
    /// </summary>
    public IReadOnlyList<string> Diagnostics { get; }

    /// <summary>Parses and validates a rule set; throws <see cref="MappingRuleException"/> with the JSON path and reason.</summary>
    public static KeystoneMappingRuleSet Parse(string json) => KeystoneMappingRuleSetParser.Parse(json);

    /// <summary>
    /// The Keystone-compatible part: the same document with every <c>kubernetes</c> local entry
    /// removed (entries left empty are dropped, so Keystone does not see a bare <c>{}</c>).
    /// </summary>
    public string ToKeystoneJson(bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            foreach (var property in _source.EnumerateObject())
            {
                if (property.NameEquals("rules"))
                {
                    writer.WritePropertyName("rules");
                    WriteRulesWithoutExtension(writer, property.Value);
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteRulesWithoutExtension(Utf8JsonWriter writer, JsonElement rules)
    {
        writer.WriteStartArray();
        foreach (var rule in rules.EnumerateArray())
        {
            writer.WriteStartObject();
            foreach (var property in rule.EnumerateObject())
            {
                if (!property.NameEquals("local"))
                {
                    property.WriteTo(writer);
                    continue;
                }

                writer.WritePropertyName("local");
                writer.WriteStartArray();
                foreach (var local in property.Value.EnumerateArray())
                {
                    var hasKeystonePart = false;
                    var hasExtension = false;
                    foreach (var key in local.EnumerateObject())
                    {
                        if (key.NameEquals("kubernetes"))
                        {
                            hasExtension = true;
                        }
                        else
                        {
                            hasKeystonePart = true;
                        }
                    }

                    if (hasExtension && !hasKeystonePart)
                    {
                        continue;
                    }

                    writer.WriteStartObject();
                    foreach (var key in local.EnumerateObject())
                    {
                        if (!key.NameEquals("kubernetes"))
                        {
                            key.WriteTo(writer);
                        }
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ScsFederation.Core.Configuration;

/// <summary>
/// Turns a YAML document into a JSON tree so one JSON schema validates both formats. Plain scalars get
/// YAML 1.2 core-schema types (bool, int, float, null); quoted scalars stay strings. <c>${env:NAME}</c> (or <c>${env:NAME:-default}</c>)
/// in a scalar is replaced by the environment variable, so secrets need not live in the file.
/// Anchors and aliases (<c>&amp;a</c>, <c>*a</c>, <c>&lt;&lt;: *a</c>) are refused with the path where they appear:
/// YamlDotNet expands an alias into the anchored node itself, so a few lines could stand for an exponentially large
/// tree ("billion laughs"), and one edit would silently change every place that shares the node.
/// </summary>
public static class YamlJsonConverter
{
    public static JsonNode? Convert(string yaml, string file, Func<string, string?> environment, List<ConfigError> errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            errors.Add(new ConfigError("", $"not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}"));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            errors.Add(new ConfigError("", "the file is empty"));
            return null;
        }

        return ToJson(stream.Documents[0].RootNode, "", environment, errors, depth: 0, new HashSet<YamlNode>(ReferenceEqualityComparer.Instance));
    }

    private static JsonNode? ToJson(YamlNode node, string path, Func<string, string?> environment, List<ConfigError> errors, int depth, HashSet<YamlNode> anchored)
    {
        if (depth > 64)
        {
            errors.Add(new ConfigError(path, "nested too deeply"));
            return null;
        }
        if (!node.Anchor.IsEmpty)
        {
            // The loader has already replaced every alias by the anchored node: its second sighting is an alias.
            errors.Add(anchored.Add(node)
                ? new ConfigError(path, $"YAML anchor '&{node.Anchor.Value}' is not supported: write the value out where it is needed")
                : new ConfigError(path, $"YAML alias '*{node.Anchor.Value}' is not supported: write the value out where it is needed"));
            return null;
        }

        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    var key = (keyNode as YamlScalarNode)?.Value ?? "";
                    if (obj.ContainsKey(key))
                    {
                        errors.Add(new ConfigError(path + "/" + key, "key appears twice"));
                        continue;
                    }
                    obj[key] = ToJson(valueNode, path + "/" + key, environment, errors, depth + 1, anchored);
                }
                return obj;
            case YamlSequenceNode seq:
                var arr = new JsonArray();
                var i = 0;
                foreach (var item in seq.Children)
                {
                    arr.Add(ToJson(item, path + "/" + i.ToString(CultureInfo.InvariantCulture), environment, errors, depth + 1, anchored));
                    i++;
                }
                return arr;
            case YamlScalarNode scalar:
                return ScalarToJson(scalar, path, environment, errors);
            default:
                errors.Add(new ConfigError(path, "unsupported YAML node"));
                return null;
        }
    }

    private static JsonNode? ScalarToJson(YamlScalarNode scalar, string path, Func<string, string?> environment, List<ConfigError> errors)
    {
        var raw = scalar.Value ?? "";
        var text = SubstituteEnvironment(raw, path, environment, errors);
        // A value that came from the environment is a string, even when empty or numeric-looking (secrets).
        if (!ReferenceEquals(raw, text) || scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && char.IsDigit(text[^1]))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }

    private static string SubstituteEnvironment(string text, string path, Func<string, string?> environment, List<ConfigError> errors)
    {
        const string open = "${env:";
        var start = text.IndexOf(open, StringComparison.Ordinal);
        if (start < 0) return text;
        var result = new System.Text.StringBuilder();
        var pos = 0;
        while (start >= 0)
        {
            var end = text.IndexOf('}', start);
            if (end < 0)
            {
                errors.Add(new ConfigError(path, "unterminated ${env:...} reference"));
                return text;
            }
            var name = text.Substring(start + open.Length, end - start - open.Length);
            string? fallback = null;
            var dash = name.IndexOf(":-", StringComparison.Ordinal);
            if (dash >= 0)
            {
                fallback = name[(dash + 2)..];
                name = name[..dash];
            }
            var value = environment(name) ?? fallback;
            if (value is null)
            {
                errors.Add(new ConfigError(path, $"environment variable {name} is not set"));
                value = "";
            }
            result.Append(text, pos, start - pos).Append(value);
            pos = end + 1;
            start = text.IndexOf(open, pos, StringComparison.Ordinal);
        }
        result.Append(text, pos, text.Length - pos);
        return result.ToString();
    }
}

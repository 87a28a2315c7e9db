namespace ScsFederation.Mapping;

/// <summary>
/// A string of a rule's <c>local</c> section, compiled as a placeholder template: Keystone
/// formats every local string of a matched rule, so a literal brace must be written {{ or }}.
/// </summary>
internal sealed class LocalValue
{
    public LocalValue(string raw, PlaceholderTemplate template, string jsonPath)
    {
        Raw = raw;
        Template = template;
        JsonPath = jsonPath;
    }

    public string Raw { get; }

    public PlaceholderTemplate Template { get; }

    public string JsonPath { get; }

    public string Resolve(DirectMaps maps, int ruleIndex)
    {
        if (!Template.TryFormat(maps, out var value, out var missing))
        {
            throw new MappingEvaluationException(
                MappingErrorKind.DirectMapping,
                ruleIndex,
                JsonPath,
                $"placeholder {{{missing}}} in \"{Raw}\" is out of range: the rule's remote part yields {maps.Count} direct map value(s)");
        }

        return value;
    }
}

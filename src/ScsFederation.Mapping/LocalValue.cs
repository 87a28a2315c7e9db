namespace ScsFederation.Mapping;

/// <summary>
/// A string of a rule's <c>local</c> section. Keystone substitutes placeholders only when the
/// rule's remote part yields at least one direct map; otherwise the string is used verbatim.
/// </summary>
internal sealed class LocalValue
{
    public LocalValue(string raw, PlaceholderTemplate? template, string jsonPath)
    {
        Raw = raw;
        Template = template;
        JsonPath = jsonPath;
    }

    public string Raw { get; }

    /// <summary>Null when the rule has no direct maps (the value is then never formatted).</summary>
    public PlaceholderTemplate? Template { get; }

    public string JsonPath { get; }

    public string Resolve(DirectMaps? maps, int ruleIndex)
    {
        if (maps is null || Template is null)
        {
            return Raw;
        }

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

namespace ScsFederation.Rdf.JsonLd;

/// <summary>JSON-LD keywords and the keyword-form test.</summary>
internal static class JsonLdKeywords
{
    private static readonly HashSet<string> All = new(StringComparer.Ordinal)
    {
        "@base", "@container", "@context", "@default", "@direction", "@embed", "@explicit", "@graph", "@id", "@import",
        "@included", "@index", "@json", "@language", "@list", "@nest", "@none", "@omitDefault", "@prefix", "@preserve",
        "@propagate", "@protected", "@requireAll", "@reverse", "@set", "@type", "@value", "@version", "@vocab",
    };

    public static bool IsKeyword(string? value) => value is not null && value.Length > 1 && value[0] == '@' && All.Contains(value);

    /// <summary>"@" followed by one or more ASCII letters: reserved for future keywords, ignored with a warning.</summary>
    public static bool HasKeywordForm(string value)
    {
        if (value.Length < 2 || value[0] != '@') return false;
        for (int i = 1; i < value.Length; i++)
            if (!char.IsAsciiLetter(value[i])) return false;
        return true;
    }
}

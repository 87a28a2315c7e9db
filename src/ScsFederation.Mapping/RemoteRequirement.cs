using System.Text.RegularExpressions;

namespace ScsFederation.Mapping;

/// <summary>One compiled <c>remote</c> entry of a rule.</summary>
public sealed class RemoteRequirement
{
    private readonly HashSet<string>? _valueSet;
    private readonly Regex[]? _patterns;

    internal RemoteRequirement(string jsonPath, string type, RemoteRequirementKind kind, IReadOnlyList<string> values, bool isRegex, Regex[]? patterns)
    {
        JsonPath = jsonPath;
        Type = type;
        Kind = kind;
        Values = values;
        IsRegex = isRegex;
        _patterns = patterns;
        if (!isRegex)
        {
            _valueSet = new HashSet<string>(values, StringComparer.Ordinal);
        }
    }

    public string JsonPath { get; }

    /// <summary>The assertion attribute this requirement reads.</summary>
    public string Type { get; }

    public RemoteRequirementKind Kind { get; }

    public IReadOnlyList<string> Values { get; }

    public bool IsRegex { get; }

    /// <summary>Keystone compares with set membership, or with <c>re.search</c> when <c>regex</c> is true.</summary>
    internal bool Matches(string value)
    {
        if (_valueSet is not null)
        {
            return _valueSet.Contains(value);
        }

        foreach (var pattern in _patterns!)
        {
            if (pattern.IsMatch(value))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Text.Json;
using ScsFederation.Rdf.Json;

namespace ScsFederation.Rdf.Tests.Jcs;

/// <summary>RFC 8785 JSON Canonicalization Scheme.</summary>
public sealed class JcsSerializerTests
{
    /// <summary>The example of RFC 8785 section 3.2.2/3.2.3 (numbers, string escapes, literals, member order).</summary>
    [Fact]
    public void Rfc8785Example()
    {
        const string input = """
        {
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }
        """;
        using var doc = JsonDocument.Parse(input);
        Assert.Equal("""{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""",
            JcsSerializer.Serialize(doc.RootElement));
    }

    /// <summary>RFC 8785 section 3.2.3: members sorted by UTF-16 code units (a surrogate pair sorts before U+FB33).</summary>
    [Fact]
    public void MemberOrder_IsUtf16CodeUnitOrder()
    {
        const string input = """{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}""";
        using var doc = JsonDocument.Parse(input);
        var canonical = JcsSerializer.Serialize(doc.RootElement);
        var keys = JsonDocument.Parse(canonical).RootElement.EnumerateObject().Select(p => p.Value.GetString()).ToArray();
        Assert.Equal(new[] { "Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh" }, keys);
    }

    [Fact]
    public void Strings_UseShortEscapesAndLowerCaseHexForOtherControls()
    {
        using var doc = JsonDocument.Parse("[\"\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f\\u00e9\"]");
        Assert.Equal("[\"\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\u00e9\"]", JcsSerializer.Serialize(doc.RootElement));
    }

    [Fact]
    public void NestedStructures_HaveNoWhitespace()
    {
        using var doc = JsonDocument.Parse("""{ "b" : [ 1 , { "d" : 2.0 , "c" : -0 } ] , "a" : { } }""");
        Assert.Equal("""{"a":{},"b":[1,{"c":0,"d":2}]}""", JcsSerializer.Serialize(doc.RootElement));
    }
}

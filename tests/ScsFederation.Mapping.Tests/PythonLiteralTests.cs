using System.Text.Json.Nodes;

namespace ScsFederation.Mapping.Tests;

/// <summary>
/// The Python text helpers against Python 3 itself: str() of a list of str must match byte for
/// byte (it ends up in user names and group lists), and list-literal reading must agree with
/// ast.literal_eval on what is a list and what its items are.
/// </summary>
public sealed class PythonLiteralTests
{
    private static readonly string[][] Lists =
    [
        [], ["a", "b"], ["it's"], ["say \"hi\""], ["both'\""], ["back\\slash"], ["tab\t", "nl\n", "cr\r"],
        ["\u0000\u001f\u007f"], ["Zoë", "日本", "😀"], ["\u00a0nbsp", "\u200bzw", "\u2028ls", "\ue000pua"],
        [""], ["x", "", "y"], ["\u0085nel", "\u00adshy"],
    ];

    private static readonly string[] Texts =
    [
        "['a', 'b']", "[]", "['a']", "a", "123", "[1, 2]", "['a', 1]", "('a', 'b')", "['a',]", "  ['a']", "['a'] ",
        "[\"x\", 'y']", "['a' 'b']", "[r'\\d']", "['\\x41\\u00e9\\n']", "['\\N{DASH}']", "[b'a']", "['a', [1]]", "['unterminated]",
        "[None]", "['a'] + ['b']", "[0x1F]", "[01]", "[1_000, -2.5e3, 3j]", "['a'] # c", "['JSON:{\"name\": \"g\"}']", "{'a': 1}", "[{'a': 1}]",
    ];

    [Fact]
    public void ReprAndLiteralReadingMatchPython()
    {
        var request = new JsonObject
        {
            ["id"] = "lit",
            ["op"] = "literals",
            ["lists"] = new JsonArray(Lists.Select(l => (JsonNode)new JsonArray(l.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray())).ToArray()),
            ["texts"] = new JsonArray(Texts.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
        };
        var response = KeystoneDriver.Run([request])["lit"];
        var failures = new List<string>();
        for (var i = 0; i < Lists.Length; i++)
        {
            var expected = response["reprs"]![i]!.GetValue<string>();
            var actual = PythonRepr.OfList(Lists[i]);
            if (expected != actual)
            {
                failures.Add($"repr #{i}: python {expected} engine {actual}");
            }
        }

        for (var i = 0; i < Texts.Length; i++)
        {
            var expected = response["evals"]![i];
            var isList = PythonListLiteral.TryParse(Texts[i], out var items);
            string describe = !isList ? "null" : items.Any(x => x is null) ? "\"non-string list\"" : new JsonArray(items.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()).ToJsonString();
            var want = expected?.ToJsonString() ?? "null";
            if (want != describe)
            {
                failures.Add($"literal {Texts[i]}: python {want} engine {describe}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}

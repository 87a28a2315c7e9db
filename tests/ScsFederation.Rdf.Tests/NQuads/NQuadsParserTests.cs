using System.Text;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.NQuads;

namespace ScsFederation.Rdf.Tests.NQuads;

public sealed class NQuadsParserTests
{
    [Fact]
    public void Reads_all_term_kinds_graphs_comments_and_escapes()
    {
        var ds = NQuadsParser.Parse(
            "# comment line\n" +
            "<http://e/s> <http://e/p> \"a\\tb\\u00E9\\U0001F600\\\"\"@en-GB <http://e/g> . # trailing\r\n" +
            "_:b0 <http://e/p> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> _:g .\n" +
            "\n" +
            "<http://e/s> <http://e/p> <http://e/\\u0041> .");
        Assert.Equal(3, ds.Count);
        var first = ds.Quads[0];
        var lit = Assert.IsType<Literal>(first.Object);
        Assert.Equal("a\tb\u00e9\U0001F600\"", lit.Lexical);
        Assert.Equal("en-GB", lit.Language);
        Assert.Equal(new Iri("http://e/g"), first.Graph);
        Assert.Equal(new BlankNode("b0"), ds.Quads[1].Subject);
        Assert.Equal(new BlankNode("g"), ds.Quads[1].Graph);
        Assert.Equal(RdfVocabulary.XsdInteger, ((Literal)ds.Quads[1].Object).Datatype);
        Assert.Equal(new Iri("http://e/A"), ds.Quads[2].Object);
    }

    [Fact]
    public void Leading_byte_order_mark_is_ignored()
    {
        var ds = NQuadsParser.Parse("\uFEFF<http://e/s> <http://e/p> <http://e/o> .\n");
        Assert.Equal(new Iri("http://e/s"), ds.Quads[0].Subject);
    }

    [Fact]
    public void Duplicate_statements_collapse_to_one_quad()
    {
        var ds = NQuadsParser.Parse("<http://e/s> <http://e/p> \"x\" .\n<http://e/s> <http://e/p> \"x\"^^<http://www.w3.org/2001/XMLSchema#string> .\n");
        Assert.Equal(1, ds.Count);
    }

    [Theory]
    [InlineData("<http://e/s> <http://e/p> <http://e/o>", 1, 39, "expected a graph label or '.'")]
    [InlineData("<http://e/s> <http://e/p> <http://e/o> .\n<s> <http://e/p> <http://e/o> .", 2, 1, "relative IRI")]
    [InlineData("<http://e/s> <http://e/p> \"abc .\n", 1, 33, "line break inside a string literal")]
    [InlineData("<http://e/s> <http://e/p> \"abc", 1, 27, "unterminated string literal")]
    [InlineData("\"x\" <http://e/p> <http://e/o> .", 1, 1, "subject")]
    [InlineData("<http://e/s> _:p <http://e/o> .", 1, 14, "predicate")]
    [InlineData("<http://e/s> <http://e/p> \"x\"@ .", 1, 31, "empty language tag")]
    [InlineData("<http://e/s> <http://e/p> \"\\x\" .", 1, 28, "invalid escape")]
    [InlineData("<http://e/s> <http://e/p> \"\\uD800\" .", 1, 28, "not a Unicode scalar value")]
    [InlineData("<http://e/s> <http://e/p> <http://e/o> . <http://e/s> <http://e/p> <http://e/o> .", 1, 42, "end of line")]
    [InlineData("<http://e/s> <http://e/p> _:a. .", 1, 32, "")]
    [InlineData("<http://e/s> <http://e/p> <http://e/o> <http://e/g> <http://e/x> .", 1, 53, "expected '.'")]
    [InlineData("<http://e/s> <http://e/p> ex:o .", 1, 27, "object")]
    [InlineData("<http://e/s> <http://e/p> \"x\"^^\"y\" .", 1, 32, "datatype IRI")]
    [InlineData("<http://e/ s> <http://e/p> <http://e/o> .", 1, 11, "not allowed in an IRI")]
    public void Malformed_lines_report_line_and_column(string text, int line, int column, string reasonFragment)
    {
        var error = Assert.Throws<RdfSyntaxException>(() => NQuadsParser.Parse(text));
        Assert.Equal("N-Quads", error.Format);
        Assert.Contains(reasonFragment, error.Reason);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void Invalid_utf8_stream_is_rejected()
    {
        var bytes = new byte[] { (byte)'<', (byte)'h', 0xC3, 0x28, (byte)'>' };
        Assert.ThrowsAny<DecoderFallbackException>(() => NQuadsParser.ParseAsync(new MemoryStream(bytes)).GetAwaiter().GetResult());
    }
}

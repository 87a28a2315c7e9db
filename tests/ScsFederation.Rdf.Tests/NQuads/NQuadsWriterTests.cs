using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.NQuads;

namespace ScsFederation.Rdf.Tests.NQuads;

public sealed class NQuadsWriterTests
{
    [Fact]
    public void Literal_escaping_is_canonical()
    {
        // Canonical N-Quads (RDFC-1.0 §4.3 / RDF 1.2 N-Triples canonical form): ECHAR for \b \t \n \f \r \" \\,
        // upper-case UCHAR for the other C0 controls and DEL, everything else verbatim (é, emoji, U+2028).
        var quad = new Quad(new Iri("http://e/s"), new Iri("http://e/p"),
            Literal.Plain("\b\t\n\f\r\"\\\u0000\u001F\u007F\u00e9\U0001F600\u2028'"));
        Assert.Equal("<http://e/s> <http://e/p> \"\\b\\t\\n\\f\\r\\\"\\\\\\u0000\\u001F\\u007F\u00e9\U0001F600\u2028'\" .\n", NQuadsWriter.FormatQuad(quad));
    }

    [Fact]
    public void Datatypes_languages_graphs_and_blank_nodes()
    {
        var quads = new[]
        {
            new Quad(new BlankNode("x"), new Iri("http://e/p"), new Literal("1", RdfVocabulary.XsdInteger), new Iri("http://e/g")),
            new Quad(new Iri("http://e/s"), new Iri("http://e/p"), Literal.LanguageTagged("hi", "en"), new BlankNode("g")),
            new Quad(new Iri("http://e/s"), new Iri("http://e/p"), new Literal("x", new Iri(RdfVocabulary.Xsd + "string"))),
        };
        Assert.Equal(
            "_:x <http://e/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> <http://e/g> .\n" +
            "<http://e/s> <http://e/p> \"hi\"@en _:g .\n" +
            "<http://e/s> <http://e/p> \"x\" .\n",
            NQuadsWriter.Write(quads));
    }

    [Fact]
    public void Written_output_reads_back_to_the_same_dataset()
    {
        var original = NQuadsParser.Parse(
            "<http://e/s> <http://e/p> \"a\\u0001b\\\\c\\\"d\\re\"@de _:g1 .\n" +
            "_:b <http://e/p\\u00E9q> \"\\U0001F600\"^^<http://e/dt> .\n");
        var again = NQuadsParser.Parse(NQuadsWriter.Write(original.Quads));
        Assert.Equal(original.Quads, again.Quads);
    }
}

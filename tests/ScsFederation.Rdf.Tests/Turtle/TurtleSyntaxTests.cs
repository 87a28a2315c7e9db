using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.Turtle;

namespace ScsFederation.Rdf.Tests.Turtle;

/// <summary>Targeted Turtle features; expected triples are written by hand as N-Quads.</summary>
public sealed class TurtleSyntaxTests
{
    private static RdfDataset Parse(string turtle, string? baseIri = null) => new TurtleParser(baseIri).Parse(turtle);

    [Fact]
    public void Prefix_forms_and_base_resolution()
    {
        var ds = Parse("""
            @prefix ex: <http://example.org/ns#> .
            PREFIX sh: <http://www.w3.org/ns/shacl#>
            @base <http://example.org/a/b/c> .
            <d> ex:p <../e> .
            BASE <http://other.example/x/>
            <y#frag> sh:path <?q> .
            prefix empty: <urn:x:>
            empty:thing a ex:Class .
            """);
        TurtleIsomorphism.AssertIsomorphic("""
            <http://example.org/a/b/d> <http://example.org/ns#p> <http://example.org/a/e> .
            <http://other.example/x/y#frag> <http://www.w3.org/ns/shacl#path> <http://other.example/x/?q> .
            <urn:x:thing> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/ns#Class> .
            """, ds);
    }

    [Fact]
    public void Predicate_and_object_lists_with_trailing_semicolons()
    {
        var ds = Parse("""
            @prefix : <http://e/> .
            :s :p :o1 , :o2 ; :q :o3 ;; ; .
            """);
        TurtleIsomorphism.AssertIsomorphic("""
            <http://e/s> <http://e/p> <http://e/o1> .
            <http://e/s> <http://e/p> <http://e/o2> .
            <http://e/s> <http://e/q> <http://e/o3> .
            """, ds);
    }

    [Fact]
    public void Blank_node_property_lists_anon_and_labels()
    {
        var ds = Parse("""
            @prefix : <http://e/> .
            :s :p [ :q [ :r "x" ] ; :t [] ] .
            [ :only "subject" ] .
            [] :p _:lbl .
            _:lbl :p _:lbl .
            """);
        TurtleIsomorphism.AssertIsomorphic("""
            <http://e/s> <http://e/p> _:a .
            _:a <http://e/q> _:b .
            _:b <http://e/r> "x" .
            _:a <http://e/t> _:c .
            _:d <http://e/only> "subject" .
            _:e <http://e/p> _:l .
            _:l <http://e/p> _:l .
            """, ds);
    }

    [Fact]
    public void Collections_as_subject_object_nested_and_empty()
    {
        var ds = Parse("""
            @prefix : <http://e/> .
            :s :list ( 1 :a ( "n" ) [ :p :o ] ) ; :empty () .
            ( :x ) :p :o .
            """);
        const string rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
        TurtleIsomorphism.AssertIsomorphic($"""
            <http://e/s> <http://e/list> _:l1 .
            _:l1 <{rdf}first> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
            _:l1 <{rdf}rest> _:l2 .
            _:l2 <{rdf}first> <http://e/a> .
            _:l2 <{rdf}rest> _:l3 .
            _:l3 <{rdf}first> _:inner .
            _:inner <{rdf}first> "n" .
            _:inner <{rdf}rest> <{rdf}nil> .
            _:l3 <{rdf}rest> _:l4 .
            _:l4 <{rdf}first> _:pl .
            _:pl <http://e/p> <http://e/o> .
            _:l4 <{rdf}rest> <{rdf}nil> .
            <http://e/s> <http://e/empty> <{rdf}nil> .
            _:m <{rdf}first> <http://e/x> .
            _:m <{rdf}rest> <{rdf}nil> .
            _:m <http://e/p> <http://e/o> .
            """, ds);
    }

    [Fact]
    public void Literal_forms_numbers_booleans_and_escapes()
    {
        var ds = Parse(""""
            @prefix : <http://e/> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            :s :int -5 ; :int2 +7 ; :dec 3.14 ; :dec2 .5 ; :dbl 1e10 ; :dbl2 -1.5E-3 ; :dbl3 4.e2 ;
               :t true ; :f false ;
               :lang "chat"@fr-CA ; :typed "2024-01-01"^^xsd:date ; :typed2 "x"^^<http://e/dt> ;
               :single 'it\'s' ; :esc "tab\tnl\nq\"bs\\u\u00e9U\U0001F600" ;
               :long1 """line1
            line2 "quoted" ""two"" end""" ;
               :long2 '''a'b''c''' .
            :s :last 42.
            """");
        const string x = "http://www.w3.org/2001/XMLSchema#";
        TurtleIsomorphism.AssertIsomorphic($$"""
            <http://e/s> <http://e/int> "-5"^^<{{x}}integer> .
            <http://e/s> <http://e/int2> "+7"^^<{{x}}integer> .
            <http://e/s> <http://e/dec> "3.14"^^<{{x}}decimal> .
            <http://e/s> <http://e/dec2> ".5"^^<{{x}}decimal> .
            <http://e/s> <http://e/dbl> "1e10"^^<{{x}}double> .
            <http://e/s> <http://e/dbl2> "-1.5E-3"^^<{{x}}double> .
            <http://e/s> <http://e/dbl3> "4.e2"^^<{{x}}double> .
            <http://e/s> <http://e/t> "true"^^<{{x}}boolean> .
            <http://e/s> <http://e/f> "false"^^<{{x}}boolean> .
            <http://e/s> <http://e/lang> "chat"@fr-CA .
            <http://e/s> <http://e/typed> "2024-01-01"^^<{{x}}date> .
            <http://e/s> <http://e/typed2> "x"^^<http://e/dt> .
            <http://e/s> <http://e/single> "it's" .
            <http://e/s> <http://e/esc> "tab\tnl\nq\"bs\\u\u00E9U\U0001F600" .
            <http://e/s> <http://e/long1> "line1\nline2 \"quoted\" \"\"two\"\" end" .
            <http://e/s> <http://e/long2> "a'b''c" .
            <http://e/s> <http://e/last> "42"^^<{{x}}integer> .
            """, ds.Quads.Count == 17 ? ds : throw new Xunit.Sdk.XunitException($"expected 17 triples, got {ds.Count}"));
    }

    [Fact]
    public void Prefixed_names_with_dots_escapes_percent_and_colons()
    {
        var ds = Parse("""
            @prefix ex: <http://e/> .
            @prefix a.b: <http://ab/> .
            ex:s ex:p ex:o.o , ex:x\,y , ex:%41b , ex:a:b , a.b:c , ex:1st .
            """);
        TurtleIsomorphism.AssertIsomorphic("""
            <http://e/s> <http://e/p> <http://e/o.o> .
            <http://e/s> <http://e/p> <http://e/x,y> .
            <http://e/s> <http://e/p> <http://e/%41b> .
            <http://e/s> <http://e/p> <http://e/a:b> .
            <http://e/s> <http://e/p> <http://ab/c> .
            <http://e/s> <http://e/p> <http://e/1st> .
            """, ds);
    }

    [Fact]
    public void Keywords_are_not_confused_with_prefixed_names()
    {
        var ds = Parse("""
            @prefix true: <http://t/> .
            @prefix a: <http://a/> .
            PREFIX prefix: <http://p/>
            prefix:s a:p true:x , true .
            a:s a a:C .
            """);
        TurtleIsomorphism.AssertIsomorphic("""
            <http://p/s> <http://a/p> <http://t/x> .
            <http://p/s> <http://a/p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
            <http://a/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://a/C> .
            """, ds);
    }

    [Fact]
    public void Single_quote_literal_alone_is_not_confused_with_long_string()
    {
        // '' followed by a non-quote is the empty string, not the start of '''.
        var ds = Parse("<http://e/s> <http://e/p> '' , \"\" .");
        Assert.Single(ds.Quads);
        Assert.Equal("", ((Literal)ds.Quads[0].Object).Lexical);
    }
}

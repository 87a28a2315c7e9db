namespace ScsFederation.Shacl.Tests.Engine;

/// <summary>Behaviour of the core components on hand-written shapes (expected results from the SHACL specification text).</summary>
public sealed class ConstraintTests
{
    [Fact]
    public void Class_follows_subClassOf_in_the_data_graph()
    {
        const string shapes = "ex:S a sh:NodeShape ; sh:targetClass ex:Person ; sh:property [ sh:path ex:address ; sh:class ex:Address ] .";
        Assert.True(Ttl.Validate(shapes, "ex:p a ex:Person ; ex:address ex:a . ex:a a ex:PostalAddress . ex:PostalAddress rdfs:subClassOf ex:Address .").Conforms);
        var r = Ttl.Validate(shapes, "ex:p a ex:Person ; ex:address ex:a . ex:a a ex:PostalAddress .");
        Assert.Equal(["sh:ClassConstraintComponent"], Ttl.Components(r));
        Assert.Equal("<http://example.org/a>", TermTextOf(r.Results[0].Value!));
    }

    [Fact]
    public void Target_class_includes_instances_of_subclasses()
    {
        const string shapes = "ex:S a sh:NodeShape ; sh:targetClass ex:Participant ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .";
        var r = Ttl.Validate(shapes, "ex:p a ex:LegalPerson . ex:LegalPerson rdfs:subClassOf ex:Participant .");
        Assert.Equal(["sh:MinCountConstraintComponent"], Ttl.Components(r));
    }

    [Fact]
    public void Datatype_refuses_ill_formed_literals()
    {
        const string shapes = "ex:S sh:targetNode ex:x ; sh:property [ sh:path ex:n ; sh:datatype xsd:integer ] , [ sh:path ex:d ; sh:datatype xsd:date ] .";
        Assert.True(Ttl.Validate(shapes, "ex:x ex:n 5 ; ex:d \"2024-02-29\"^^xsd:date .").Conforms);
        var r = Ttl.Validate(shapes, "ex:x ex:n \"five\"^^xsd:integer ; ex:d \"2023-02-29\"^^xsd:date .");
        Assert.Equal(["sh:DatatypeConstraintComponent", "sh:DatatypeConstraintComponent"], Ttl.Components(r));
    }

    [Fact]
    public void Closed_reports_each_undeclared_triple_with_its_predicate_as_path()
    {
        const string shapes = "ex:S sh:targetNode ex:x ; sh:closed true ; sh:ignoredProperties ( ex:ok ) ; sh:property [ sh:path ex:a ] .";
        var r = Ttl.Validate(shapes, "ex:x ex:a 1 ; ex:ok 2 ; ex:extra 3 .");
        var result = Assert.Single(r.Results);
        Assert.Equal("<http://example.org/extra>", result.ResultPath!.ToString());
    }

    [Fact]
    public void Paths_inverse_sequence_alternative_and_zero_or_more()
    {
        const string data = "ex:a ex:knows ex:b . ex:b ex:knows ex:c . ex:c ex:name \"C\" . ex:b ex:alias \"B\" .";
        Assert.Equal(["sh:MinCountConstraintComponent"], Ttl.Components(Ttl.Validate("ex:S sh:targetNode ex:b ; sh:property [ sh:path [ sh:inversePath ex:knows ] ; sh:minCount 2 ] .", data)));
        Assert.True(Ttl.Validate("ex:S sh:targetNode ex:a ; sh:property [ sh:path ( ex:knows ex:knows ex:name ) ; sh:hasValue \"C\" ] .", data).Conforms);
        Assert.True(Ttl.Validate("ex:S sh:targetNode ex:b ; sh:property [ sh:path [ sh:alternativePath ( ex:name ex:alias ) ] ; sh:minCount 1 ] .", data).Conforms);
        Assert.True(Ttl.Validate("ex:S sh:targetNode ex:a ; sh:property [ sh:path [ sh:zeroOrMorePath ex:knows ] ; sh:minCount 3 ; sh:maxCount 3 ] .", data).Conforms);
    }

    [Fact]
    public void Logical_and_qualified_components()
    {
        const string shapes = """
            ex:Str sh:datatype xsd:string . ex:Int sh:datatype xsd:integer .
            ex:S sh:targetNode ex:x ;
              sh:property [ sh:path ex:v ; sh:or ( ex:Str ex:Int ) ] ;
              sh:property [ sh:path ex:w ; sh:xone ( ex:Str [ sh:minLength 1 ] ) ] ;
              sh:property [ sh:path ex:n ; sh:not ex:Int ] ;
              sh:property [ sh:path ex:q ; sh:qualifiedValueShape ex:Int ; sh:qualifiedMinCount 2 ] .
            """;
        var r = Ttl.Validate(shapes, "ex:x ex:v 1.5 ; ex:w \"s\" ; ex:n 3 ; ex:q 1 , \"a\" .");
        Assert.Equal(["sh:NotConstraintComponent", "sh:OrConstraintComponent", "sh:QualifiedMinCountConstraintComponent", "sh:XoneConstraintComponent"], Ttl.Components(r));
    }

    [Fact]
    public void Pattern_uses_XPath_semantics_and_flags()
    {
        const string shapes = "ex:S sh:targetNode ex:x ; sh:property [ sh:path ex:v ; sh:pattern \"^ab.$\" ; sh:flags \"i\" ] .";
        Assert.True(Ttl.Validate(shapes, "ex:x ex:v \"ABc\" .").Conforms);
        // XPath '$' is the end of the string and '.' does not match a newline: .NET's defaults would accept both.
        Assert.False(Ttl.Validate(shapes, "ex:x ex:v \"abc\\n\" .").Conforms);
        Assert.False(Ttl.Validate(shapes, "ex:x ex:v \"ab\\n\" .").Conforms);
    }

    [Fact]
    public void Ranges_lengths_in_languages_severity_message_and_deactivated()
    {
        const string shapes = """
            ex:S sh:targetNode ex:x ;
              sh:property [ sh:path ex:age ; sh:minInclusive 0 ; sh:maxExclusive 150 ] ;
              sh:property [ sh:path ex:code ; sh:minLength 2 ; sh:maxLength 2 ; sh:in ( "DE" "FR" ) ] ;
              sh:property [ sh:path ex:label ; sh:languageIn ( "en" ) ; sh:uniqueLang true ] ;
              sh:property [ sh:path ex:soft ; sh:minCount 1 ; sh:severity sh:Warning ; sh:message "soft is missing" ] ;
              sh:property [ sh:path ex:off ; sh:minCount 1 ; sh:deactivated true ] .
            """;
        var r = Ttl.Validate(shapes, "ex:x ex:age 150 ; ex:code \"DEU\" ; ex:label \"a\"@en-GB , \"b\"@en-US , \"c\"@en-gb .");
        Assert.Equal(["sh:InConstraintComponent", "sh:MaxExclusiveConstraintComponent", "sh:MaxLengthConstraintComponent", "sh:MinCountConstraintComponent", "sh:UniqueLangConstraintComponent"], Ttl.Components(r));
        var soft = r.Results.Single(x => x.SourceConstraintComponent.Value.EndsWith("MinCountConstraintComponent", StringComparison.Ordinal));
        Assert.Equal(Sh.Warning, soft.Severity);
        Assert.Equal("soft is missing", soft.Messages[0].Lexical);
    }

    private static string TermTextOf(Rdf.Model.RdfTerm t) => Shacl.Report.TermText.Format(t);
}

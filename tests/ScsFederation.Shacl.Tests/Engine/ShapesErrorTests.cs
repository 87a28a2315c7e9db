namespace ScsFederation.Shacl.Tests.Engine;

/// <summary>Bad shapes are refused when loading, with a stable code (never half-validated).</summary>
public sealed class ShapesErrorTests
{
    [Theory]
    [InlineData("ex:S sh:targetNode ex:x ; sh:property [ sh:path \"p\" ] .", ShaclErrorCodes.InvalidPath)]
    [InlineData("ex:S sh:targetNode ex:x ; sh:property [ sh:path [ sh:alternativePath ( ex:a ) ] ] .", ShaclErrorCodes.InvalidPath)]
    [InlineData("ex:S sh:targetNode ex:x ; sh:in ex:notAList .", ShaclErrorCodes.InvalidList)]
    [InlineData("ex:S sh:targetNode ex:x ; sh:property [ sh:path ex:p ; sh:minCount \"one\" ] .", ShaclErrorCodes.InvalidParameter)]
    [InlineData("ex:S sh:targetNode ex:x ; sh:minCount 1 .", ShaclErrorCodes.ParameterNotAllowed)]
    [InlineData("ex:S sh:targetNode ex:x ; sh:pattern \"(\" .", ShaclErrorCodes.InvalidPattern)]
    [InlineData("ex:S sh:targetNode ex:x ; sh:pattern \"a\" ; sh:flags \"g\" .", ShaclErrorCodes.InvalidPattern)]
    [InlineData("ex:S sh:targetNode ex:x ; sh:nodeKind sh:Thing .", ShaclErrorCodes.InvalidParameter)]
    public void Ill_formed_shapes_are_refused_with_a_stable_code(string shapes, string code)
    {
        var e = Assert.ThrowsAny<ShaclException>(() => ShapesGraph.Load(Ttl.Parse(shapes)));
        Assert.Equal(code, e.Code);
        Assert.IsType<ShapesGraphException>(e);
    }

    [Fact]
    public void Recursive_shapes_terminate()
    {
        var r = Ttl.Validate("ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:next ; sh:node ex:S ] .", "ex:a ex:next ex:b . ex:b ex:next ex:a .");
        Assert.True(r.Conforms);
    }

    [Fact]
    public void Work_limit_stops_a_validation_with_its_code()
    {
        var shapes = ShapesGraph.Load(Ttl.Parse("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:minCount 1 ] ."));
        var data = new Graph.DataGraph(Ttl.Parse(string.Concat(Enumerable.Range(0, 50).Select(i => $"ex:n{i} ex:p {i} .\n"))));
        var e = Assert.Throws<ShaclException>(() => shapes.Validate(data, new Validation.ValidationOptions { MaxWork = 10 }));
        Assert.Equal(ShaclErrorCodes.LimitExceeded, e.Code);
    }
}

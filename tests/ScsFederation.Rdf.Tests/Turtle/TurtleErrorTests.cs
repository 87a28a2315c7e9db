using System.Text;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.Turtle;

namespace ScsFederation.Rdf.Tests.Turtle;

/// <summary>Malformed Turtle fails with a specific position; hostile nesting neither hangs nor overflows the stack.</summary>
public sealed class TurtleErrorTests
{
    [Theory]
    [InlineData("@prefix ex: <http://e/> .\nex:s ex:p ex:o", 2, 15, "missing '.'")]
    [InlineData("@prefix ex: <http://e/> .\nex:s ex:p nope:o .", 2, 11, "undefined prefix 'nope:'")]
    [InlineData("<http://e/s> <http://e/p> \"open .\n", 1, 34, "line break in a short string")]
    [InlineData("<http://e/s> <http://e/p> \"\"\"open .\n", 1, 27, "unterminated string literal")]
    [InlineData("<rel> <http://e/p> <http://e/o> .", 1, 1, "relative IRI but no base")]
    [InlineData("<http://e/s> \"lit\" <http://e/o> .", 1, 14, "literal cannot be a predicate")]
    [InlineData("\"lit\" <http://e/p> <http://e/o> .", 1, 1, "literal cannot be a subject")]
    [InlineData("<http://e/s> <http://e/p> [ <http://e/q> <http://e/o> .", 1, 55, "after an object")]
    [InlineData("<http://e/s> <http://e/p> ( <http://e/o>", 1, 27, "unterminated collection")]
    [InlineData("<http://e/s> <http://e/p> \"a\\qb\" .", 1, 29, "invalid escape")]
    [InlineData("<http://e/s> <http://e/p> <http://e/o> ;\n\n  <http://e/q> 1.e .", 3, 19, "exponent")]
    [InlineData("@prefix ex: <http://e/>\nex:s ex:p ex:o .", 2, 1, "expected '.' after @prefix")]
    [InlineData("PREFIX ex: <http://e/> .\nex:s ex:p ex:o .", 1, 24, "must not end with '.'")]
    [InlineData("[] .", 1, 4, "")]
    [InlineData("<http://e/s> <http://e/p> <http://e/a b> .", 1, 38, "not allowed in an IRI")]
    [InlineData("<http://e/s> <http://e/p> \"x\"@ .", 1, 31, "empty language tag")]
    public void Malformed_input_reports_line_and_column(string turtle, int line, int column, string reasonFragment)
    {
        var error = Assert.Throws<RdfSyntaxException>(() => new TurtleParser().Parse(turtle));
        Assert.Equal("Turtle", error.Format);
        Assert.Contains(reasonFragment, error.Reason);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[ <http://e/p> ", "]")]
    public void Deep_nesting_does_not_overflow_the_stack(string open, string close)
    {
        const int depth = 200_000;
        var sb = new StringBuilder("<http://e/s> <http://e/p> ");
        for (int i = 0; i < depth; i++) sb.Append(open);
        sb.Append("<http://e/leaf>");
        for (int i = 0; i < depth; i++) sb.Append(close);
        sb.Append(" .");
        var ds = new TurtleParser().Parse(sb.ToString());
        // Collection: first + rest per level, plus the outer triple; property list: one triple per level plus the outer.
        Assert.Equal(open == "(" ? 2 * depth + 1 : depth + 1, ds.Count);
    }

    [Fact]
    public void Deep_unterminated_nesting_fails_with_the_position_of_the_innermost_bracket()
    {
        var text = "<http://e/s> <http://e/p> " + new string('(', 100_000);
        var error = Assert.Throws<RdfSyntaxException>(() => new TurtleParser().Parse(text));
        Assert.Contains("unterminated collection", error.Reason);
        Assert.Equal(27 + 100_000 - 1, error.Column);
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) sb.Append("<http://e/s> <http://e/p> ").Append(i).Append(" .\n");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new TurtleParser().Parse(sb.ToString(), cts.Token));
    }
}

using System.Text;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.NQuads;
using ScsFederation.Rdf.Tests.Canonicalization;
using ScsFederation.Rdf.Turtle;

namespace ScsFederation.Rdf.Tests.Turtle;

/// <summary>
/// Seeded mutation fuzzing: every damaged document must either parse or fail with
/// <see cref="RdfSyntaxException"/> (with a position inside the text) — never another exception type.
/// </summary>
public sealed class MalformedInputFuzzTests
{
    private const string Specials = "<>\"'\\_:.;,[]()@^#\n\r\t uU0aZ-+eE%~\u00e9\U0001F600";

    [Fact]
    public void Mutated_Turtle_fails_only_with_syntax_errors()
    {
        string text = File.ReadAllText(RepositoryRoot.Combine("tests", "conformance", "gaia-x", "shapes", "gx-25.11-development.shacl.ttl"));
        // A prefix block plus a slice with lists, property lists, long and short strings.
        string sample = text[..Math.Min(text.Length, 6000)];
        int parsed = Fuzz(sample, int.Parse(Environment.GetEnvironmentVariable("RDF_FUZZ_ROUNDS") ?? "3000"), seed: 11, s => new TurtleParser("http://base.example/").Parse(s));
        Assert.True(parsed > 0, "no mutant parsed at all; the fuzzer is not exercising valid paths");
    }

    [Fact]
    public void Mutated_NQuads_fail_only_with_syntax_errors()
    {
        var folder = RepositoryRoot.Combine("tests", "conformance", "rdf-canon", "rdfc10");
        var sample = new StringBuilder();
        foreach (var f in new[] { "test001-in.nq", "test002-in.nq", "test020-in.nq", "test061-in.nq", "test063-in.nq" })
        {
            var path = Path.Combine(folder, f);
            if (File.Exists(path)) sample.Append(File.ReadAllText(path));
        }
        int parsed = Fuzz(sample.ToString(), int.Parse(Environment.GetEnvironmentVariable("RDF_FUZZ_ROUNDS") ?? "3000"), seed: 5, s => NQuadsParser.Parse(s));
        Assert.True(parsed > 0, "no mutant parsed at all");
    }

    private static int Fuzz(string sample, int rounds, int seed, Func<string, RdfDataset> parse)
    {
        var random = new Random(seed);
        int parsed = 0;
        for (int round = 0; round < rounds; round++)
        {
            var sb = new StringBuilder(sample);
            int edits = random.Next(1, 4);
            for (int e = 0; e < edits && sb.Length > 0; e++)
            {
                int at = random.Next(sb.Length);
                switch (random.Next(4))
                {
                    case 0: sb.Remove(at, 1); break;
                    case 1: sb.Insert(at, Specials[random.Next(Specials.Length)]); break;
                    case 2: sb[at] = Specials[random.Next(Specials.Length)]; break;
                    default: sb.Length = at; break; // truncation
                }
            }
            string mutant = sb.ToString();
            try
            {
                parse(mutant);
                parsed++;
            }
            catch (RdfSyntaxException e)
            {
                // Lines end at \n, \r\n or a lone \r.
                int lines = 1;
                for (int i = 0; i < mutant.Length; i++)
                    if (mutant[i] == '\n' || (mutant[i] == '\r' && (i + 1 == mutant.Length || mutant[i + 1] != '\n'))) lines++;
                Assert.InRange(e.Line, 1, lines);
                Assert.True(e.Column >= 1, $"round {round}: column {e.Column}");
            }
            catch (Exception e)
            {
                Assert.Fail($"round {round}: {e.GetType().Name} instead of RdfSyntaxException: {e.Message}\n--- mutant start ---\n{mutant[..Math.Min(400, mutant.Length)]}");
            }
        }
        return parsed;
    }
}

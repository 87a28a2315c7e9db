using System.Globalization;
using ScsFederation.Rdf.Model;

namespace ScsFederation.Rdf.Tests.Interop;

/// <summary>
/// Seeded generator of Gaia-X-like credential datasets: a VC with a participant or catalogue subject,
/// service offerings and endpoints as blank nodes, lists, language-tagged and typed literals, literals
/// with characters that need escaping, and the proof in a blank-node named graph (as JSON-LD produces it).
/// Some documents contain twin offerings (identical content) so Hash N-Degree Quads is exercised.
/// Blank-node labels are random and quads are shuffled, so nothing depends on input order or labels.
/// </summary>
public sealed class GaiaXLikeDatasetGenerator(int seed)
{
    private const string Gx = "https://w3id.org/gaia-x/development#";
    private const string Cred = "https://www.w3.org/2018/credentials#";
    private const string Sec = "https://w3id.org/security#";
    private static readonly Iri XsdDateTime = new(RdfVocabulary.Xsd + "dateTime");
    private static readonly Iri XsdAnyUri = new(RdfVocabulary.Xsd + "anyURI");
    private static readonly string[] Fancy = ["quote \"q\"", "back\\slash", "line\nbreak", "tab\there", "caf\u00e9", "\u65e5\u672c", "emoji \U0001F680", "ctrl\u0001x", "cr\rlf", "sp\u2028ace"];

    private readonly Random _random = new(seed);
    private int _labels;

    public RdfDataset Generate(int targetQuads)
    {
        targetQuads = Math.Clamp(targetQuads, 5, 100_000);
        var quads = new List<Quad>();
        var vc = _random.Next(4) == 0 ? (RdfTerm)Blank() : new Iri($"https://hub.scs.localhost/credentials/{_random.Next(1_000_000)}");
        Add(quads, vc, RdfVocabulary.RdfType, new Iri(Cred + "VerifiableCredential"));
        Add(quads, vc, new Iri(Cred + "issuer"), new Iri("did:web:hub.scs.localhost"));
        Add(quads, vc, new Iri(Cred + "issuanceDate"), new Literal($"2025-0{_random.Next(1, 10)}-1{_random.Next(10)}T08:00:00Z", XsdDateTime));
        var subject = _random.Next(3) == 0 ? (RdfTerm)Blank() : new Iri($"https://hub.scs.localhost/participants/p{_random.Next(100)}");
        Add(quads, vc, new Iri(Cred + "credentialSubject"), subject);
        Add(quads, subject, RdfVocabulary.RdfType, new Iri(Gx + (_random.Next(2) == 0 ? "LegalPerson" : "Catalogue")));
        if (quads.Count >= targetQuads) return Finish(quads);

        if (targetQuads - quads.Count >= 6)
        {
            var proofGraph = Blank();
            var proof = Blank();
            Add(quads, vc, new Iri(Sec + "proof"), proofGraph);
            Add(quads, proof, RdfVocabulary.RdfType, new Iri(Sec + "JsonWebSignature2020"), proofGraph);
            Add(quads, proof, new Iri("http://purl.org/dc/terms/created"), new Literal("2025-05-01T08:00:00Z", XsdDateTime), proofGraph);
            Add(quads, proof, new Iri(Sec + "jws"), Literal.Plain("eyJhbGciOiJQUzI1NiJ9.." + _random.Next()), proofGraph);
            Add(quads, proof, new Iri(Sec + "verificationMethod"), new Iri("did:web:hub.scs.localhost#key-1"), proofGraph);
            Add(quads, proof, new Iri(Sec + "proofPurpose"), new Iri(Sec + "assertionMethod"), proofGraph);
        }

        int i = 0;
        while (quads.Count < targetQuads)
        {
            int room = targetQuads - quads.Count;
            if (room < 16)
            {
                Add(quads, subject, new Iri(Gx + "keyword"), Literal.Plain($"kw-{i++}-{_random.Next(1000)}"));
                continue;
            }
            bool twins = room >= 32 && _random.Next(12) == 0;
            int variant = _random.Next(1_000_000);
            AddOffering(quads, subject, i, variant);
            if (twins) AddOffering(quads, subject, i, variant); // identical twin: same literals, other blank nodes
            i++;
        }
        return Finish(quads);
    }

    private void AddOffering(List<Quad> quads, RdfTerm subject, int i, int variant)
    {
        var rnd = new Random(variant);
        var offering = Blank();
        var endpoint = Blank();
        Add(quads, subject, new Iri(Gx + "serviceOffering"), offering);
        Add(quads, offering, RdfVocabulary.RdfType, new Iri(Gx + "ServiceOffering"));
        Add(quads, offering, new Iri(Gx + "name"), Literal.Plain($"Service {i}"));
        string fancy = Fancy[rnd.Next(Fancy.Length)];
        Add(quads, offering, new Iri(Gx + "description"), rnd.Next(3) == 0
            ? Literal.LanguageTagged($"Angebot {i} {fancy}", rnd.Next(2) == 0 ? "de" : "de-AT")
            : Literal.Plain($"Generated offering {i}: {fancy}"));
        Add(quads, offering, new Iri(Gx + "providedBy"), new Iri($"https://hub.scs.localhost/participants/p{rnd.Next(17)}"));
        Add(quads, offering, new Iri(Gx + "endpoint"), endpoint);
        Add(quads, endpoint, new Iri(Gx + "endpointURL"), new Literal($"https://svc{i}.cloud.localhost/api", XsdAnyUri));
        Add(quads, endpoint, new Iri(Gx + "standardConformity"), Literal.Plain(rnd.Next(2) == 0 ? "OpenStack" : "Kubernetes"));
        Add(quads, offering, new Iri(Gx + "keyword"), Literal.Plain($"tier-{rnd.Next(3)}"));
        Add(quads, offering, new Iri(Gx + "price"), new Literal(rnd.Next(1, 500).ToString(CultureInfo.InvariantCulture), RdfVocabulary.XsdInteger));
        if (rnd.Next(3) == 0)
        {
            // An ordered list of regions (rdf:first/rest chain of blank nodes).
            var head = Blank();
            Add(quads, offering, new Iri(Gx + "regions"), head);
            var node = head;
            int n = rnd.Next(1, 4);
            for (int k = 0; k < n; k++)
            {
                Add(quads, node, RdfVocabulary.RdfFirst, Literal.Plain($"region-{rnd.Next(5)}"));
                var next = k == n - 1 ? (RdfTerm)RdfVocabulary.RdfNil : Blank();
                Add(quads, node, RdfVocabulary.RdfRest, next);
                if (next is BlankNode b) node = b;
            }
        }
    }

    private BlankNode Blank() => new($"g{_random.Next(1000)}x{_labels++}");

    private static void Add(List<Quad> quads, RdfTerm s, RdfTerm p, RdfTerm o, RdfTerm? g = null) => quads.Add(new Quad(s, p, o, g));

    private RdfDataset Finish(List<Quad> quads)
    {
        for (int k = quads.Count - 1; k > 0; k--)
        {
            int j = _random.Next(k + 1);
            (quads[k], quads[j]) = (quads[j], quads[k]);
        }
        var dataset = new RdfDataset(quads.Count);
        foreach (var q in quads) dataset.Add(q);
        return dataset;
    }
}

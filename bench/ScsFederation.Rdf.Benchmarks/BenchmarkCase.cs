namespace ScsFederation.Rdf.Benchmarks;

/// <summary>One measured operation: a name, the input description and the work to repeat.</summary>
internal sealed record BenchmarkCase(string Name, string Input, int Quads, Action Operation);

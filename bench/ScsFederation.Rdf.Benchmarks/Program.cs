using ScsFederation.Rdf.Benchmarks;

return BenchmarkProgram.Run(args);

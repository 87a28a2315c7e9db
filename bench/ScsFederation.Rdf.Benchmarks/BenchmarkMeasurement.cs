using System.Diagnostics;

namespace ScsFederation.Rdf.Benchmarks;

/// <summary>Result of timing one case: operations per second (mean over the timed batch) and bytes allocated per operation.</summary>
internal sealed record BenchmarkMeasurement(string Name, string Input, int Quads, int Iterations, double MeanMs, double MedianMs, double OpsPerSecond, long AllocatedBytesPerOp)
{
    /// <summary>Warms up (JIT tiers, caches), then times single operations until minTime has passed.</summary>
    public static BenchmarkMeasurement Measure(BenchmarkCase benchmark, TimeSpan minTime, int minIterations = 5)
    {
        var warm = Stopwatch.StartNew();
        int warmups = 0;
        while (warmups < 3 || (warm.Elapsed < TimeSpan.FromMilliseconds(500) && warmups < 200)) { benchmark.Operation(); warmups++; }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var samples = new List<double>();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var total = Stopwatch.StartNew();
        while (samples.Count < minIterations || total.Elapsed < minTime)
        {
            long t0 = Stopwatch.GetTimestamp();
            benchmark.Operation();
            samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        samples.Sort();
        double mean = samples.Average();
        return new BenchmarkMeasurement(benchmark.Name, benchmark.Input, benchmark.Quads, samples.Count, mean, samples[samples.Count / 2], 1000.0 / mean, allocated / samples.Count);
    }
}

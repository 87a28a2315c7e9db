using Xunit.Abstractions;

namespace ScsFederation.Rdf.Tests.JsonLd;

/// <summary>Manifest cases minus the listed skips, and the whole-suite threshold check.</summary>
internal static class JsonLdSuiteData
{
    private static readonly Dictionary<string, IReadOnlyList<JsonLdTestCase>> CasesBySuite = new();

    public static IReadOnlyList<JsonLdTestCase> All(string suite)
    {
        lock (CasesBySuite)
        {
            if (!CasesBySuite.TryGetValue(suite, out var cases))
                CasesBySuite[suite] = cases = JsonLdSuiteRunner.Cases(suite);
            return cases;
        }
    }

    public static TheoryData<string> CaseIds(string suite)
    {
        var skips = JsonLdSuiteRunner.Skips(suite);
        var data = new TheoryData<string>();
        foreach (var test in All(suite))
            if (!skips.ContainsKey(test.Id)) data.Add(test.Id);
        return data;
    }

    public static JsonLdTestCase Case(string suite, string id) => All(suite).Single(t => t.Id == id);

    public static void AssertSuiteThreshold(string suite, int expectedTotal, int required, ITestOutputHelper output)
    {
        var cases = All(suite);
        Assert.Equal(expectedTotal, cases.Count);
        var skips = JsonLdSuiteRunner.Skips(suite);
        foreach (var id in skips.Keys)
            Assert.True(cases.Any(c => c.Id == id), $"skip list names {id}, which is not in the {suite} manifest");

        int passed = 0;
        var failures = new List<string>();
        foreach (var test in cases)
        {
            if (skips.ContainsKey(test.Id)) continue;
            string? failure;
            try
            {
                failure = JsonLdSuiteRunner.Run(test);
            }
            catch (Exception e)
            {
                failure = "crashed: " + e.GetType().Name + ": " + e.Message;
            }
            if (failure is null) passed++;
            else failures.Add($"{test.Id} ({test.Name}): {FirstLine(failure)}");
        }

        output.WriteLine($"{suite}: {passed} passed, {failures.Count} failed, {skips.Count} skipped, of {cases.Count}");
        foreach (var (id, reason) in skips) output.WriteLine($"  skipped {id}: {reason}");
        foreach (var f in failures) output.WriteLine($"  FAILED {f}");
        Assert.True(passed >= required, $"{suite}: {passed} of {cases.Count} passed, {required} required. Failing: {string.Join("; ", failures)}");
    }

    private static string FirstLine(string s)
    {
        int nl = s.IndexOf('\n');
        return nl < 0 ? s : s[..nl];
    }
}

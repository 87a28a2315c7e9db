using System.Text.Json.Nodes;

namespace ScsFederation.Credentials.Tests;

/// <summary>Vendored Gaia-X data (tests/conformance/gaia-x, provenance in its README files).</summary>
internal static class TestData
{
    public static string GaiaX(params string[] parts) => RepositoryRoot.Combine(["tests", "conformance", "gaia-x", .. parts]);

    public static string Loire(params string[] parts) => GaiaX(["samples", "loire", .. parts]);

    public static string Tagus(params string[] parts) => GaiaX(["samples", "tagus-22.10", .. parts]);

    public static string Text(string path) => File.ReadAllText(path).Trim();

    public static JsonObject Json(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;

    /// <summary>A fixed "now" inside every synthetic fixture's validity (2026-01-01 .. 2027-12-31), so results do not drift with the clock.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
}

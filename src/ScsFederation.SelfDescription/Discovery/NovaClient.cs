using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace ScsFederation.SelfDescription.Discovery;

/// <summary>
/// Reads the public flavors of one Nova endpoint: <c>GET {endpoint}/flavors/detail</c> with compute microversion
/// <see cref="Microversion"/> (flavor <c>description</c> and <c>extra_specs</c>; a Nova older than that answers
/// 406 and is asked again at the base version 2.1), following <c>flavors_links</c> rel <c>next</c> on the
/// endpoint's origin only. Nova lists only public flavors unless asked for <c>is_public=none</c>; flavors marked
/// <c>os-flavor-access:is_public: false</c> or disabled are dropped all the same.
/// </summary>
public sealed class NovaClient(ServiceApiClient api)
{
    public const string Microversion = "2.61";

    private static readonly Dictionary<string, string> MicroversionHeaders = new()
    {
        ["OpenStack-API-Version"] = "compute " + Microversion,
        ["X-OpenStack-Nova-API-Version"] = Microversion,
    };

    public async Task<IReadOnlyList<NovaFlavor>> ListPublicFlavorsAsync(CancellationToken cancellationToken)
    {
        var flavors = new List<NovaFlavor>();
        var headers = (IReadOnlyDictionary<string, string>?)MicroversionHeaders;
        var next = new Uri(api.EndpointText + "/flavors/detail");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            if (!seen.Add(next.AbsoluteUri) || seen.Count > ServiceApiClient.MaxPages)
                throw api.Refused(next, CloudApiFailure.TooManyPages, $"the flavor list does not end (a repeated next link, or more than {ServiceApiClient.MaxPages} pages)");
            JsonNode page;
            try
            {
                page = await api.GetJsonAsync(next, headers, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudApiException e) when (e.StatusCode == HttpStatusCode.NotAcceptable && headers is not null && flavors.Count == 0)
            {
                headers = null; // a Nova before 2.61: the base API still lists the flavors, without descriptions and extra specs
                seen.Clear();
                continue;
            }
            if (page["flavors"] is not JsonArray items) throw api.BadAnswer(next, "the answer has no \"flavors\" array");
            foreach (var item in items)
            {
                if (item is not JsonObject f) throw api.BadAnswer(next, "a flavor is not an object");
                if (Bool(f["os-flavor-access:is_public"]) == false || Bool(f["OS-FLV-DISABLED:disabled"]) == true) continue;
                flavors.Add(new NovaFlavor(
                    Text(f["id"]) ?? throw api.BadAnswer(next, "a flavor has no id"),
                    Text(f["name"]) ?? throw api.BadAnswer(next, "a flavor has no name"),
                    Int(f["vcpus"]) ?? throw api.BadAnswer(next, $"flavor {Text(f["name"])} has no vcpus"),
                    Int(f["ram"]) ?? throw api.BadAnswer(next, $"flavor {Text(f["name"])} has no ram"),
                    Int(f["disk"]) ?? 0,
                    Int(f["OS-FLV-EXT-DATA:ephemeral"]) ?? 0,
                    Int(f["swap"]) ?? 0, // "" when there is no swap
                    Text(f["description"]),
                    f["extra_specs"] is JsonObject specs
                        ? specs.Where(p => Text(p.Value) is not null).ToDictionary(p => p.Key, p => Text(p.Value)!, StringComparer.Ordinal)
                        : new Dictionary<string, string>()));
            }
            var link = (page["flavors_links"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(l => Text(l["rel"]) == "next");
            if (link is null || Text(link["href"]) is not { } href) return flavors;
            next = api.Resolve(href, api.Endpoint.GetLeftPart(UriPartial.Authority));
        }
    }

    internal static string? Text(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<string>(out var s) ? s : v.TryGetValue<double>(out var d) ? d.ToString(CultureInfo.InvariantCulture) : v.TryGetValue<bool>(out var b) ? (b ? "true" : "false") : null
        : null;

    internal static int? Int(JsonNode? node) => node is JsonValue v
        ? v.TryGetValue<int>(out var i) ? i
          : v.TryGetValue<double>(out var d) && d >= int.MinValue && d <= int.MaxValue && d == Math.Floor(d) ? (int)d
          : v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p
          : null
        : null;

    internal static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
}

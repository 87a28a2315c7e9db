using System.Text.Json.Nodes;

namespace ScsFederation.SelfDescription.Discovery;

/// <summary>
/// Reads the public images of one Glance endpoint: <c>GET {endpoint}/v2/images?visibility=public</c>, following
/// <c>next</c> (a path relative to the endpoint, as Glance writes it; an absolute URL only on the endpoint's origin).
/// Only <c>active</c> images with <c>visibility: public</c> are kept, whatever the filter let through.
/// </summary>
public sealed class GlanceClient(ServiceApiClient api)
{
    /// <summary>Core fields of the image schema; every other top-level string is an additional property.</summary>
    private static readonly HashSet<string> CoreFields = new(StringComparer.Ordinal)
    {
        "id", "name", "status", "visibility", "protected", "os_hidden", "checksum", "os_hash_algo", "os_hash_value", "owner", "size",
        "virtual_size", "min_ram", "min_disk", "created_at", "updated_at", "disk_format", "container_format", "tags", "self", "file",
        "schema", "locations", "direct_url", "stores",
    };

    public async Task<IReadOnlyList<GlanceImage>> ListPublicImagesAsync(CancellationToken cancellationToken)
    {
        // The catalog lists Glance unversioned (https://glance.example) or, behind some proxies, with /v2: take the root.
        var root = api.EndpointText.EndsWith("/v2", StringComparison.Ordinal) ? api.EndpointText[..^3] : api.EndpointText;
        var images = new List<GlanceImage>();
        var next = new Uri(root + "/v2/images?visibility=public");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            if (!seen.Add(next.AbsoluteUri) || seen.Count > ServiceApiClient.MaxPages)
                throw api.Refused(next, CloudApiFailure.TooManyPages, $"the image list does not end (a repeated next link, or more than {ServiceApiClient.MaxPages} pages)");
            var page = await api.GetJsonAsync(next, null, cancellationToken).ConfigureAwait(false);
            if (page["images"] is not JsonArray items) throw api.BadAnswer(next, "the answer has no \"images\" array");
            foreach (var item in items)
            {
                if (item is not JsonObject i) throw api.BadAnswer(next, "an image is not an object");
                if (NovaClient.Text(i["visibility"]) != "public" || NovaClient.Text(i["status"]) != "active") continue;
                var properties = i.Where(p => !CoreFields.Contains(p.Key) && p.Value is JsonValue && NovaClient.Text(p.Value) is not null)
                    .ToDictionary(p => p.Key, p => NovaClient.Text(p.Value)!, StringComparer.Ordinal);
                images.Add(new GlanceImage(
                    NovaClient.Text(i["id"]) ?? throw api.BadAnswer(next, "an image has no id"),
                    NovaClient.Text(i["name"]) ?? NovaClient.Text(i["id"])!,
                    NovaClient.Text(i["disk_format"]),
                    i["size"] is JsonValue size && size.TryGetValue<long>(out var bytes) ? bytes : null,
                    NovaClient.Int(i["min_ram"]) ?? 0,
                    NovaClient.Int(i["min_disk"]) ?? 0,
                    NovaClient.Text(i["os_hash_algo"]),
                    NovaClient.Text(i["os_hash_value"]),
                    properties));
            }
            if (NovaClient.Text(page["next"]) is not { Length: > 0 } href) return images;
            next = api.Resolve(href, root);
        }
    }
}

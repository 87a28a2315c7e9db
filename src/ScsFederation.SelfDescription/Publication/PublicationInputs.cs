using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ScsFederation.Core.Configuration;

namespace ScsFederation.SelfDescription.Publication;

/// <summary>
/// The hash of everything a publication is built from: the provider's federation entry (its gaiaX section, display
/// name, Kubernetes cluster), what discovery read (catalog services and endpoints, public flavors and images, cluster
/// versions; in a stable order), the profile and the hub issuer. The hub
/// republishes when it differs from the current publication's.
/// </summary>
public static class PublicationInputs
{
    public static string Hash(CloudProvider provider, CloudInventory inventory, string profile, string canonicalIssuer, int validityDays)
    {
        var inputs = new
        {
            provider.Id, provider.DisplayName, provider.GaiaX, Kubernetes = provider.Kubernetes is { } k ? new { k.Cluster, k.ApiServer, k.Audience } : null,
            Services = inventory.Services.OrderBy(s => s.Type, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
                .Select(s => new { s.Type, s.Name, Endpoints = s.Endpoints.OrderBy(e => e.Interface, StringComparer.Ordinal).ThenBy(e => e.Region, StringComparer.Ordinal).ThenBy(e => e.Url, StringComparer.Ordinal) }),
            Clusters = inventory.Clusters.OrderBy(c => c.Name, StringComparer.Ordinal),
            // What Nova and Glance list behind the public endpoints (flavors, images) and the clusters' versions are in the offerings too.
            Compute = inventory.Compute.OrderBy(c => c.EndpointUrl, StringComparer.Ordinal).Select(c => new { c.EndpointUrl, c.Region, Flavors = c.Flavors.OrderBy(f => f.Id, StringComparer.Ordinal) }),
            Images = inventory.Images.OrderBy(c => c.EndpointUrl, StringComparer.Ordinal).Select(c => new { c.EndpointUrl, c.Region, Images = c.Images.OrderBy(i => i.Id, StringComparer.Ordinal) }),
            profile, canonicalIssuer, validityDays,
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(inputs))));
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;

namespace ScsFederation.SelfDescription;

/// <summary>
/// Builds a provider's unsigned Gaia-X 25.11 credential set from its federation-file entry
/// (<c>providers[].gaiaX</c>) and from what its cloud runs (<see cref="CloudInventory"/>). Every id is
/// under <c>{hub issuer}gaia-x/providers/{provider}/</c> — the URL the hub publishes it at — and is
/// derived from stable names only (service type, name, region), so a rebuild gives the same ids.
/// Auxiliary nodes an offering needs (terms, endpoint, standard, policy, export) are nested in that
/// offering's subject with their own ids and types, so each offering validates with only the
/// participant beside it. Vocabulary and shapes: Gaia-X 25.11 (<c>https://w3id.org/gaia-x/development#</c>).
/// </summary>
public sealed class ProviderCredentialBuilder(string canonicalHubIssuer)
{
    /// <summary>The hash of the Gaia-X terms and conditions an issuer accepts (25.11; the older 4bd75540… is deprecated).</summary>
    public const string GaiaXTermsAndConditionsHash = "067dcac5efd18c1927deb1ffed3feab6d0ad044c0a9a263e6d5d8bdc43224515";
    public const string GxNamespace = "https://w3id.org/gaia-x/development#";

    public TimeSpan Validity { get; init; } = TimeSpan.FromDays(90);

    public ProviderCredentialSet Build(CloudProvider provider, CloudInventory inventory, DateTimeOffset now)
    {
        var gx = provider.GaiaX ?? throw new ArgumentException($"provider {provider.Id} has no gaiaX section", nameof(provider));
        var did = gx.Did ?? DefaultDid(provider.Id);
        var baseUrl = $"{canonicalHubIssuer.TrimEnd('/')}/gaia-x/providers/{provider.Id}/";
        var notes = new List<string>(inventory.Notes);
        var credentials = new List<UnsignedCredential>();
        // type: the set's family (gx:ServiceOffering for every offering); the VC is typed as its subject (gx:VirtualMachineServiceOffering, …).
        JsonObject Vc(string id, string type, JsonObject subject)
        {
            var vc = new JsonObject
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", GxNamespace, new JsonObject { ["schema"] = "https://schema.org/" }),
                ["type"] = new JsonArray("VerifiableCredential", (string?)subject["type"] ?? type),
                ["id"] = id,
                ["issuer"] = did,
                ["validFrom"] = Timestamp(now),
                ["validUntil"] = Timestamp(now + Validity),
                ["credentialSubject"] = subject,
            };
            credentials.Add(new UnsignedCredential(id, type, vc));
            return vc;
        }

        var (kind, number) = gx.RegistrationNumber.Single();
        var registration = new RegistrationNumberRequest(kind, number, baseUrl + "registration-number", baseUrl + "registration-number#cs");

        var hqId = baseUrl + "address";
        Vc(hqId, "gx:Address", Address(hqId + "#cs", gx.HeadquartersAddress));
        var legalPersonId = baseUrl + "legal-person";
        var legalPerson = new JsonObject
        {
            ["id"] = legalPersonId + "#cs",
            ["type"] = "gx:LegalPerson",
            ["schema:name"] = gx.LegalName,
            ["gx:registrationNumber"] = new JsonObject { ["id"] = registration.SubjectId },
            ["gx:headquartersAddress"] = new JsonObject { ["id"] = hqId + "#cs" },
            ["gx:legalAddress"] = gx.LegalAddress is { } legal ? Address(legalPersonId + "#legal-address", legal) : new JsonObject { ["id"] = hqId + "#cs" },
        };
        if (gx.Description is { } description) legalPerson["schema:description"] = description;
        Vc(legalPersonId, "gx:LegalPerson", legalPerson);
        Vc(baseUrl + "issuer", "gx:Issuer", new JsonObject
        {
            ["id"] = baseUrl + "issuer#cs",
            ["type"] = "gx:Issuer",
            ["gx:gaiaxTermsAndConditions"] = GaiaXTermsAndConditionsHash,
        });

        foreach (var service in inventory.Services.OrderBy(s => s.Type, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            var publicEndpoints = service.Endpoints.Where(e => e.Interface == "public").OrderBy(e => e.Region, StringComparer.Ordinal).ToList();
            if (publicEndpoints.Count == 0) { notes.Add($"{service.Type} ({service.Name}): no public endpoint, not offered"); continue; }
            foreach (var endpoint in publicEndpoints)
            {
                var id = baseUrl + "services/" + Slug(service.Type, service.Name, endpoint.Region);
                if (credentials.Any(c => c.Id == id)) { notes.Add($"{service.Type} ({service.Name}) in {endpoint.Region ?? "no region"}: a second public endpoint with the same id {id}, not offered twice"); continue; }
                var (title, reference) = ServiceStandards.For(service.Type);
                var name = $"{provider.DisplayName ?? provider.Id} {title}" + (endpoint.Region is { } r ? $" ({r})" : "");
                var subject = Offering(id, name, $"{title} of {gx.LegalName}: catalog service '{service.Name}' of type '{service.Type}'" + (endpoint.Region is { } region ? $" in region {region}" : ""),
                    endpoint.Url, title, reference, [service.Type, .. endpoint.Region is { } rr ? new[] { rr } : []], gx, legalPersonId);
                if (service.Type == "compute") AddFlavors(subject, endpoint, inventory, baseUrl, notes);
                else if (service.Type == "image") AddImages(subject, endpoint, inventory, baseUrl, notes);
                Vc(id, "gx:ServiceOffering", subject);
            }
        }
        foreach (var cluster in inventory.Clusters.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            if (cluster.ApiServer is null) { notes.Add($"kubernetes cluster {cluster.Name}: no API server URL configured, not offered"); continue; }
            var id = baseUrl + "services/" + Slug("kubernetes", cluster.Name, null);
            var (title, reference) = ServiceStandards.For("kubernetes");
            var version = cluster.Version is { } v ? $" {v}" : "";
            var platform = cluster.Version is null ? "" : (cluster.Platform is { } p ? $" on {p}" : "") + " (version as its API server's /version reports it)";
            var audience = cluster.Audience is { } aud ? $", audience {aud}" : "";
            Vc(id, "gx:ServiceOffering", Offering(id, $"{provider.DisplayName ?? provider.Id} Kubernetes cluster {cluster.Name}",
                $"Kubernetes{version} cluster {cluster.Name} of {gx.LegalName}{platform}; people authenticate through the federation hub {cluster.Issuer} (OIDC{audience})",
                cluster.ApiServer, title, reference, ["kubernetes", .. cluster.Version is { } vv ? new[] { vv } : []], gx, legalPersonId));
        }
        if (!credentials.Any(c => c.GxType == "gx:ServiceOffering")) notes.Add("no service offering: the cloud reported no public service");
        return new ProviderCredentialSet(provider.Id, did, baseUrl + "presentation", credentials, registration, notes);
    }

    /// <summary>
    /// The public flavors of a compute endpoint as nested gx:ServerFlavor nodes (<c>gx:instantiationReq</c>). With at
    /// least one gx:VMImage of the same region the offering is a <c>gx:VirtualMachineServiceOffering</c> (its shape
    /// requires both, <c>gx:codeArtifact</c> the images); with flavors only a <c>gx:ComputeServiceOffering</c>.
    /// </summary>
    private static void AddFlavors(JsonObject subject, CloudEndpoint endpoint, CloudInventory inventory, string baseUrl, List<string> notes)
    {
        var catalog = inventory.Compute.FirstOrDefault(c => c.EndpointUrl == endpoint.Url);
        if (catalog is null) return; // not read: the note says why
        var flavors = new JsonArray();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var flavor in catalog.Flavors.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var id = baseUrl + "flavors/" + Slug(endpoint.Region, flavor.Name);
            if (!ids.Add(id)) { notes.Add($"flavor {flavor.Name} (id {flavor.Id}) at {endpoint.Url}: a second flavor with the id {id}, not published twice"); continue; }
            flavors.Add(OpenStackResources.Flavor(id, flavor));
        }
        if (flavors.Count == 0) { notes.Add($"compute {endpoint.Url}: Nova lists no public flavor"); return; }
        subject["gx:instantiationReq"] = flavors;
        AppendDescription(subject, "public flavors: " + string.Join(", ", catalog.Flavors.Select(f => f.Name).Order(StringComparer.Ordinal)));
        var images = VmImages(inventory.Images.Where(c => c.Region == endpoint.Region), baseUrl, notes: null);
        if (images.Count > 0)
        {
            subject["type"] = "gx:VirtualMachineServiceOffering";
            subject["gx:codeArtifact"] = images;
        }
        else
        {
            subject["type"] = "gx:ComputeServiceOffering";
            notes.Add($"compute {endpoint.Url}: a gx:ComputeServiceOffering, not a gx:VirtualMachineServiceOffering (that needs at least one public image of region {endpoint.Region ?? "(none)"} published as gx:VMImage)");
        }
    }

    /// <summary>The public images of an image endpoint: each as a nested gx:VMImage (<c>gx:aggregationOfResources</c>) when Glance says what the shape requires, all by name in the description.</summary>
    private static void AddImages(JsonObject subject, CloudEndpoint endpoint, CloudInventory inventory, string baseUrl, List<string> notes)
    {
        var catalog = inventory.Images.FirstOrDefault(c => c.EndpointUrl == endpoint.Url);
        if (catalog is null) return;
        if (catalog.Images.Count == 0) { notes.Add($"image {endpoint.Url}: Glance lists no public image"); return; }
        var images = VmImages([catalog], baseUrl, notes);
        if (images.Count > 0) subject["gx:aggregationOfResources"] = images;
        AppendDescription(subject, "public images: " + string.Join(", ", catalog.Images.Select(i => i.Name).Order(StringComparer.Ordinal)));
    }

    private static JsonArray VmImages(IEnumerable<ImageCatalog> catalogs, string baseUrl, List<string>? notes)
    {
        var images = new JsonArray();
        foreach (var catalog in catalogs.OrderBy(c => c.EndpointUrl, StringComparer.Ordinal))
        {
            var unlicensed = new List<string>();
            foreach (var image in catalog.Images.OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal))
            {
                var node = OpenStackResources.Image(baseUrl + "images/" + Slug(catalog.Region, image.Id), image, out var missing);
                if (node is null) unlicensed.Add($"{image.Name} (no {missing})");
                else images.Add(node);
            }
            if (unlicensed.Count > 0)
                notes?.Add($"image {catalog.EndpointUrl}: listed by name only, not as gx:VMImage (the shape requires gx:license and gx:copyrightOwnedBy; Glance image properties '{OpenStackResources.LicenseProperty}' and '{OpenStackResources.CopyrightOwnerProperty}'): {string.Join(", ", unlicensed)}");
        }
        return images;
    }

    private static void AppendDescription(JsonObject subject, string text) =>
        subject["schema:description"] = (string?)subject["schema:description"] + "; " + text;

    private static JsonObject Offering(string id, string name, string description, string endpointUrl, string standardTitle, string? standardReference,
        IEnumerable<string> keywords, GaiaXProviderSettings gx, string legalPersonId)
    {
        var standard = new JsonObject { ["id"] = id + "#standard", ["type"] = "gx:StandardConformity", ["dcterms:title"] = standardTitle };
        if (standardReference is not null) standard["gx:standardReference"] = AnyUri(standardReference);
        var subject = new JsonObject
        {
            ["id"] = id + "#cs",
            ["type"] = "gx:ServiceOffering",
            ["schema:name"] = name,
            ["schema:description"] = description,
            ["gx:providedBy"] = new JsonObject { ["id"] = legalPersonId + "#cs" },
            ["gx:serviceOfferingTermsAndConditions"] = new JsonObject
            {
                ["id"] = id + "#terms", ["type"] = "gx:TermsAndConditions", ["gx:url"] = AnyUri(gx.TermsAndConditions.Url), ["gx:hash"] = gx.TermsAndConditions.Hash,
            },
            ["gx:endpoint"] = new JsonObject
            {
                ["id"] = id + "#endpoint", ["type"] = "gx:Endpoint", ["gx:endpointURL"] = AnyUri(endpointUrl), ["gx:standardConformity"] = standard,
            },
            ["gx:dataProtectionRegime"] = new JsonArray(gx.DataProtectionRegime.Select(r => (JsonNode?)r).ToArray()),
            ["gx:keyword"] = new JsonArray(keywords.Concat(gx.Keywords).Distinct(StringComparer.Ordinal).Select(k => (JsonNode?)k).ToArray()),
            ["gx:provisionType"] = "public",
        };
        if (gx.ServicePolicy is { } policy)
            subject["gx:servicePolicy"] = new JsonObject { ["id"] = id + "#policy", ["type"] = "gx:AccessUsagePolicy", ["gx:policyLanguage"] = policy.Language, ["gx:policyDocument"] = policy.Document };
        if (gx.DataAccountExport is { } export)
            subject["gx:dataAccountExport"] = new JsonObject
            {
                ["id"] = id + "#export", ["type"] = "gx:DataAccountExport",
                ["gx:requestType"] = export.RequestType, ["gx:accessType"] = export.AccessType, ["gx:formatType"] = export.FormatType,
            };
        return subject;
    }

    private static JsonObject Address(string id, GaiaXAddress a)
    {
        var address = new JsonObject { ["id"] = id, ["type"] = "gx:Address", ["gx:countryCode"] = a.CountryCode };
        if (a.CountryName is { } name) address["gx:countryName"] = name;
        if (a.Region is { } region) address["vcard:region"] = region;
        if (a.StreetAddress is { } street) address["vcard:street-address"] = street;
        if (a.PostalCode is { } postal) address["vcard:postal-code"] = postal;
        if (a.Locality is { } locality) address["vcard:locality"] = locality;
        return address;
    }

    private static JsonObject AnyUri(string value) => new() { ["@value"] = value, ["@type"] = "xsd:anyURI" };

    private static string Timestamp(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>did:web:&lt;hub host, port %3A-encoded&gt;:providers:&lt;id&gt;</c>: the hub serves the document.</summary>
    public string DefaultDid(string providerId)
    {
        var issuer = new Uri(canonicalHubIssuer);
        var host = issuer.IsDefaultPort ? issuer.IdnHost : $"{issuer.IdnHost}%3A{issuer.Port}";
        var path = issuer.AbsolutePath.Trim('/');
        return $"did:web:{host}{(path.Length == 0 ? "" : ":" + path.Replace('/', ':'))}:providers:{providerId}";
    }

    /// <summary>Lower-case letters, digits and '-' from the given parts (stable ids from catalog names).</summary>
    internal static string Slug(params string?[] parts)
    {
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            if (string.IsNullOrEmpty(part)) continue;
            if (sb.Length > 0) sb.Append('-');
            foreach (var c in part.ToLowerInvariant()) sb.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        }
        var slug = sb.ToString();
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        return slug.Trim('-');
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace ScsFederation.SelfDescription;

/// <summary>
/// Nova flavors and Glance images as Gaia-X 25.11 nodes (<c>gx:ServerFlavor</c>, <c>gx:VMImage</c>), with only what
/// the APIs report — nothing guessed. Sizes are <c>gx:MemorySize</c> nodes (<c>qudt:quantityValue</c> as
/// <c>xsd:float</c>, <c>qudt:applicableUnit</c> the QUDT unit IRI as a string, as the shape wants): Nova RAM and
/// swap in MiB, disks in GiB, Glance sizes in bytes. Every node has an id under its resource's id, so the same
/// flavor or image nested in two offerings is the same RDF node.
/// </summary>
internal static class OpenStackResources
{
    private const string QuantityValue = "http://qudt.org/schema/qudt/quantityValue";
    private const string ApplicableUnit = "http://qudt.org/schema/qudt/applicableUnit";
    public const string MebiByte = "http://qudt.org/vocab/unit/MebiBYTE";
    public const string GibiByte = "http://qudt.org/vocab/unit/GibiBYTE";
    public const string Byte = "http://qudt.org/vocab/unit/BYTE";

    /// <summary>What the VMImage shape asks of a resource policy when the resource has none of its own ("a simple default: allow intent").</summary>
    public const string DefaultResourcePolicy = "default: allow intent";

    /// <summary>The Glance image properties the hub reads for the two facts Glance has no field for (documented in docs/self-descriptions.md).</summary>
    public const string LicenseProperty = "license";
    public const string CopyrightOwnerProperty = "copyright_owner";

    public static JsonObject Flavor(string id, NovaFlavor f)
    {
        var flavor = new JsonObject
        {
            ["id"] = id,
            ["type"] = "gx:ServerFlavor",
            ["schema:name"] = f.Name,
            ["schema:description"] = FlavorDescription(f),
            ["gx:cpu"] = new JsonObject
            {
                ["id"] = id + "#cpu", ["type"] = "gx:CpuCapabilities", ["gx:vCPUs"] = f.Vcpus,
                // Nova says nothing about the physical CPU behind the vCPUs; the shape requires the node, not its properties.
                ["gx:pCPU"] = new JsonObject { ["id"] = id + "#pcpu", ["type"] = "gx:CPU" },
            },
            ["gx:memory"] = new JsonObject
            {
                ["id"] = id + "#memory", ["type"] = "gx:MemoryCapabilities",
                ["gx:memory"] = new JsonObject { ["id"] = id + "#ram", ["type"] = "gx:Memory", ["gx:memorySize"] = Size(id + "#ram-size", f.RamMiB, MebiByte) },
            },
            // disk 0 = the root disk is a volume sized at boot (boot from volume); the shape requires a boot volume all the same.
            ["gx:bootVolume"] = new JsonObject { ["id"] = id + "#boot-volume", ["type"] = "gx:Disk", ["gx:diskSize"] = Size(id + "#boot-volume-size", f.DiskGiB, GibiByte) },
        };
        if (f.EphemeralGiB > 0)
            flavor["gx:additionalVolume"] = new JsonObject { ["id"] = id + "#ephemeral", ["type"] = "gx:Disk", ["gx:diskSize"] = Size(id + "#ephemeral-size", f.EphemeralGiB, GibiByte) };
        return flavor;
    }

    private static string FlavorDescription(NovaFlavor f)
    {
        var text = $"Nova flavor {f.Name} (id {f.Id}): {f.Vcpus} vCPUs, {f.RamMiB} MiB RAM, "
                   + (f.DiskGiB > 0 ? $"{f.DiskGiB} GiB root disk" : "root disk from a volume sized at boot")
                   + (f.EphemeralGiB > 0 ? $", {f.EphemeralGiB} GiB ephemeral disk" : "")
                   + (f.SwapMiB > 0 ? $", {f.SwapMiB} MiB swap" : "");
        // Only the SCS flavor properties (scs:*): other extra specs are the operator's scheduling internals.
        var scs = f.ExtraSpecs.Where(p => p.Key.StartsWith("scs:", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}").ToList();
        if (scs.Count > 0) text += "; " + string.Join(", ", scs);
        if (f.Description is { Length: > 0 } d) text += ". " + d;
        return text;
    }

    /// <summary>The image as a gx:VMImage node, or null with the reason when Glance does not say what the shape requires.</summary>
    public static JsonObject? Image(string id, GlanceImage i, out string? missing)
    {
        var license = i.Property(LicenseProperty);
        var owner = i.Property(CopyrightOwnerProperty);
        if (license is null || owner is null)
        {
            missing = string.Join(" and ", new[] { license is null ? LicenseProperty : null, owner is null ? CopyrightOwnerProperty : null }.OfType<string>());
            return null;
        }
        missing = null;
        var image = new JsonObject
        {
            ["id"] = id,
            ["type"] = "gx:VMImage",
            ["schema:name"] = i.Name,
            ["schema:description"] = ImageDescription(i),
            // An absolute URL is a license document (xsd:anyURI); anything else is taken as an SPDX identifier, which the shape checks against its list.
            ["gx:license"] = Uri.TryCreate(license, UriKind.Absolute, out var u) && u.Scheme is "https" or "http" ? new JsonObject { ["@value"] = license, ["@type"] = "xsd:anyURI" } : license,
            ["gx:copyrightOwnedBy"] = owner,
            ["gx:resourcePolicy"] = DefaultResourcePolicy,
        };
        if (DiskFormat(i.DiskFormat) is { } format) image["gx:vmImageDiskFormat"] = format;
        if (i.SizeBytes is { } bytes) image["gx:fileSize"] = Size(id + "#file-size", bytes, Byte);
        if (Checksum(i.HashAlgorithm) is { } algorithm && i.HashValue is { Length: > 0 } value)
            image["gx:checkSum"] = new JsonObject { ["id"] = id + "#checksum", ["type"] = "gx:CheckSum", ["gx:checkSumCalculation"] = algorithm, ["gx:checkSumValue"] = value };
        if (i.MinRamMiB > 0)
            image["gx:ramReq"] = new JsonObject { ["id"] = id + "#ram-req", ["type"] = "gx:Memory", ["gx:memorySize"] = Size(id + "#ram-req-size", i.MinRamMiB, MebiByte) };
        if (i.MinDiskGiB > 0)
            image["gx:rootDiskReq"] = new JsonObject { ["id"] = id + "#root-disk-req", ["type"] = "gx:Disk", ["gx:diskSize"] = Size(id + "#root-disk-req-size", i.MinDiskGiB, GibiByte) };
        if (Architecture(i.Property("architecture")) is { } arch)
            image["gx:cpuReq"] = new JsonObject { ["id"] = id + "#cpu-req", ["type"] = "gx:CPU", ["gx:cpuArchitecture"] = arch };
        if (Firmware(i.Property("hw_firmware_type")) is { } firmware) image["gx:firmwareType"] = firmware;
        if (Hypervisor(i.Property("hypervisor_type")) is { } hypervisor) image["gx:hypervisorType"] = hypervisor;
        if (i.Property("os_secure_boot") is { } secureBoot) image["gx:secureBoot"] = secureBoot == "required";
        if (i.Property("os_version") is { } version) image["gx:version"] = version;
        return image;
    }

    private static string ImageDescription(GlanceImage i)
    {
        var parts = new List<string> { $"Glance image {i.Name} (id {i.Id})" };
        if (i.Property("os_distro") is { } distro) parts.Add("os_distro " + distro + (i.Property("os_version") is { } v ? " " + v : ""));
        if (i.Property("image_description") is { } d) parts.Add(d);
        return string.Join("; ", parts);
    }

    private static JsonObject Size(string id, double value, string unit) => new()
    {
        ["id"] = id,
        ["type"] = "gx:MemorySize",
        [QuantityValue] = new JsonObject { ["@value"] = value.ToString("R", CultureInfo.InvariantCulture), ["@type"] = "xsd:float" },
        [ApplicableUnit] = unit,
    };

    private static string? DiskFormat(string? f) => f?.ToLowerInvariant() switch
    {
        "raw" => "RAW", "qcow2" => "QCOW2", "vhd" => "VHD", "vmdk" => "VMDK", "iso" => "ISO", _ => null, // ami, vdi, ploop, …: no shape value
    };

    private static string? Checksum(string? algorithm) => algorithm?.ToLowerInvariant() switch
    {
        "md5" => "md5", "sha1" => "sha-1", "sha256" => "sha-256", "sha384" => "sha-384", "sha512" => "sha-512", null => null, _ => "other",
    };

    private static string? Architecture(string? a) => a?.ToLowerInvariant() switch
    {
        "x86_64" or "amd64" => "x86-64", "i686" or "i386" => "x86-32", "aarch64" or "arm64" => "AArch-64", "armv7l" or "armv7" => "AArch-32",
        "riscv64" or "riscv32" => "RISC-V", null => null, _ => "Other",
    };

    private static string? Firmware(string? f) => f?.ToLowerInvariant() switch { "bios" => "BIOS", "uefi" => "UEFI", _ => null };

    private static string? Hypervisor(string? h) => h?.ToLowerInvariant() switch
    {
        "kvm" => "KVM", "qemu" => "quemu", "xen" => "Xen", "hyperv" => "Hyper-V", "vmware" => "ESXi", null => null, _ => "other", // "quemu": the shape's spelling
    };
}

using System.Text;
using System.Text.Json;

namespace ScsFederation.Mapping;

/// <summary>Writes a <see cref="MappingResult"/> in the shape of Keystone's mapping output, plus <c>kubernetes</c>.</summary>
public static class MappingResultJson
{
    /// <param name="includeRuleOrigins">
    /// Also write <c>"origins": {"matched": [..], "user": n, "projects": n, "group_names": [..]}</c> (0-based rule
    /// indices; <c>user</c>/<c>projects</c> omitted when no rule gave them) for stored grants. Off by default so the
    /// output stays exactly Keystone's shape; a result without origins never gets the key.
    /// </param>
    public static string ToJson(MappingResult result, bool indented = true, bool includeRuleOrigins = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, result, includeRuleOrigins);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, MappingResult result, bool includeRuleOrigins = false)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("user");
        writer.WriteStartObject();
        WriteOptional(writer, "id", result.User.Id);
        WriteOptional(writer, "name", result.User.Name);
        WriteOptional(writer, "email", result.User.Email);
        if (result.User.Domain is not null)
        {
            writer.WritePropertyName("domain");
            WriteDomain(writer, result.User.Domain);
        }

        WriteOptional(writer, "type", result.User.Type);
        writer.WriteEndObject();

        writer.WriteStartArray("group_ids");
        foreach (var id in result.GroupIds)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("group_names");
        foreach (var group in result.GroupNames)
        {
            writer.WriteStartObject();
            writer.WriteString("name", group.Name);
            writer.WritePropertyName("domain");
            WriteDomain(writer, group.Domain);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("projects");
        foreach (var project in result.Projects)
        {
            writer.WriteStartObject();
            writer.WriteString("name", project.Name);
            writer.WriteStartArray("roles");
            foreach (var role in project.Roles)
            {
                writer.WriteStartObject();
                writer.WriteString("name", role);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (project.Domain is not null)
            {
                writer.WritePropertyName("domain");
                WriteDomain(writer, project.Domain);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("kubernetes");
        foreach (var grant in result.Kubernetes)
        {
            writer.WriteStartObject();
            writer.WriteString("cluster", grant.Cluster);
            writer.WriteStartArray("groups");
            foreach (var group in grant.Groups)
            {
                writer.WriteStringValue(group);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("namespaces");
            foreach (var ns in grant.Namespaces)
            {
                writer.WriteStartObject();
                writer.WriteString("name", ns.Name);
                writer.WriteString("clusterRole", ns.ClusterRole);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (includeRuleOrigins && result.HasRuleOrigins)
        {
            WriteOrigins(writer, result);
        }

        writer.WriteEndObject();
    }

    private static void WriteOrigins(Utf8JsonWriter writer, MappingResult result)
    {
        writer.WritePropertyName("origins");
        writer.WriteStartObject();
        WriteIndices(writer, "matched", result.MatchedRules);
        if (result.UserRule is { } user)
        {
            writer.WriteNumber("user", user);
        }

        if (result.ProjectsRule is { } projects)
        {
            writer.WriteNumber("projects", projects);
        }

        WriteIndices(writer, "group_names", result.GroupNameRules);
        writer.WriteEndObject();
    }

    private static void WriteIndices(Utf8JsonWriter writer, string name, IReadOnlyList<int> indices)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < indices.Count; i++)
        {
            writer.WriteNumberValue(indices[i]);
        }

        writer.WriteEndArray();
    }

    private static void WriteDomain(Utf8JsonWriter writer, DomainReference domain)
    {
        writer.WriteStartObject();
        WriteOptional(writer, "id", domain.Id);
        WriteOptional(writer, "name", domain.Name);
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}

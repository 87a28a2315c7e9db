using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScsFederation.Provisioning.Keystone;

/// <summary>Keystone's JSON is snake_case and omits absent fields; one options instance shared by the client.</summary>
internal static class KeystoneJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

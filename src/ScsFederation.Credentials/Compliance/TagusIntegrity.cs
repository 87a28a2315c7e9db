using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ScsFederation.Credentials.Compliance;

/// <summary>
/// <c>integrity</c> of a Tagus (22.10) compliance credential's <c>gx:compliance</c> subjects: the Gaia-X
/// compliance service hashed <c>JSON.stringify(vc)</c> of each submitted credential, proof included
/// (its code marks it "to be replaced with RFC 8785"): <c>"sha256-"</c> + lowercase hex. Checked on
/// the real Tagus samples.
/// </summary>
public static class TagusIntegrity
{
    public static string Compute(JsonElement credential) =>
        "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JavaScriptJson.Stringify(credential))));
}

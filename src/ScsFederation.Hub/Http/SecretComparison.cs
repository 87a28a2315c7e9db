using System.Security.Cryptography;
using System.Text;

namespace ScsFederation.Hub.Http;

/// <summary>Compares a presented secret with the expected one in time independent of where they differ, or of their lengths.</summary>
public static class SecretComparison
{
    public static bool AreEqual(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

namespace ScsFederation.Provisioning.Desired;

/// <summary>A stored grant (AccountGrant.GrantJson) that is not a mapping result; carries the account, provider and JSON path.</summary>
public sealed class GrantJsonException : Exception
{
    public GrantJsonException(string accountId, string providerId, string path, string reason, Exception? inner = null)
        : base($"grant of account '{accountId}' on provider '{providerId}' is invalid at {path}: {reason}", inner)
    {
        AccountId = accountId;
        ProviderId = providerId;
        JsonPath = path;
    }

    public string AccountId { get; }

    public string ProviderId { get; }

    public string JsonPath { get; }
}

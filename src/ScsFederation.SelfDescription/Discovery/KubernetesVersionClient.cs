using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;

namespace ScsFederation.SelfDescription.Discovery;

/// <summary>What a Kubernetes API server's <c>GET /version</c> reports.</summary>
public sealed record KubernetesVersion(string GitVersion, string? Platform, string? BuildDate);

/// <summary>
/// Asks a cluster's API server for its version: <c>GET {apiServer}/version</c>, anonymous (Kubernetes grants it to
/// <c>system:unauthenticated</c> through the <c>system:public-info-viewer</c> role unless the operator turned
/// anonymous access off — then the answer is 401/403 and the version stays unknown). The API server's certificate is
/// checked against the CA of the cluster's kubeconfig when the federation file names one (its
/// <c>certificate-authority(-data)</c>), otherwise against the system trust store; <c>insecure-skip-tls-verify</c> is
/// never honoured. https, or plain http to loopback only; the body is capped at <see cref="MaxResponseBytes"/>.
/// </summary>
public static partial class KubernetesVersionClient
{
    public const int MaxResponseBytes = 64 * 1024;

    /// <summary>The API server URL and the CA certificates to trust for it (empty = the system trust store).</summary>
    public static (string? ApiServer, X509Certificate2Collection Roots) Target(KubernetesSettings settings)
    {
        if (settings.Kubeconfig is null) return (settings.ApiServer, []);
        var config = k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(settings.Kubeconfig);
        return (settings.ApiServer ?? config.Host, config.SslCaCerts ?? []);
    }

    public static async Task<KubernetesVersion> GetAsync(string apiServer, X509Certificate2Collection roots, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = timeout, UseCookies = false };
        if (roots.Count > 0)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null) return false;
                // Only the name check is the platform's; the chain must end at the kubeconfig's CA.
                if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                return chain.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
            };
        }
        using var http = new HttpClient(handler) { Timeout = timeout };
        var api = new ServiceApiClient("Kubernetes", http, apiServer, token: null, MaxResponseBytes);
        var url = new Uri(api.EndpointText + "/version");
        var body = await api.GetJsonAsync(url, null, cancellationToken).ConfigureAwait(false);
        var gitVersion = NovaClient.Text(body["gitVersion"]);
        if (gitVersion is null || !GitVersionPattern().IsMatch(gitVersion))
            throw api.BadAnswer(url, "the answer has no gitVersion like v1.33.1 (is this a Kubernetes API server?)");
        return new KubernetesVersion(gitVersion, NovaClient.Text(body["platform"]), NovaClient.Text(body["buildDate"]));
    }

    [GeneratedRegex(@"^v[0-9]+\.[0-9]+(\.[0-9]+)?([-+][0-9A-Za-z.+-]*)?$")]
    private static partial Regex GitVersionPattern();
}

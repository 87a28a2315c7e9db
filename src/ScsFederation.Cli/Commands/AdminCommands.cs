using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ScsFederation.Cli.Commands;

/// <summary>
/// <c>scsfed admin …</c>: a running hub's admin API from the terminal — providers, upstreams (health, logins),
/// signing keys, provisioning runs and the mapping dry-run. The bearer token comes from an environment variable
/// (default <c>SCSFED_ADMIN_TOKEN</c>: the bootstrap token, or a hub access token with the role
/// <c>federation-admin</c>), never from the command line, where other users of the machine could read it; it is
/// sent only over https or to a loopback hub. JSON on stdout. Exit 0 answered, 1 the hub refused or could not be
/// reached (its error on stderr), 2 usage or input error.
/// </summary>
internal static class AdminCommands
{
    private static readonly Option<string> Hub = new("--hub") { Description = "The hub's base URL (https, or http on loopback)", Required = true };
    private static readonly Option<string> TokenEnv = new("--token-env") { Description = "Environment variable holding the bearer token", DefaultValueFactory = _ => "SCSFED_ADMIN_TOKEN" };

    public static Command Create()
    {
        var group = new Command("admin", "Talk to a running hub's admin API");
        group.Subcommands.Add(Get("providers", "Providers with onboarding and provisioning state", "/admin/providers"));
        group.Subcommands.Add(Get("upstreams", "Upstream identity providers: metadata freshness, last error, login counts (this instance)", "/admin/upstreams"));
        group.Subcommands.Add(Get("keys", "The hub's signing keys and which sign now", "/admin/keys"));
        var provider = new Option<string?>("--provider") { Description = "Only this provider's runs" };
        var runs = Get("runs", "Recent provisioning runs", "/admin/provisioning/runs", provider);
        group.Subcommands.Add(runs);
        group.Subcommands.Add(DryRun());
        return group;
    }

    private static Command Get(string name, string description, string path, Option<string?>? providerFilter = null)
    {
        var command = new Command(name, description);
        command.Options.Add(Hub);
        command.Options.Add(TokenEnv);
        if (providerFilter is not null) command.Options.Add(providerFilter);
        command.SetAction(async (parse, ct) =>
        {
            var filter = providerFilter is null ? null : parse.GetValue(providerFilter);
            return await CallAsync(parse, HttpMethod.Get, path + (filter is null ? "" : "?provider=" + Uri.EscapeDataString(filter)), null, ct);
        });
        return command;
    }

    private static Command DryRun()
    {
        var provider = new Option<string>("--provider") { Description = "Provider whose rules to run", Required = true };
        var claims = new Option<string>("--claims") { Description = "JSON object of claims (file, or - for stdin)", Required = true };
        var command = new Command("dry-run", "Run a provider's mapping rules on given claims (the hub's one claims view)");
        command.Options.Add(Hub);
        command.Options.Add(TokenEnv);
        command.Options.Add(provider);
        command.Options.Add(claims);
        command.SetAction(async (parse, ct) =>
        {
            var bytes = await CommandInput.ReadAllBytesAsync(parse.GetValue(claims)!, "admin", ct);
            if (bytes is null) return 2;
            try { using var _ = JsonDocument.Parse(bytes); }
            catch (JsonException e) { Console.Error.WriteLine($"scsfed admin: {CommandInput.DisplayName(parse.GetValue(claims)!)}: not JSON: {e.Message}"); return 2; }
            return await CallAsync(parse, HttpMethod.Post, $"/admin/providers/{Uri.EscapeDataString(parse.GetValue(provider)!)}/mapping/dry-run", new ByteArrayContent(bytes), ct);
        });
        return command;
    }

    private static async Task<int> CallAsync(ParseResult parse, HttpMethod method, string path, HttpContent? body, CancellationToken cancellationToken)
    {
        var hub = parse.GetValue(Hub)!.TrimEnd('/');
        if (!Uri.TryCreate(hub, UriKind.Absolute, out var baseUrl) || !(baseUrl.Scheme == Uri.UriSchemeHttps || (baseUrl.Scheme == Uri.UriSchemeHttp && baseUrl.IsLoopback)))
        {
            Console.Error.WriteLine($"scsfed admin: --hub must be an https URL (http only on loopback): '{hub}'");
            return 2;
        }
        var variable = parse.GetValue(TokenEnv)!;
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } token)
        {
            Console.Error.WriteLine($"scsfed admin: set {variable} to the admin token or a hub access token with the role federation-admin");
            return 2;
        }
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(2) };
        using var request = new HttpRequestMessage(method, hub + path) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        HttpResponseMessage response;
        try { response = await http.SendAsync(request, cancellationToken); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"scsfed admin: {hub} cannot be reached: {e.Message}");
            return 1;
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"scsfed admin: the hub answered {(int)response.StatusCode}: {text}");
                return 1;
            }
            try
            {
                using var document = JsonDocument.Parse(text);
                Console.Out.WriteLine(JsonSerializer.Serialize(document.RootElement, SdCommands.Pretty));
            }
            catch (JsonException) { Console.Out.WriteLine(text); }
            return 0;
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ScsFederation.Provisioning.Tests.Fixtures;

/// <summary>
/// A minimal kube-apiserver stand-in on 127.0.0.1 for the parts of the Kubernetes API contract the hub uses
/// (no real apiserver can be installed here): server-side apply PATCH with <c>application/apply-patch+yaml</c> and a
/// required <c>fieldManager</c>, 409 Conflict when another field manager owns the object and <c>force</c> is not set,
/// <c>metadata.resourceVersion</c> bumped only on a real change, label-selected lists and DELETE. Every request is recorded.
/// </summary>
public sealed class KubernetesContractServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, (JsonObject Obj, string Manager)> _objects = new();
    private readonly Task _loop;
    private long _resourceVersion = 100;

    public KubernetesContractServer(int port)
    {
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<(string Method, string Path, string? ContentType, string Query)> Requests { get; } = new();

    public JsonObject? Get(string key) => _objects.TryGetValue(key, out var o) ? o.Obj : null;

    /// <summary>Puts an object as if another client (field manager) had applied it.</summary>
    public void Seed(string key, JsonObject obj, string manager)
    {
        obj["metadata"]!["resourceVersion"] = Interlocked.Increment(ref _resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _objects[key] = (obj, manager);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            try { await HandleAsync(ctx); }
            catch (Exception ex) { await ReplyAsync(ctx, 500, Status(500, "InternalError", ex.Message)); }
        }
    }

    private async Task HandleAsync(HttpListenerContext ctx)
    {
        var req = ctx.Request;
        var path = req.Url!.AbsolutePath.TrimEnd('/');
        var query = System.Web.HttpUtility.ParseQueryString(req.Url.Query);
        Requests.Enqueue((req.HttpMethod, path, req.ContentType, req.Url.Query));
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // /api/v1/namespaces[/{name}]  or  /apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings[/{name}]
        string kind, list;
        string? ns = null, name = null;
        if (parts.Length >= 3 && parts[0] == "api" && parts[1] == "v1" && parts[2] == "namespaces" && parts.Length <= 4)
        {
            kind = "Namespace"; list = "NamespaceList"; name = parts.Length == 4 ? parts[3] : null;
        }
        else if (parts.Length >= 6 && parts[0] == "apis" && parts[1] == "rbac.authorization.k8s.io" && parts[3] == "namespaces" && parts[5] == "rolebindings")
        {
            kind = "RoleBinding"; list = "RoleBindingList"; ns = parts[4]; name = parts.Length == 7 ? parts[6] : null;
        }
        else
        {
            await ReplyAsync(ctx, 404, Status(404, "NotFound", "unsupported path " + path));
            return;
        }
        var key = ns is null ? $"{kind}/{name}" : $"{kind}/{ns}/{name}";

        switch (req.HttpMethod)
        {
            case "PATCH" when name is not null:
            {
                // The apiserver matches the media type and ignores parameters such as charset.
                if (req.ContentType?.Split(';')[0].Trim() != "application/apply-patch+yaml")
                {
                    await ReplyAsync(ctx, 415, Status(415, "UnsupportedMediaType", "server-side apply needs application/apply-patch+yaml, got " + req.ContentType));
                    return;
                }
                var manager = query["fieldManager"];
                if (string.IsNullOrEmpty(manager))
                {
                    await ReplyAsync(ctx, 422, Status(422, "Invalid", "fieldManager is required for apply patch"));
                    return;
                }
                if (ns is not null && !_objects.ContainsKey($"Namespace/{ns}"))
                {
                    await ReplyAsync(ctx, 404, Status(404, "NotFound", $"namespaces \"{ns}\" not found"));
                    return;
                }
                using var reader = new StreamReader(req.InputStream, Encoding.UTF8);
                var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject(); // JSON is YAML; the client sends JSON
                if (body["kind"]?.GetValue<string>() != kind || body["metadata"]?["name"]?.GetValue<string>() != name)
                {
                    await ReplyAsync(ctx, 400, Status(400, "BadRequest", "kind/metadata.name of the body do not match the URL"));
                    return;
                }
                var force = query["force"] == "true";
                if (_objects.TryGetValue(key, out var existing))
                {
                    if (existing.Manager != manager && !force && !SameContent(existing.Obj, body))
                    {
                        await ReplyAsync(ctx, 409, Status(409, "Conflict", $"Apply failed with 1 conflict: conflict with \"{existing.Manager}\""));
                        return;
                    }
                    if (kind == "RoleBinding" && !JsonNode.DeepEquals(existing.Obj["roleRef"], body["roleRef"]))
                    {
                        await ReplyAsync(ctx, 422, Status(422, "Invalid", "roleRef: Invalid value: cannot change roleRef"));
                        return;
                    }
                    if (SameContent(existing.Obj, body))
                    {
                        await ReplyAsync(ctx, 200, existing.Obj);
                        return;
                    }
                }
                var meta = body["metadata"]!.AsObject();
                meta["resourceVersion"] = Interlocked.Increment(ref _resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
                meta["uid"] = existing.Obj?["metadata"]?["uid"]?.DeepClone() ?? Guid.NewGuid().ToString();
                _objects[key] = (body, manager);
                await ReplyAsync(ctx, existing.Obj is null ? 201 : 200, body);
                return;
            }
            case "GET" when name is null:
            {
                var selector = query["labelSelector"];
                var items = new JsonArray();
                foreach (var (k, v) in _objects.OrderBy(o => o.Key, StringComparer.Ordinal))
                {
                    if (!k.StartsWith(kind + "/" + (ns is null ? "" : ns + "/"), StringComparison.Ordinal)) continue;
                    if (selector is not null && !Matches(v.Obj, selector)) continue;
                    items.Add(v.Obj.DeepClone());
                }
                await ReplyAsync(ctx, 200, new JsonObject { ["apiVersion"] = ns is null ? "v1" : "rbac.authorization.k8s.io/v1", ["kind"] = list, ["metadata"] = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ["items"] = items });
                return;
            }
            case "GET":
                if (_objects.TryGetValue(key, out var got)) await ReplyAsync(ctx, 200, got.Obj);
                else await ReplyAsync(ctx, 404, Status(404, "NotFound", key + " not found"));
                return;
            case "DELETE" when name is not null:
                if (_objects.TryRemove(key, out _)) await ReplyAsync(ctx, 200, Status(200, "Success", "deleted"));
                else await ReplyAsync(ctx, 404, Status(404, "NotFound", key + " not found"));
                return;
            default:
                await ReplyAsync(ctx, 405, Status(405, "MethodNotAllowed", req.HttpMethod + " " + path));
                return;
        }
    }

    private static bool SameContent(JsonObject stored, JsonObject applied)
    {
        var a = stored.DeepClone().AsObject();
        var b = applied.DeepClone().AsObject();
        foreach (var o in new[] { a, b })
        {
            var m = o["metadata"]!.AsObject();
            m.Remove("resourceVersion");
            m.Remove("uid");
        }
        return JsonNode.DeepEquals(a, b);
    }

    private static bool Matches(JsonObject obj, string selector)
    {
        var eq = selector.Split('=', 2);
        return obj["metadata"]?["labels"]?[eq[0]]?.GetValue<string>() == eq[1];
    }

    private static JsonObject Status(int code, string reason, string message) => new()
    {
        ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = code < 300 ? "Success" : "Failure", ["message"] = message, ["reason"] = reason, ["code"] = code,
    };

    private static async Task ReplyAsync(HttpListenerContext ctx, int status, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength64 = bytes.Length;
        await ctx.Response.OutputStream.WriteAsync(bytes);
        ctx.Response.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}

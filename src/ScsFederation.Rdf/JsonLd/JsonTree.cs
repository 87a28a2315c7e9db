using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScsFederation.Rdf.JsonLd;

/// <summary>
/// The processor's in-memory JSON: <see cref="Dictionary{TKey,TValue}"/> (string → object?) for objects,
/// <see cref="List{T}"/> of object? for arrays, string, double (JSON-LD numbers follow JavaScript), bool and null.
/// Plain BCL collections are cheap to build, to mutate during expansion and to switch on.
/// </summary>
internal static class JsonTree
{
    // Shared boxes: booleans are common in credentials and need no per-value allocation.
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    /// <summary>Parses UTF-8 JSON; the reader's depth limit turns absurd nesting into an error instead of a stack overflow.</summary>
    public static object? Parse(ReadOnlySpan<byte> utf8, int maxDepth, string? source)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow });
        // Explicit stacks: the tree is built iteratively, so depth only costs heap.
        var containers = new Stack<object>();
        var pendingNames = new Stack<string?>();
        string? propertyName = null;
        object? root = null;
        bool haveRoot = false;
        try
        {
            while (reader.Read())
            {
                object? value;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        object container = reader.TokenType == JsonTokenType.StartObject ? new Dictionary<string, object?>() : new List<object?>();
                        containers.Push(container);
                        pendingNames.Push(propertyName);
                        propertyName = null;
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        value = containers.Pop();
                        propertyName = pendingNames.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        propertyName = reader.GetString();
                        continue;
                    case JsonTokenType.String:
                        value = reader.GetString();
                        break;
                    case JsonTokenType.Number:
                        if (!reader.TryGetDouble(out var d) || double.IsInfinity(d))
                            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"number out of range in {source ?? "document"}");
                        value = d;
                        break;
                    case JsonTokenType.True:
                        value = BoxedTrue;
                        break;
                    case JsonTokenType.False:
                        value = BoxedFalse;
                        break;
                    case JsonTokenType.Null:
                        value = null;
                        break;
                    default:
                        continue;
                }

                if (containers.Count == 0)
                {
                    root = value;
                    haveRoot = true;
                }
                else if (containers.Peek() is List<object?> list)
                {
                    list.Add(value);
                }
                else
                {
                    ((Dictionary<string, object?>)containers.Peek())[propertyName!] = value;
                    propertyName = null;
                }
            }
        }
        catch (JsonException e)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed,
                $"{source ?? "document"} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}): {e.Message}", e);
        }

        if (!haveRoot)
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"{source ?? "document"} is empty");
        return root;
    }

    /// <summary>Converts a caller's <see cref="JsonElement"/>; depth is checked because the element may come from a lenient parse.</summary>
    public static object? FromElement(JsonElement element, int maxDepth, int depth = 0)
    {
        if (depth > maxDepth)
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"JSON nesting deeper than {maxDepth} levels");
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>();
                foreach (var p in element.EnumerateObject())
                    map[p.Name] = FromElement(p.Value, maxDepth, depth + 1);
                return map;
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                    list.Add(FromElement(item, maxDepth, depth + 1));
                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                if (!element.TryGetDouble(out var d) || double.IsInfinity(d))
                    throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, "number out of range");
                return d;
            case JsonValueKind.True:
                return BoxedTrue;
            case JsonValueKind.False:
                return BoxedFalse;
            default:
                return null;
        }
    }

    /// <summary>Converts a caller's <see cref="JsonNode"/> (null stands for JSON null).</summary>
    public static object? FromNode(JsonNode? node, int maxDepth, int depth = 0)
    {
        if (depth > maxDepth)
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"JSON nesting deeper than {maxDepth} levels");
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var map = new Dictionary<string, object?>(obj.Count);
                foreach (var (k, v) in obj) map[k] = FromNode(v, maxDepth, depth + 1);
                return map;
            case JsonArray arr:
                var list = new List<object?>(arr.Count);
                foreach (var item in arr) list.Add(FromNode(item, maxDepth, depth + 1));
                return list;
            default:
                // JsonValue may wrap a CLR value or an element; its JSON kind decides.
                var value = (JsonValue)node;
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        return value.GetValue<string>();
                    case JsonValueKind.True:
                        return true;
                    case JsonValueKind.False:
                        return false;
                    case JsonValueKind.Number:
                        double d = double.Parse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
                        if (double.IsInfinity(d))
                            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, "number out of range");
                        return d;
                    default:
                        return null;
                }
        }
    }

    /// <summary>Builds a <see cref="JsonNode"/> for callers (expanded output).</summary>
    public static JsonNode? ToNode(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case double d:
                return JsonValue.Create(d);
            case List<object?> list:
                var array = new JsonArray();
                foreach (var item in list) array.Add(ToNode(item));
                return array;
            case Dictionary<string, object?> map:
                var obj = new JsonObject();
                foreach (var (k, v) in map) obj[k] = ToNode(v);
                return obj;
            default:
                throw new InvalidOperationException("unexpected value in JSON tree: " + value.GetType().Name);
        }
    }

    /// <summary>Deep copy (expansion mutates maps it builds, never the input; copies are needed where input is reused).</summary>
    public static object? Clone(object? value) => value switch
    {
        List<object?> list => list.ConvertAll(Clone),
        Dictionary<string, object?> map => CloneMap(map),
        _ => value,
    };

    private static Dictionary<string, object?> CloneMap(Dictionary<string, object?> map)
    {
        var copy = new Dictionary<string, object?>(map.Count);
        foreach (var (k, v) in map) copy[k] = Clone(v);
        return copy;
    }

    /// <summary>Structural equality (object member order ignored, array order significant).</summary>
    public static bool DeepEquals(object? a, object? b)
    {
        switch (a)
        {
            case null:
                return b is null;
            case string s:
                return b is string t && string.Equals(s, t, StringComparison.Ordinal);
            case double d:
                return b is double e && d.Equals(e);
            case bool x:
                return b is bool y && x == y;
            case List<object?> la:
                if (b is not List<object?> lb || la.Count != lb.Count) return false;
                for (int i = 0; i < la.Count; i++)
                    if (!DeepEquals(la[i], lb[i])) return false;
                return true;
            case Dictionary<string, object?> ma:
                if (b is not Dictionary<string, object?> mb || ma.Count != mb.Count) return false;
                foreach (var (k, v) in ma)
                    if (!mb.TryGetValue(k, out var w) || !DeepEquals(v, w)) return false;
                return true;
            default:
                return false;
        }
    }
}

using System.Runtime.CompilerServices;

namespace ScsFederation.Rdf.JsonLd;

using JsonList = List<object?>;
using JsonMap = Dictionary<string, object?>;

/// <summary>
/// The Expansion Algorithm (JSON-LD 1.1 API section 5.1.2) with keys visited in code-point order.
/// Recursion depth is bounded by the input's nesting, which the parser limits.
/// </summary>
internal sealed class Expander
{
    // One cached delegate: Array.Sort(keys, StringComparer.Ordinal) would allocate a comparison per call.
    private static readonly Comparison<string> Ordinal = string.CompareOrdinal;

    private readonly ContextProcessor _contexts;

    public Expander(ContextProcessor contexts) => _contexts = contexts;

    private bool IsJsonLd10 => _contexts.IsJsonLd10;

    public object? Expand(ActiveContext active, string? activeProperty, object? element, string? baseUrl, bool fromMap = false)
    {
        if (element is null) return null;
        // Depth is limited by the parser, but threads differ in stack size: fail cleanly rather than overflow.
        RuntimeHelpers.EnsureSufficientExecutionStack();

        var propertyDefinition = activeProperty is null ? null : active.GetTerm(activeProperty);
        bool hasPropertyScope = propertyDefinition is not null && propertyDefinition.HasLocalContext;

        if (element is JsonList array)
        {
            var result = new JsonList(array.Count);
            bool listContainer = propertyDefinition is not null && (propertyDefinition.Container & ContainerKinds.List) != 0;
            foreach (var item in array)
            {
                var expandedItem = Expand(active, activeProperty, item, baseUrl, fromMap);
                if (listContainer && expandedItem is JsonList nested)
                {
                    if (IsJsonLd10) throw new JsonLdException(JsonLdErrorCode.ListOfLists, $"list of lists under '{activeProperty}' (json-ld-1.0 mode)");
                    expandedItem = new JsonMap { ["@list"] = nested };
                }
                if (listContainer && IsJsonLd10 && IsListObject(expandedItem))
                    throw new JsonLdException(JsonLdErrorCode.ListOfLists, $"list of lists under '{activeProperty}' (json-ld-1.0 mode)");
                if (expandedItem is JsonList items) result.AddRange(items);
                else if (expandedItem is not null) result.Add(expandedItem);
            }
            return result;
        }

        if (element is not JsonMap map)
        {
            if (activeProperty is null || activeProperty == "@graph") return null;
            if (hasPropertyScope)
                active = _contexts.Process(active, propertyDefinition!.LocalContext, propertyDefinition.BaseUrl);
            return ExpandValue(active, activeProperty, element);
        }

        return ExpandMap(active, activeProperty, propertyDefinition, map, baseUrl, fromMap);
    }

    private object? ExpandMap(ActiveContext active, string? activeProperty, TermDefinition? propertyDefinition, JsonMap element, string? baseUrl, bool fromMap)
    {
        var keys = SortedKeys(element);

        // Step 7: a non-propagated (type-scoped) context does not apply inside new node objects.
        if (active.PreviousContext is not null && !fromMap && !KeepsTypeScopedContext(active, element, keys))
            active = active.PreviousContext;

        if (propertyDefinition is not null && propertyDefinition.HasLocalContext)
            active = _contexts.Process(active, propertyDefinition.LocalContext, propertyDefinition.BaseUrl, null, overrideProtected: true);

        if (element.TryGetValue("@context", out var localContext))
            active = _contexts.Process(active, localContext, baseUrl);

        var typeScopedContext = active;
        string? inputTypeKey = null;
        foreach (var key in keys)
        {
            if (_contexts.ExpandKey(active, key) != "@type") continue;
            inputTypeKey ??= key;
            var value = element[key];
            if (value is JsonList typeList)
            {
                var terms = new List<string>(typeList.Count);
                foreach (var t in typeList)
                    if (t is string ts) terms.Add(ts);
                terms.Sort(Ordinal);
                foreach (var term in terms) active = ApplyTypeScopedContext(active, typeScopedContext, term);
            }
            else if (value is string single)
            {
                active = ApplyTypeScopedContext(active, typeScopedContext, single);
            }
        }

        string? inputType = null;
        if (inputTypeKey is not null)
        {
            var typeValue = element[inputTypeKey];
            if (typeValue is JsonList tl && tl.Count > 0) typeValue = tl[^1];
            if (typeValue is string lastType) inputType = _contexts.ExpandKey(active, lastType);
        }

        var result = new JsonMap(element.Count);
        ExpandEntries(active, typeScopedContext, activeProperty, element, keys, result, inputType, baseUrl);

        // Steps 15–19: validate and simplify the object built.
        if (result.TryGetValue("@value", out var resultValue))
        {
            foreach (var k in result.Keys)
            {
                if (k is not ("@direction" or "@index" or "@language" or "@type" or "@value"))
                    throw new JsonLdException(JsonLdErrorCode.InvalidValueObject, $"value object has unexpected entry '{k}'");
            }
            bool hasType = result.TryGetValue("@type", out var valueType);
            if (hasType && (result.ContainsKey("@language") || result.ContainsKey("@direction")))
                throw new JsonLdException(JsonLdErrorCode.InvalidValueObject, "value object cannot have both @type and @language/@direction");
            if (!(hasType && valueType is "@json"))
            {
                if (resultValue is null || (resultValue is JsonList emptyList && emptyList.Count == 0)) return null;
                if (resultValue is not string && result.ContainsKey("@language"))
                    throw new JsonLdException(JsonLdErrorCode.InvalidLanguageTaggedValue, $"@language given for non-string value {ContextProcessor.Describe(resultValue)}");
                if (hasType && (valueType is not string vt || !IriReference.IsWellFormedAbsolute(vt)))
                    throw new JsonLdException(JsonLdErrorCode.InvalidTypedValue, $"value @type {ContextProcessor.Describe(valueType)} is not an IRI");
            }
        }
        else if (result.TryGetValue("@type", out var typeEntry))
        {
            if (typeEntry is not JsonList) result["@type"] = new JsonList { typeEntry };
        }
        else if (result.ContainsKey("@set") || result.ContainsKey("@list"))
        {
            if (result.Count > 2 || (result.Count == 2 && !result.ContainsKey("@index")))
                throw new JsonLdException(JsonLdErrorCode.InvalidSetOrListObject, "@set/@list object may only have @index besides");
            if (result.TryGetValue("@set", out var setValue))
            {
                // A set object stands for its content.
                if (activeProperty is null || activeProperty == "@graph") return DropFreeFloating(setValue);
                return setValue;
            }
        }

        if (result.Count == 1 && result.ContainsKey("@language")) return null;

        if (activeProperty is null || activeProperty == "@graph")
            return DropFreeFloating(result);
        return result;
    }

    private static object? DropFreeFloating(object? value)
    {
        if (value is not JsonMap m) return value;
        if (m.Count == 0 || m.ContainsKey("@value") || m.ContainsKey("@list")) return null;
        if (m.Count == 1 && m.ContainsKey("@id")) return null;
        return m;
    }

    private ActiveContext ApplyTypeScopedContext(ActiveContext active, ActiveContext typeScopedContext, string term)
    {
        var definition = typeScopedContext.GetTerm(term);
        if (definition is null || !definition.HasLocalContext) return active;
        return _contexts.Process(active, definition.LocalContext, definition.BaseUrl, null, propagate: false);
    }

    private bool KeepsTypeScopedContext(ActiveContext active, JsonMap element, string[] keys)
    {
        foreach (var key in keys)
            if (_contexts.ExpandKey(active, key) == "@value") return true;
        return keys.Length == 1 && _contexts.ExpandKey(active, keys[0]) == "@id";
    }

    private static string[] SortedKeys(JsonMap map)
    {
        var keys = new string[map.Count];
        map.Keys.CopyTo(keys, 0);
        if (keys.Length > 1) Array.Sort(keys, Ordinal);
        return keys;
    }

    /// <summary>Steps 13 and 14: expand every entry of <paramref name="element"/> into <paramref name="result"/>.</summary>
    private void ExpandEntries(ActiveContext active, ActiveContext typeScopedContext, string? activeProperty, JsonMap element, string[] keys,
        JsonMap result, string? inputType, string? baseUrl)
    {
        List<string>? nests = null;
        foreach (var key in keys)
        {
            if (key == "@context") continue;
            var value = element[key];
            var expandedProperty = _contexts.ExpandKey(active, key);
            if (expandedProperty is null) continue;
            bool isKeyword = JsonLdKeywords.IsKeyword(expandedProperty);
            if (!isKeyword && !expandedProperty.Contains(':')) continue;

            if (isKeyword)
            {
                if (activeProperty == "@reverse")
                    throw new JsonLdException(JsonLdErrorCode.InvalidReversePropertyMap, $"keyword '{key}' inside @reverse");
                if (result.ContainsKey(expandedProperty) && expandedProperty != "@included" && (expandedProperty != "@type" || IsJsonLd10))
                    throw new JsonLdException(JsonLdErrorCode.CollidingKeywords, $"'{key}' collides with another {expandedProperty} entry");
                ExpandKeywordEntry(active, typeScopedContext, activeProperty, key, expandedProperty, value, result, inputType, baseUrl, ref nests);
                continue;
            }

            var definition = active.GetTerm(key);
            var container = definition?.Container ?? ContainerKinds.None;
            object? expandedValue;
            if (definition?.TypeMapping == "@json")
            {
                expandedValue = new JsonMap { ["@value"] = value, ["@type"] = "@json" };
            }
            else if ((container & ContainerKinds.Language) != 0 && value is JsonMap languageMap)
            {
                expandedValue = ExpandLanguageMap(active, definition!, languageMap);
            }
            else if ((container & (ContainerKinds.Index | ContainerKinds.Type | ContainerKinds.Id)) != 0 && value is JsonMap indexMap)
            {
                expandedValue = ExpandIndexMap(active, key, definition!, indexMap, baseUrl);
            }
            else
            {
                expandedValue = Expand(active, key, value, baseUrl);
            }

            if (expandedValue is null) continue;

            if ((container & ContainerKinds.List) != 0 && !IsListObject(expandedValue))
                expandedValue = new JsonMap { ["@list"] = expandedValue as JsonList ?? new JsonList { expandedValue } };

            if ((container & ContainerKinds.Graph) != 0 && (container & (ContainerKinds.Id | ContainerKinds.Index)) == 0)
            {
                var values = expandedValue as JsonList ?? new JsonList { expandedValue };
                var graphs = new JsonList(values.Count);
                foreach (var ev in values)
                    graphs.Add(new JsonMap { ["@graph"] = ev as JsonList ?? new JsonList { ev } });
                expandedValue = graphs;
            }

            if (definition is not null && definition.Reverse)
            {
                var reverseMap = GetOrCreateReverseMap(result);
                var items = expandedValue as JsonList ?? new JsonList { expandedValue };
                foreach (var item in items)
                {
                    if (item is JsonMap im && (im.ContainsKey("@value") || im.ContainsKey("@list")))
                        throw new JsonLdException(JsonLdErrorCode.InvalidReversePropertyValue, $"reverse property '{key}' has a value or list object");
                    AddValue(reverseMap, expandedProperty, item);
                }
            }
            else
            {
                AddValue(result, expandedProperty, expandedValue);
            }
        }

        if (nests is null) return;
        nests.Sort(Ordinal);
        foreach (var nestingKey in nests)
        {
            var nestedValues = element[nestingKey] as JsonList ?? new JsonList { element[nestingKey] };
            var nestDefinition = active.GetTerm(nestingKey);
            var nestContext = active;
            if (nestDefinition is not null && nestDefinition.HasLocalContext)
                nestContext = _contexts.Process(active, nestDefinition.LocalContext, nestDefinition.BaseUrl, null, overrideProtected: true);
            foreach (var nestedValue in nestedValues)
            {
                if (nestedValue is not JsonMap nestedMap)
                    throw new JsonLdException(JsonLdErrorCode.InvalidNestValue, $"value of nesting key '{nestingKey}' must be an object");
                var nestedKeys = SortedKeys(nestedMap);
                foreach (var nk in nestedKeys)
                {
                    if (_contexts.ExpandKey(nestContext, nk) == "@value")
                        throw new JsonLdException(JsonLdErrorCode.InvalidNestValue, $"nested object under '{nestingKey}' cannot be a value object");
                }
                ExpandEntries(nestContext, typeScopedContext, activeProperty, nestedMap, nestedKeys, result, inputType, baseUrl);
            }
        }
    }

    /// <summary>Step 13.4: an entry whose key expands to a keyword.</summary>
    private void ExpandKeywordEntry(ActiveContext active, ActiveContext typeScopedContext, string? activeProperty, string key, string expandedProperty,
        object? value, JsonMap result, string? inputType, string? baseUrl, ref List<string>? nests)
    {
        object? expandedValue = null;
        switch (expandedProperty)
        {
            case "@id":
                if (value is not string id)
                    throw new JsonLdException(JsonLdErrorCode.InvalidIdValue, $"@id must be a string, not {ContextProcessor.Describe(value)}");
                expandedValue = _contexts.ExpandIri(active, id, true, false);
                break;
            case "@type":
                if (value is string typeString)
                {
                    expandedValue = _contexts.ExpandTypeValue(typeScopedContext, typeString);
                }
                else if (value is JsonList typeList)
                {
                    var types = new JsonList(typeList.Count);
                    foreach (var t in typeList)
                    {
                        if (t is not string ts)
                            throw new JsonLdException(JsonLdErrorCode.InvalidTypeValue, "@type values must be strings");
                        types.Add(_contexts.ExpandTypeValue(typeScopedContext, ts));
                    }
                    expandedValue = types;
                }
                else
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidTypeValue, $"@type must be a string or an array of strings, not {ContextProcessor.Describe(value)}");
                }
                if (result.TryGetValue("@type", out var existingTypes))
                {
                    var merged = existingTypes as JsonList ?? new JsonList { existingTypes };
                    merged = new JsonList(merged);
                    if (expandedValue is JsonList el) merged.AddRange(el); else merged.Add(expandedValue);
                    expandedValue = merged;
                }
                break;
            case "@graph":
                var graph = Expand(active, "@graph", value, baseUrl);
                expandedValue = graph as JsonList ?? (graph is null ? new JsonList() : new JsonList { graph });
                break;
            case "@included":
                if (IsJsonLd10) return;
                // Expanded under "@included" (not null) so scalars become value objects and are rejected below instead of dropped.
                var included = Expand(active, "@included", value, baseUrl);
                var includedList = included as JsonList ?? (included is null ? new JsonList() : new JsonList { included });
                foreach (var node in includedList)
                {
                    if (node is not JsonMap nm || nm.ContainsKey("@value") || nm.ContainsKey("@list") || nm.ContainsKey("@set"))
                        throw new JsonLdException(JsonLdErrorCode.InvalidIncludedValue, "@included values must be node objects");
                }
                if (result.TryGetValue("@included", out var existingIncluded))
                {
                    var mergedIncluded = new JsonList((JsonList)existingIncluded!);
                    mergedIncluded.AddRange(includedList);
                    includedList = mergedIncluded;
                }
                expandedValue = includedList;
                break;
            case "@value":
                if (inputType == "@json")
                {
                    if (IsJsonLd10)
                        throw new JsonLdException(JsonLdErrorCode.InvalidValueObjectValue, "@json values need json-ld-1.1");
                    expandedValue = value;
                    result["@value"] = value;
                    return;
                }
                if (value is JsonMap or JsonList)
                    throw new JsonLdException(JsonLdErrorCode.InvalidValueObjectValue, "@value must be a string, number, boolean or null");
                expandedValue = value;
                if (expandedValue is null)
                {
                    result["@value"] = null;
                    return;
                }
                break;
            case "@language":
                if (value is not string language)
                    throw new JsonLdException(JsonLdErrorCode.InvalidLanguageTaggedString, $"@language must be a string, not {ContextProcessor.Describe(value)}");
                // Normalized to lower case (BCP 47 tags are case-insensitive), as jsonld.js does: the canonical
                // form, and so every signature over it, must not depend on how a tag was capitalized.
                expandedValue = language.ToLowerInvariant();
                break;
            case "@direction":
                if (IsJsonLd10) return;
                if (value is not ("ltr" or "rtl"))
                    throw new JsonLdException(JsonLdErrorCode.InvalidBaseDirection, $"@direction must be \"ltr\" or \"rtl\", not {ContextProcessor.Describe(value)}");
                expandedValue = value;
                break;
            case "@index":
                if (value is not string)
                    throw new JsonLdException(JsonLdErrorCode.InvalidIndexValue, $"@index must be a string, not {ContextProcessor.Describe(value)}");
                expandedValue = value;
                break;
            case "@list":
                if (activeProperty is null || activeProperty == "@graph") return;
                var list = Expand(active, activeProperty, value, baseUrl);
                expandedValue = list as JsonList ?? (list is null ? new JsonList() : new JsonList { list });
                if (IsJsonLd10)
                {
                    foreach (var item in (JsonList)expandedValue)
                        if (IsListObject(item)) throw new JsonLdException(JsonLdErrorCode.ListOfLists, "list of lists (json-ld-1.0 mode)");
                }
                break;
            case "@set":
                expandedValue = Expand(active, activeProperty, value, baseUrl);
                break;
            case "@reverse":
                ExpandReverse(active, value, result, baseUrl);
                return;
            case "@nest":
                (nests ??= new List<string>()).Add(key);
                return;
            default:
                // @context is skipped earlier; other keywords (@default, @embed, ...) are framing-only.
                return;
        }

        if (expandedValue is null && expandedProperty == "@value" && inputType != "@json") return;
        result[expandedProperty] = expandedValue;
    }

    private void ExpandReverse(ActiveContext active, object? value, JsonMap result, string? baseUrl)
    {
        if (value is not JsonMap)
            throw new JsonLdException(JsonLdErrorCode.InvalidReverseValue, "@reverse must be an object");
        var expanded = Expand(active, "@reverse", value, baseUrl) as JsonMap;
        if (expanded is null) return;
        if (expanded.TryGetValue("@reverse", out var doubleReversed) && doubleReversed is JsonMap twice)
        {
            foreach (var (property, items) in twice)
                AddValue(result, property, items);
        }

        foreach (var (property, items) in expanded)
        {
            if (property == "@reverse") continue;
            var reverseMap = GetOrCreateReverseMap(result);
            foreach (var item in items as JsonList ?? new JsonList { items })
            {
                if (item is JsonMap im && (im.ContainsKey("@value") || im.ContainsKey("@list")))
                    throw new JsonLdException(JsonLdErrorCode.InvalidReversePropertyValue, $"reverse property '{property}' has a value or list object");
                AddValue(reverseMap, property, item);
            }
        }
    }

    private static JsonMap GetOrCreateReverseMap(JsonMap result)
    {
        if (result.TryGetValue("@reverse", out var existing) && existing is JsonMap m) return m;
        var created = new JsonMap();
        result["@reverse"] = created;
        return created;
    }

    private JsonList ExpandLanguageMap(ActiveContext active, TermDefinition definition, JsonMap languageMap)
    {
        var expanded = new JsonList();
        string? direction = definition.HasDirection ? definition.Direction : active.DefaultDirection;
        foreach (var language in SortedKeys(languageMap))
        {
            var languageValue = languageMap[language];
            var items = languageValue as JsonList ?? new JsonList { languageValue };
            bool none = language == "@none" || _contexts.ExpandIri(active, language, false, true) == "@none";
            foreach (var item in items)
            {
                if (item is null) continue;
                if (item is not string s)
                    throw new JsonLdException(JsonLdErrorCode.InvalidLanguageMapValue, $"language map entry '{language}' must hold strings");
                var v = new JsonMap { ["@value"] = s };
                if (!none) v["@language"] = language.ToLowerInvariant();
                if (direction is not null) v["@direction"] = direction;
                expanded.Add(v);
            }
        }
        return expanded;
    }

    private JsonList ExpandIndexMap(ActiveContext active, string key, TermDefinition definition, JsonMap indexMap, string? baseUrl)
    {
        var expanded = new JsonList();
        var container = definition.Container;
        string indexKey = definition.Index ?? "@index";
        bool idOrType = (container & (ContainerKinds.Id | ContainerKinds.Type)) != 0;
        foreach (var index in SortedKeys(indexMap))
        {
            var mapContext = active;
            if (idOrType) mapContext = active.PreviousContext ?? active;
            if ((container & ContainerKinds.Type) != 0)
            {
                var indexDefinition = mapContext.GetTerm(index);
                if (indexDefinition is not null && indexDefinition.HasLocalContext)
                    mapContext = _contexts.Process(mapContext, indexDefinition.LocalContext, indexDefinition.BaseUrl);
            }
            else if (!idOrType)
            {
                mapContext = active;
            }

            string? expandedIndex = _contexts.ExpandIri(active, index, false, true);
            var indexValue = indexMap[index];
            if (indexValue is not JsonList) indexValue = new JsonList { indexValue };
            var items = Expand(mapContext, key, indexValue, baseUrl, fromMap: true) as JsonList ?? new JsonList();
            foreach (var element in items)
            {
                var item = element;
                if ((container & ContainerKinds.Graph) != 0 && !IsGraphObject(item))
                    item = new JsonMap { ["@graph"] = item as JsonList ?? new JsonList { item } };
                var itemMap = item as JsonMap;
                if (itemMap is null)
                {
                    expanded.Add(item);
                    continue;
                }

                if ((container & ContainerKinds.Index) != 0 && indexKey != "@index" && expandedIndex != "@none")
                {
                    var reExpandedIndex = ExpandValue(active, indexKey, index);
                    var expandedIndexKey = _contexts.ExpandIri(active, indexKey, false, true)!;
                    var indexPropertyValues = new JsonList { reExpandedIndex };
                    if (itemMap.TryGetValue(expandedIndexKey, out var existing))
                    {
                        if (existing is JsonList el) indexPropertyValues.AddRange(el); else indexPropertyValues.Add(existing);
                    }
                    itemMap[expandedIndexKey] = indexPropertyValues;
                    if (itemMap.ContainsKey("@value"))
                        throw new JsonLdException(JsonLdErrorCode.InvalidValueObject, $"property-valued index '{indexKey}' cannot apply to a value");
                }
                else if ((container & ContainerKinds.Index) != 0 && !itemMap.ContainsKey("@index") && expandedIndex != "@none")
                {
                    itemMap["@index"] = index;
                }
                else if ((container & ContainerKinds.Id) != 0 && !itemMap.ContainsKey("@id") && expandedIndex != "@none")
                {
                    itemMap["@id"] = _contexts.ExpandIri(active, index, true, false);
                }
                else if ((container & ContainerKinds.Type) != 0 && expandedIndex != "@none")
                {
                    var types = new JsonList { expandedIndex };
                    if (itemMap.TryGetValue("@type", out var existingTypes))
                    {
                        if (existingTypes is JsonList etl) types.AddRange(etl); else types.Add(existingTypes);
                    }
                    itemMap["@type"] = types;
                }
                expanded.Add(itemMap);
            }
        }
        return expanded;
    }

    /// <summary>Value Expansion (5.3.2).</summary>
    public object ExpandValue(ActiveContext active, string activeProperty, object value)
    {
        var definition = active.GetTerm(activeProperty);
        var typeMapping = definition?.TypeMapping;
        if (value is string s)
        {
            if (typeMapping == "@id") return new JsonMap { ["@id"] = _contexts.ExpandIri(active, s, true, false) };
            if (typeMapping == "@vocab") return new JsonMap { ["@id"] = _contexts.ExpandIri(active, s, true, true) };
        }

        var result = new JsonMap { ["@value"] = value };
        if (typeMapping is not null && typeMapping is not ("@id" or "@vocab" or "@none"))
        {
            result["@type"] = typeMapping;
        }
        else if (value is string)
        {
            string? language = definition is not null && definition.HasLanguage ? definition.Language : active.DefaultLanguage;
            string? direction = definition is not null && definition.HasDirection ? definition.Direction : active.DefaultDirection;
            if (language is not null) result["@language"] = language;
            if (direction is not null) result["@direction"] = direction;
        }
        return result;
    }

    private static bool IsListObject(object? value) => value is JsonMap m && m.ContainsKey("@list");

    private static bool IsGraphObject(object? value)
    {
        if (value is not JsonMap m || !m.ContainsKey("@graph")) return false;
        foreach (var k in m.Keys)
            if (k is not ("@graph" or "@id" or "@index" or "@context")) return false;
        return true;
    }

    /// <summary>Adds to an entry, always as an array (the "add value" helper with as array = true).</summary>
    private static void AddValue(JsonMap map, string key, object? value)
    {
        if (!map.TryGetValue(key, out var existing))
        {
            // Expanded arrays are fresh and placed once, so the first one can become the entry itself.
            map[key] = value as JsonList ?? new JsonList(1) { value };
            return;
        }
        if (existing is not JsonList list)
        {
            list = new JsonList { existing };
            map[key] = list;
        }
        if (value is JsonList values) list.AddRange(values);
        else list.Add(value);
    }
}

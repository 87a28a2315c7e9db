namespace ScsFederation.Rdf.JsonLd;

/// <summary>The <c>@container</c> keywords of a term definition, as flags so membership tests are a bit test.</summary>
[Flags]
internal enum ContainerKinds : byte
{
    None = 0,
    Graph = 1,
    Id = 2,
    Index = 4,
    Language = 8,
    List = 16,
    Set = 32,
    Type = 64,
}

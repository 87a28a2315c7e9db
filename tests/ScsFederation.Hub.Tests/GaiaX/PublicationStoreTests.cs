using Microsoft.EntityFrameworkCore;
using ScsFederation.SelfDescription.Publication;
using ScsFederation.Storage;
using ScsFederation.Storage.Publication;

namespace ScsFederation.Hub.Tests.GaiaX;

/// <summary>
/// The publication store on the migrated hub database, SQLite and PostgreSQL: the newest publication is current,
/// a credential a newer publication dropped stays resolvable until it expires, a label is served only with the
/// publication it was issued for, and a publication is stored whole or not at all.
/// </summary>
public sealed class PublicationStoreTests : IDisposable
{
    private const string Base = "https://hub.example/gaia-x/providers/p1/";
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-pubstore-").FullName;
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Storages() => HubTestDatabase.Storages();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private async Task<EfPublicationStore> StoreAsync(string storage) =>
        new(new HubDbContextFactory(await HubTestDatabase.MigratedAsync(storage, _folder)));

    private static PublishedCredential Vc(string name, string body, DateTimeOffset validUntil, string kind = PublishedKind.Credential) =>
        new(Base + name, kind, kind == PublishedKind.Label ? "gx:LabelCredential" : "gx:ServiceOffering", "application/vc+jwt", body, "gxdch", T0, validUntil);

    private static ProviderPublication Publication(string id, DateTimeOffset at, params PublishedCredential[] credentials) =>
        new(id, "p1", "did:web:hub.example:providers:p1", at, "hash-" + id, credentials);

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task The_newest_publication_is_served_and_a_dropped_credential_until_it_expires(string storage)
    {
        var store = await StoreAsync(storage);
        await store.SaveAsync(Publication("a", T0, Vc("services/nova", "nova-1", T0.AddDays(90)), Vc("services/glance", "glance-1", T0.AddDays(90)), Vc("presentation", "vp-1", T0.AddDays(90), PublishedKind.Presentation)), default);
        await store.SaveAsync(Publication("b", T0.AddHours(1), Vc("services/nova", "nova-2", T0.AddDays(91)), Vc("presentation", "vp-2", T0.AddDays(91), PublishedKind.Presentation)), default);

        var now = T0.AddHours(2);
        Assert.Equal("b", (await store.CurrentAsync("p1", default))!.Id);
        Assert.Equal("nova-2", (await store.FindAsync(Base + "services/nova", now, default))!.Body);
        Assert.Equal("vp-2", (await store.FindAsync(Base + "presentation", now, default))!.Body);
        // The glance service is gone from the catalog: its last credential stays resolvable until its validUntil.
        Assert.Equal("glance-1", (await store.FindAsync(Base + "services/glance", now, default))!.Body);
        Assert.Null(await store.FindAsync(Base + "services/glance", T0.AddDays(90).AddSeconds(1), default));
        Assert.Equal(["vp-2", "glance-1", "nova-2"], (await store.ListAsync("p1", now, default)).Select(c => c.Body));
        Assert.Null(await store.FindAsync(Base + "unknown", now, default));
        Assert.Equal(PublishedCredential.EtagOf("nova-2"), (await store.FindAsync(Base + "services/nova", now, default))!.ETag);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task A_label_is_served_only_with_the_publication_it_vouches_for(string storage)
    {
        var store = await StoreAsync(storage);
        await store.SaveAsync(Publication("a", T0, Vc("presentation", "vp-1", T0.AddDays(90), PublishedKind.Presentation)), default);
        await store.AddLabelAsync("a", Vc("compliance", "label-1", T0.AddDays(90), PublishedKind.Label), default);
        await store.AddLabelAsync("a", Vc("compliance", "label-1b", T0.AddDays(90), PublishedKind.Label), default); // a resubmission replaces it
        Assert.Equal("label-1b", (await store.FindAsync(Base + "compliance", T0.AddHours(1), default))!.Body);
        Assert.Equal("label-1b", (await store.CurrentAsync("p1", default))!.Label!.Body);

        await store.SaveAsync(Publication("b", T0.AddHours(1), Vc("presentation", "vp-2", T0.AddDays(90), PublishedKind.Presentation)), default);
        Assert.Null(await store.FindAsync(Base + "compliance", T0.AddHours(2), default));
        Assert.DoesNotContain(await store.ListAsync("p1", T0.AddHours(2), default), c => c.Kind == PublishedKind.Label);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task A_publication_is_stored_whole_or_not_at_all(string storage)
    {
        var store = await StoreAsync(storage);
        await store.SaveAsync(Publication("a", T0, Vc("services/nova", "nova-1", T0.AddDays(90))), default);
        // The second row collides with the first (same id in one publication): the insert fails after the first row was sent.
        var broken = Publication("b", T0.AddHours(1), Vc("services/nova", "nova-2", T0.AddDays(90)), Vc("services/nova", "nova-2-again", T0.AddDays(90)));
        await Assert.ThrowsAnyAsync<Exception>(() => store.SaveAsync(broken, default));

        Assert.Equal("a", (await store.CurrentAsync("p1", default))!.Id);
        Assert.Equal("nova-1", (await store.FindAsync(Base + "services/nova", T0.AddHours(2), default))!.Body);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddLabelAsync("b", Vc("compliance", "x", T0.AddDays(1), PublishedKind.Label), default));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task The_purge_removes_expired_rows_and_keeps_the_current_publication(string storage)
    {
        var hub = await HubTestDatabase.MigratedAsync(storage, _folder);
        var store = new EfPublicationStore(new HubDbContextFactory(hub));
        await store.SaveAsync(Publication("a", T0, Vc("services/glance", "glance-1", T0.AddDays(10))), default);
        await store.SaveAsync(Publication("b", T0.AddHours(1), Vc("services/nova", "nova-2", T0.AddDays(5)), Vc("presentation", "vp-2", T0.AddDays(30), PublishedKind.Presentation)), default);

        await using (var db = StorageServiceCollectionExtensions.CreateContext(hub))
            Assert.Equal(1, await EfPublicationStore.PurgeExpiredAsync(db, T0.AddDays(6), default));   // nova-2 expired
        Assert.Equal("b", (await store.CurrentAsync("p1", default))!.Id);
        Assert.Equal("glance-1", (await store.FindAsync(Base + "services/glance", T0.AddDays(6), default))!.Body);

        await using (var db = StorageServiceCollectionExtensions.CreateContext(hub))
        {
            Assert.Equal(2, await EfPublicationStore.PurgeExpiredAsync(db, T0.AddDays(31), default));  // glance-1 and vp-2
            Assert.Equal(["b"], await db.GaiaXPublications.Select(p => p.Id).ToListAsync());           // "a" is gone, the newest stays current
        }
        Assert.Equal("b", (await store.CurrentAsync("p1", default))!.Id);
        Assert.Empty(await store.ListAsync("p1", T0.AddDays(31), default));
    }
}

using Microsoft.EntityFrameworkCore;
using ScsFederation.Provisioning.Persistence;
using ScsFederation.Provisioning.Reconciliation;

namespace ScsFederation.Storage.Provisioning;

/// <summary>The apply journal in the hub database; step completion, ownership and audit commit in one transaction.</summary>
public sealed class EfProvisioningJournal : IProvisioningJournal
{
    private readonly IDbContextFactory<HubDbContext> _contexts;

    public EfProvisioningJournal(IDbContextFactory<HubDbContext> contexts) => _contexts = contexts;

    public async Task<string> StartRunAsync(string providerId, string trigger, string actor, IReadOnlyList<PlannedChange> plan, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString("n");
        var now = DateTimeOffset.UtcNow;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.ProvisioningRuns.Add(new ProvisioningRunEntity { RunId = runId, ProviderId = providerId, Trigger = trigger, Actor = actor, StartedAt = now, Status = ProvisioningRunStatus.Running.ToString() });
        for (var i = 0; i < plan.Count; i++)
        {
            var c = plan[i];
            db.ProvisioningSteps.Add(new ProvisioningStepEntity
            {
                RunId = runId, ProviderId = providerId, Sequence = i, Action = c.Action.ToString(), KeyText = c.Key.Text,
                AccountId = c.AccountId, Why = c.Why, Status = JournalStepStatus.Pending.ToString(), UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return runId;
    }

    public async Task<IReadOnlyList<JournalStep>> ListStepsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.ProvisioningSteps.AsNoTracking().Where(s => s.RunId == runId).OrderBy(s => s.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(s => new JournalStep(s.Id, s.RunId, s.ProviderId, s.Sequence, Enum.Parse<ChangeAction>(s.Action), s.KeyText, s.AccountId, s.Why,
            Enum.Parse<JournalStepStatus>(s.Status), s.Attempts, s.Error)).ToList();
    }

    public async Task<IReadOnlyList<ProvisioningRunSummary>> ListUnfinishedRunsAsync(string providerId, CancellationToken cancellationToken)
    {
        var running = ProvisioningRunStatus.Running.ToString();
        var failed = ProvisioningRunStatus.Failed.ToString();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var runs = await db.ProvisioningRuns.AsNoTracking().Where(r => r.ProviderId == providerId && (r.Status == running || r.Status == failed)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return await SummarizeAsync(db, runs, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ProvisioningRunSummary>> ListRunsAsync(string providerId, int max, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var runs = await db.ProvisioningRuns.AsNoTracking().Where(r => r.ProviderId == providerId).OrderByDescending(r => r.StartedAt).Take(max).ToListAsync(cancellationToken).ConfigureAwait(false);
        return await SummarizeAsync(db, runs, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ProvisioningRunSummary>> SummarizeAsync(HubDbContext db, List<ProvisioningRunEntity> runs, CancellationToken cancellationToken)
    {
        var result = new List<ProvisioningRunSummary>(runs.Count);
        var done = JournalStepStatus.Done.ToString();
        var failed = JournalStepStatus.Failed.ToString();
        foreach (var r in runs)
        {
            var counts = await db.ProvisioningSteps.AsNoTracking().Where(s => s.RunId == r.RunId).GroupBy(s => s.Status)
                .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken).ConfigureAwait(false);
            result.Add(new ProvisioningRunSummary(r.RunId, r.ProviderId, r.Trigger, r.Actor, r.StartedAt, r.FinishedAt, Enum.Parse<ProvisioningRunStatus>(r.Status),
                counts.Sum(c => c.Count), counts.Where(c => c.Status == done).Sum(c => c.Count), counts.Where(c => c.Status == failed).Sum(c => c.Count), r.Error));
        }
        return result;
    }

    public async Task MarkResumedAsync(string runId, string resumedByRunId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var run = await db.ProvisioningRuns.FindAsync([runId], cancellationToken).ConfigureAwait(false);
        if (run is null) return;
        run.Status = ProvisioningRunStatus.Resumed.ToString();
        run.ResumedBy = resumedByRunId;
        run.FinishedAt ??= DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkStartedAsync(long stepId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var step = await db.ProvisioningSteps.FindAsync([stepId], cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"journal step {stepId} does not exist");
        step.Status = JournalStepStatus.Started.ToString();
        step.Attempts++;
        step.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteStepAsync(long stepId, OwnedObject? record, string? forgetKeyText, AuditEntry audit, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var step = await db.ProvisioningSteps.FindAsync([stepId], cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"journal step {stepId} does not exist");
        step.Status = JournalStepStatus.Done.ToString();
        step.Error = null;
        step.UpdatedAt = DateTimeOffset.UtcNow;
        if (record is not null)
        {
            var existing = await db.OwnedObjects.FindAsync([record.ProviderId, record.Origin, record.KeyText], cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                db.OwnedObjects.Add(EfOwnershipStore.ToEntity(record));
            }
            else
            {
                existing.KeystoneId = record.KeystoneId;
                existing.AccountId = record.AccountId;
            }
        }
        if (forgetKeyText is not null)
        {
            var existing = await db.OwnedObjects.FindAsync([step.ProviderId, OwnedObject.ProvisioningOrigin, forgetKeyText], cancellationToken).ConfigureAwait(false);
            if (existing is not null) db.OwnedObjects.Remove(existing);
        }
        db.ProvisioningAudit.Add(EfProvisioningAuditLog.ToEntity(audit));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task FailStepAsync(long stepId, string error, AuditEntry audit, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var step = await db.ProvisioningSteps.FindAsync([stepId], cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"journal step {stepId} does not exist");
        step.Status = JournalStepStatus.Failed.ToString();
        step.Error = error;
        step.UpdatedAt = DateTimeOffset.UtcNow;
        db.ProvisioningAudit.Add(EfProvisioningAuditLog.ToEntity(audit));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task FinishRunAsync(string runId, ProvisioningRunStatus status, string? error, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var run = await db.ProvisioningRuns.FindAsync([runId], cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"provisioning run {runId} does not exist");
        run.Status = status.ToString();
        run.Error = error;
        run.FinishedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}

using System.Collections.Concurrent;
using ScsFederation.Provisioning.Reconciliation;
using Spectre.Console;

namespace ScsFederation.Cli.Commands;

/// <summary>
/// Live progress for <c>scsfed provision apply</c> on a terminal: one bar per provider and phase (planning, the
/// create/update/delete phases with their step counts), drawn by Spectre.Console on stderr so stdout keeps the
/// summary lines scripts read. Only when stderr is a terminal and <c>TERM</c> is not <c>dumb</c>.
/// </summary>
internal static class TerminalProgress
{
    public static bool IsInteractive => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb");

    public static async Task<T> RunAsync<T>(Func<IProgress<ProvisioningProgress>, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes, Ansi = AnsiSupport.Detect });
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = new ConcurrentDictionary<(string Provider, string Phase), ProgressTask>();
                var reporter = new Progress(context, tasks);
                result = await work(reporter);
                foreach (var task in tasks.Values) if (!task.IsFinished) task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Synchronous (not <see cref="Progress{T}"/>): reports arrive from the reconciler's worker threads.</summary>
    private sealed class Progress(ProgressContext context, ConcurrentDictionary<(string, string), ProgressTask> tasks) : IProgress<ProvisioningProgress>
    {
        public void Report(ProvisioningProgress value)
        {
            var task = tasks.GetOrAdd((value.ProviderId, value.Phase), key =>
                context.AddTask($"[bold]{Markup.Escape(key.Item1)}[/] {Markup.Escape(key.Item2)}", maxValue: Math.Max(1, value.Total)));
            if (value.Total > 0) task.MaxValue = value.Total;
            task.Value = value.Total > 0 ? value.Done : task.MaxValue;
        }
    }
}

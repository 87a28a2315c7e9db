namespace ScsFederation.Interop.Tests.Infrastructure;

/// <summary>The system clock moved by <see cref="Offset"/>: zero unless a test moves it (and moves it back).</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

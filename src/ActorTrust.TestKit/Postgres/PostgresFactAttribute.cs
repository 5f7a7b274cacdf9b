using Xunit;

namespace ActorTrust.TestKit.Postgres;

/// <summary>
/// A <see cref="FactAttribute"/> that skips the test when no PostgreSQL server binaries are installed, except
/// under <c>CI=true</c>, where the test runs and fails with a message saying what is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> from <see cref="PostgresBinaries.SkipReason"/>.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresBinaries.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

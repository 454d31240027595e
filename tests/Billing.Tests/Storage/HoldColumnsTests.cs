using Azure.Data.Tables;
using Billing.Domain.Reservations;
using Billing.Functions.Storage;

namespace Billing.Tests.Storage;

public sealed class HoldColumnsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("res_abc", "gpt-4o")]
    [InlineData("call-\"quoted\"<tag>&'+`\\", "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0")]
    [InlineData("Zürich-🚀-用户", "Claude Sonnet (EU, Zürich) — v2 🚀")]
    public void The_size_a_hold_is_budgeted_is_never_less_than_what_is_stored(string id, string model)
    {
        var holds = new HoldBook([.. Enumerable.Range(0, 50).Select(i => new Hold(id + i, long.MaxValue, long.MaxValue, model, Now.AddYears(100)))]);
        var row = new TableEntity("p", "state");

        HoldColumns.Write(row, holds);

        var stored = Enumerable.Range(0, 8).Sum(i => row.GetString("H" + i)?.Length ?? 0);
        Assert.True(stored <= HoldColumns.Size(holds, Now), $"{stored} stored > {HoldColumns.Size(holds, Now)} budgeted");
        Assert.Equal(holds, HoldColumns.Read(row));
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Cli.Output;
using Spectre.Console;

namespace Billing.Cli.Commands;

/// <summary>
/// <c>billing reconcile</c>: <c>POST /api/reconcile</c> page after page until <c>continuation</c> is null, then the
/// differences as a table. Exits 4 when there are any, so a scheduled script can alert.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Create(CommandHost host)
    {
        var subject = new Option<string?>("--subject") { Description = "Only this subject (kind:id)" };
        var pageSize = new Option<int?>("--page-size") { Description = "Subjects per request (1-1000; the service's default otherwise)" };
        var command = new Command("reconcile", "Check the ledger's invariants for every subject (or one); exit 4 when differences are found, 5 when some subjects could not be proven") { subject, pageSize };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            if (parse.GetValue(subject) is { } one) Paths.Subject(one, "--subject");
            var checkedCount = 0L;
            var differences = new List<JsonElement>();
            // Subjects the service could not prove: written to on every read (unsettled), or past its row budget (too_large).
            var unsettled = new List<string>();
            var tooLarge = new List<string>();
            await context.Progress.RunAsync("Reconciling", null, async step =>
            {
                string? continuation = null;
                do
                {
                    var body = new JsonObject();
                    if (parse.GetValue(subject) is { } s) body["subject"] = s;
                    if (parse.GetValue(pageSize) is { } size) body["limit"] = size;
                    if (continuation is not null) body["continuation"] = continuation;
                    var page = (await context.Api.SendAsync(HttpMethod.Post, "api/reconcile", body, null, cancellationToken)).Body;
                    checkedCount += page.Get("checked").GetInt64();
                    differences.AddRange(page.Get("differences").EnumerateArray());
                    unsettled.AddRange(Subjects(page, "unsettled"));
                    tooLarge.AddRange(Subjects(page, "too_large"));
                    continuation = page.Get("continuation").StringOrNull();
                    step.Advance(0, $"Reconciling: {checkedCount} checked, {differences.Count} difference(s)");
                }
                while (continuation is not null);
            });
            if (context.Json)
                context.WriteJson(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("checked", checkedCount);
                    writer.WriteStartArray("differences");
                    foreach (var difference in differences) difference.WriteTo(writer);
                    writer.WriteEndArray();
                    WriteList(writer, "unsettled", unsettled);
                    WriteList(writer, "too_large", tooLarge);
                    writer.WriteNull("continuation");
                    writer.WriteEndObject();
                });
            else
            {
                if (differences.Count > 0)
                {
                    var table = Cells.Table("Differences", "Subject", "Invariant", "Expected ", "Actual ", "Detail");
                    foreach (var difference in differences)
                        table.Row(Cells.Text(difference, "subject"), Cells.Text(difference, "invariant"), Cells.Text(difference, "expected"),
                            Cells.Text(difference, "actual"), Cells.Text(difference, "detail"));
                    context.Console.Write(table);
                }
                context.Out.WriteLine($"Checked {checkedCount.ToString("N0", CultureInfo.InvariantCulture)} subject(s): {differences.Count} difference(s).");
                if (unsettled.Count > 0) context.Out.WriteLine($"Not proven, written to during every read (run again when quieter): {string.Join(", ", unsettled)}");
                if (tooLarge.Count > 0) context.Out.WriteLine($"Not proven, more rows than Reconcile:MaxRowsPerSubject: {string.Join(", ", tooLarge)}");
            }
            return differences.Count > 0 ? ExitCodes.Differences
                : unsettled.Count + tooLarge.Count > 0 ? ExitCodes.NotProven
                : ExitCodes.Success;
        }, CommandHost.LongTimeoutSeconds);
        return command;
    }

    private static IEnumerable<string> Subjects(JsonElement page, string name) =>
        page.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(s => s.GetString() ?? "")
            : [];

    private static void WriteList(Utf8JsonWriter writer, string name, List<string> subjects)
    {
        writer.WriteStartArray(name);
        foreach (var subject in subjects) writer.WriteStringValue(subject);
        writer.WriteEndArray();
    }
}

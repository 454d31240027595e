using System.Text;

namespace Billing.Tests.Corpus;

/// <summary>
/// Bodies the corpus cannot hold as text: too large for a data file (10 MB strings, oversized batches), not valid
/// UTF-8, or nested thousands deep. Each is named by a <c>body_generator</c> keyword of <c>corpus.json</c>.
/// </summary>
public static class CorpusBodies
{
    public const int TenMegabytes = 10 * 1024 * 1024;

    /// <summary>A usable LiteLLM element (the shape <c>POST /api/usage</c> takes), with <c>{{ID}}</c> and <c>{{TEAM}}</c> to fill.</summary>
    public const string Element =
        """{"id":"{{ID}}","status":"success","startTime":1795169702.1,"model":"gpt-4o","custom_llm_provider":"openai","response_cost":0.01,"prompt_tokens":10,"completion_tokens":5,"metadata":{"user_api_key_team_id":"{{TEAM}}"}}""";

    public static byte[] Generate(string name) => name switch
    {
        "ten_mb_string_in_id" => Utf8("[" + Fill("x".PadRight(TenMegabytes, 'x'), "acme") + "]"),
        "ten_mb_string_in_team" => Utf8("[" + Fill("call-10mb-team", new string('t', TenMegabytes)) + "]"),
        "ten_mb_string_in_check_model" => Utf8($$"""{"subjects":{"team":"acme"},"model":"{{new string('m', TenMegabytes)}}"}"""),
        "ten_mb_string_in_owner" => Utf8($$"""{"owners":["{{new string('o', TenMegabytes)}}@example.com"]}"""),
        "ten_mb_string_in_manual_id" => Utf8($$"""{"id":"{{new string('i', TenMegabytes)}}","subjects":{"team":"acme"},"model":"gpt-4o","cost":1}"""),
        "ten_mb_lago_body" => Utf8($$"""{"webhook_type":"wallet.depleted_ongoing_balance","pad":"{{new string('p', TenMegabytes)}}"}"""),
        "oversized_batch" => OversizedBatch(17 * 1024 * 1024),
        "invalid_utf8_in_id" => Splice(Utf8("[" + Fill("bad-@-utf8", "acme") + "]"), "@", [0xC3, 0x28]),
        "invalid_utf8_in_subject" => Splice(Utf8("""{"subjects":{"team":"ac@me"},"estimated_cost":0.01}"""), "@", [0xFF, 0xFE]),
        "invalid_utf8_in_owner" => Splice(Utf8("""{"owners":["o@example.com"],"time_zone":"UTC"}"""), "@", [0xED, 0xA0, 0x80]),
        "invalid_utf8_in_model" => Splice(Utf8("""{"subjects":{"team":"acme"},"model":"g@","cost":1}"""), "@", [0xC0, 0xAF]),
        "deep_array_nesting" => Utf8(new string('[', 100_000) + new string(']', 100_000)),
        "deep_object_nesting_in_check" => Utf8("""{"subjects":{"team":"acme"},"x":""" + string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000) + "}"),
        "deep_nesting_in_metadata" => Utf8("[" + Fill("call-deep", "acme").Replace("\"metadata\":{", "\"metadata\":{\"x\":" + string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_000) + ",") + "]"),
        "deep_nesting_in_lago" => Utf8("""{"webhook_type":"wallet.depleted_ongoing_balance","wallet":""" + new string('[', 10_000) + new string(']', 10_000) + "}"),
        "slow_loris" => Utf8("""{"subjects":{"team":"acme"},"estimated_cost":0.01}"""),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such body generator"),
    };

    public static string Fill(string id, string team) => Element.Replace("{{ID}}", id).Replace("{{TEAM}}", team);

    /// <summary>Distinct usable elements, more bytes of them than <c>Webhook:MaxBodyBytes</c> lets in.</summary>
    private static byte[] OversizedBatch(int bytes)
    {
        var text = new StringBuilder(bytes + 1024).Append('[');
        for (var i = 0; text.Length < bytes; i++) text.Append(i == 0 ? "" : ",").Append(Fill($"call-big-{i}", "acme"));
        return Utf8(text.Append(']').ToString());
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Replaces the first <paramref name="marker"/> with raw bytes no UTF-8 encoder would write.</summary>
    private static byte[] Splice(byte[] body, string marker, byte[] raw)
    {
        var at = body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker));
        if (at < 0) throw new InvalidOperationException($"marker {marker} not in the body");
        return [.. body[..at], .. raw, .. body[(at + Encoding.UTF8.GetByteCount(marker))..]];
    }
}

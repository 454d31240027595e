using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.Tests.Corpus;

/// <summary>
/// One hostile input of the bad-input corpus (<c>TestData/corpus/corpus.json</c>): where it goes, with which key,
/// what it carries, and what the app must answer. The body is <see cref="Body"/> text, <see cref="BodyBase64"/> bytes,
/// or made by <see cref="BodyGenerator"/> (<see cref="CorpusBodies"/>) when it is too large or not text.
/// </summary>
public sealed record CorpusCase
{
    public required string Id { get; init; }

    /// <summary><c>METHOD /path</c> (standalone app), <c>lago-webhook</c>, <c>queue-message</c> (standalone Storage Queue),
    /// <c>custom-handler /Function</c> (the Functions protocol), <c>timer-invocation /Function</c> or <c>kestrel METHOD /path</c>.</summary>
    public required string Target { get; init; }

    /// <summary><c>ingest</c>, <c>check</c>, <c>admin</c>, <c>none</c> or <c>forged</c> (a well-formed key the app never issued).</summary>
    public string Key { get; init; } = "none";

    public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>The request's Content-Type; <c>application/json</c> when a body is sent and this is not given, none when empty text.</summary>
    public string? ContentType { get; init; }

    public string? Body { get; init; }

    public string? BodyBase64 { get; init; }

    public string? BodyGenerator { get; init; }

    /// <summary>For <c>custom-handler</c> targets: <c>raw</c> posts the body as the whole invocation envelope; otherwise it is wrapped as the host wraps it.</summary>
    public string? Envelope { get; init; }

    public LagoSigning? Lago { get; init; }

    /// <summary>What the table shows as the input, in a few words.</summary>
    public required string Input { get; init; }

    public required CorpusExpectation Expect { get; init; }

    public required string Why { get; init; }

    public static IReadOnlyList<CorpusCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "corpus", "corpus.json");
        return JsonSerializer.Deserialize<List<CorpusCase>>(File.ReadAllText(path), Options)!;
    }

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };
}

/// <summary>How a <c>lago-webhook</c> case is signed: <c>hmac</c> (correctly), <c>forged</c> (another key),
/// <c>body_changed</c> (signed, then one byte changed), <c>none</c>; <see cref="Replay"/> delivers it once before the case.</summary>
public sealed record LagoSigning
{
    public string Sign { get; init; } = "hmac";

    public string Algorithm { get; init; } = "hmac";

    public string? UniqueKey { get; init; }

    public bool Replay { get; init; }
}

/// <summary>
/// A 4xx <see cref="Status"/> with a problem naming <see cref="Field"/>; or, for queue messages, a quarantine row whose
/// reason holds <see cref="QuarantineReason"/>; or (<see cref="Acknowledged"/>) a 200 that changes nothing, as a replayed
/// webhook must. <see cref="Quarantined"/> is how many quarantine rows the input may add (rejected webhook elements are kept).
/// </summary>
public sealed record CorpusExpectation
{
    public int? Status { get; init; }

    public string? Field { get; init; }

    public string? QuarantineReason { get; init; }

    public bool Acknowledged { get; init; }

    public int Quarantined { get; init; }

    public override string ToString() =>
        QuarantineReason is not null ? $"quarantine \"{QuarantineReason}\""
        : Acknowledged ? $"{Status} ack, no write"
        : $"{Status} `{Field}`";
}

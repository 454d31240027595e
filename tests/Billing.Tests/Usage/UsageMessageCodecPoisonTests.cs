using System.Text;
using System.Text.Json.Nodes;
using Billing.Functions.Usage;

namespace Billing.Tests.Usage;

/// <summary>A message that can never be applied is poison: Unpack says so with PoisonMessageException, never another exception.</summary>
public sealed class UsageMessageCodecPoisonTests
{
    private const string Valid = """{"id":"evt-1","st":"s","t":1795169702,"m":"gpt-4o","p":"openai","tk":[1200,350,0,0],"c":0.0065,"ch":false,"s":["team:acme"]}""";

    private static string Message(string eventJson) => $$"""{"v":1,"events":[{{eventJson}}]}""";

    private static string With(string field, string json)
    {
        var usage = JsonNode.Parse(Valid)!.AsObject();
        usage[field] = JsonNode.Parse(json);
        return Message(usage.ToJsonString());
    }

    private static string Without(string field)
    {
        var usage = JsonNode.Parse(Valid)!.AsObject();
        usage.Remove(field);
        return Message(usage.ToJsonString());
    }

    [Fact]
    public void Hand_written_valid_message_unpacks()
    {
        var usage = Assert.Single(UsageMessageCodec.Unpack(Encoding.UTF8.GetBytes(Message(Valid))));

        Assert.Equal(("evt-1", 0.0065m, "team:acme"), (usage.Id.Value, usage.Cost, usage.Subjects.Single().ToString()));
    }

    [Fact]
    public void Message_with_no_events_unpacks_to_nothing()
    {
        Assert.Empty(UsageMessageCodec.Unpack("""{"v":1,"events":[]}"""u8));
    }

    public static TheoryData<string> Garbage => new()
    {
        "",
        "not json",
        "{",
        "null",
        "[]",
        "42",
        "{}",
        """{"events":[]}""",
        """{"v":1}""",
        """{"v":1,"events":null}""",
        """{"v":1,"events":{}}""",
        """{"v":"1","events":[]}""",
        """{"v":2,"events":[]}""",
        """{"v":0,"events":[]}""",
        """{"v":1,"events":[null]}""",
        """{"v":1,"events":[42]}""",
        """{"v":1,"events":["evt-1"]}""",
        Message(Valid)[..^10],
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_or_wrong_version_is_poison(string message)
    {
        Assert.Throws<PoisonMessageException>(() => UsageMessageCodec.Unpack(Encoding.UTF8.GetBytes(message)));
    }

    [Fact]
    public void Invalid_utf8_is_poison()
    {
        var bytes = Encoding.UTF8.GetBytes(Message(Valid)).Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        Assert.Throws<PoisonMessageException>(() => UsageMessageCodec.Unpack(bytes));
    }

    public static TheoryData<string, string> BadFields => new()
    {
        { "s", """["tenant:acme"]""" },
        { "s", """["team:"]""" },
        { "s", """[":acme"]""" },
        { "s", """["acme"]""" },
        { "s", """["Team:acme"]""" },
        { "s", """[null]""" },
        { "s", """[42]""" },
        { "id", "\"\"" },
        { "id", "null" },
        { "id", $"\"{new string('i', 513)}\"" },
        { "st", "\"x\"" },
        { "st", "null" },
        { "tk", "[1,2,3]" },
        { "tk", "[1,2,3,4,5]" },
        { "tk", "[1,-2,3,4]" },
        { "tk", "null" },
        { "tk", "[1,2,3,1e30]" },
        { "c", "-0.0065" },
        { "c", "\"0.0065\"" },
        { "c", "1e400" },
        { "c", "1e20" },
        { "c", "9223372036.854775808" },
        { "t", "946684799" },
        { "t", "-62135596801" },
        { "t", "7258118400" },
        { "t", "9223372036854775807" },
        { "t", "\"1795169702\"" },
        { "t", "1795169702.5" },
        { "ch", "\"false\"" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void Event_with_an_invalid_field_is_poison(string field, string json)
    {
        Assert.Throws<PoisonMessageException>(() => UsageMessageCodec.Unpack(Encoding.UTF8.GetBytes(With(field, json))));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("st")]
    [InlineData("tk")]
    public void Event_missing_a_required_field_is_poison(string field)
    {
        Assert.Throws<PoisonMessageException>(() => UsageMessageCodec.Unpack(Encoding.UTF8.GetBytes(Without(field))));
    }
}

using Billing.Functions.Storage;

namespace Billing.Tests.Storage;

/// <summary>Subject and event ids become PartitionKey/RowKey values: always valid, never colliding, never too long.</summary>
public sealed class TableKeysTests
{
    private static readonly string Long300 = new('x', 300);

    private static void AssertValidKey(string key)
    {
        Assert.InRange(key.Length, 0, TableKeys.MaxLength);
        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.True(IsWellFormedUtf16(key), "the key contains a lone surrogate");
    }

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }

    public static TheoryData<string> Awkward => new()
    {
        "team:acme",
        "team:a/b\\c#d?e",
        "key:%2F%7E%25~%",
        "end_user:\u0000\u001F\u007F\u0080\u009F\t\r\n",
        "user:Zürich — 🚀 用户",
        "org:" + new string('/', 300),
        "org:" + Long300,
        "org:" + string.Concat(Enumerable.Repeat("🚀", 400)),
        "org:" + string.Concat(Enumerable.Repeat("a/🚀%", 300)),
        new string('?', 1024),
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public void Encoded_key_is_a_valid_table_key(string value)
    {
        AssertValidKey(TableKeys.Encode(value));
    }

    [Fact]
    public void No_single_character_produces_an_invalid_key()
    {
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c)) continue;
            var key = TableKeys.Encode($"a{(char)c}b");
            Assert.False(key.Any(k => k is '/' or '\\' or '#' or '?' || char.IsControl(k)), $"U+{c:X4} gives {key}");
        }
    }

    [Theory]
    [InlineData("team:acme", "team:acme")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a\\b", "a%5Cb")]
    [InlineData("#?", "%23%3F")]
    [InlineData("%", "%25")]
    [InlineData("~", "%7E")]
    [InlineData("\u0000\u009F", "%00%9F")]
    [InlineData("Zürich 🚀", "Zürich 🚀")]
    public void Short_values_are_readable_and_escaped_only_where_needed(string value, string key)
    {
        Assert.Equal(key, TableKeys.Encode(value));
    }

    public static TheoryData<string, string> LookAlikes => new()
    {
        { "a/b", "a%2Fb" },
        { "/", "%2F" },
        { "%2F", "%252F" },
        { "~", "%7E" },
        { "a~", "a%7E" },
        { "a%", "a%25" },
        { "A/b", "a/b" },
        { Long300 + "1", Long300 + "2" },
        { new string('y', 200) + "/", new string('y', 200) + "%2F" },
        { Long300, TableKeys.Encode(Long300) },
        { new string('z', TableKeys.MaxLength), new string('z', TableKeys.MaxLength + 1) },
        { new string('/', 100), new string('/', 101) },
        { string.Concat(Enumerable.Repeat("🚀", 150)) + "a", string.Concat(Enumerable.Repeat("🚀", 150)) + "b" },
    };

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void Different_values_give_different_keys(string first, string second)
    {
        Assert.NotEqual(TableKeys.Encode(first), TableKeys.Encode(second));
    }

    [Fact]
    public void Many_similar_values_give_as_many_keys()
    {
        var values = Enumerable.Range(0, 2000).SelectMany(i => new[] { $"{Long300}{i}", $"id/{i}", $"id%2F{i}", $"id~{i}", $"{i}" }).ToList();

        var keys = values.Select(TableKeys.Encode).ToHashSet();

        Assert.Equal(values.Count, keys.Count);
    }

    [Fact]
    public void Same_value_always_gives_the_same_key()
    {
        var value = "org:" + string.Concat(Enumerable.Repeat("a/🚀%", 300));

        Assert.Equal(TableKeys.Encode(value), TableKeys.Encode(new string(value.AsSpan())));
    }

    [Theory]
    [InlineData(255, false)]
    [InlineData(256, true)]
    [InlineData(1024, true)]
    [InlineData(5000, true)]
    public void Only_values_longer_than_the_limit_are_shortened(int length, bool shortened)
    {
        var key = TableKeys.Encode(new string('k', length));

        Assert.Equal(shortened, key.Length < length);
        Assert.InRange(key.Length, 1, TableKeys.MaxLength);
    }

    [Fact]
    public void Value_that_escapes_past_the_limit_is_shortened()
    {
        var key = TableKeys.Encode(new string('/', 86));

        Assert.InRange(key.Length, 1, TableKeys.MaxLength);
        Assert.Contains('~', key);
    }

    public static TheoryData<int> CutPositions => [.. Enumerable.Range(194, 12)];

    [Theory]
    [MemberData(nameof(CutPositions))]
    public void Shortening_never_splits_a_surrogate_pair(int position)
    {
        var value = new string('a', position) + "🚀" + new string('b', 300);

        var key = TableKeys.Encode(value);

        AssertValidKey(key);
    }

    [Theory]
    [MemberData(nameof(CutPositions))]
    public void Shortening_never_splits_an_escape(int position)
    {
        var value = new string('a', position) + "/" + new string('b', 300);

        var key = TableKeys.Encode(value);

        var prefix = key[..key.LastIndexOf('~')];
        Assert.DoesNotMatch("%(?![0-9A-F]{2})", prefix);
    }

    [Fact]
    public void Long_ids_that_differ_only_in_lone_surrogates_get_distinct_keys()
    {
        var prefix = new string('x', 300);

        Assert.NotEqual(TableKeys.Encode(prefix + "\ud800"), TableKeys.Encode(prefix + "\ud801"));
    }
}

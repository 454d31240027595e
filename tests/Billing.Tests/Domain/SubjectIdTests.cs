using Billing.Domain.Subjects;

namespace Billing.Tests.Domain;

public sealed class SubjectIdTests
{
    public static TheoryData<string, SubjectKind, string> Parsable => new()
    {
        { "key:093df0459e3bfd66", SubjectKind.Key, "093df0459e3bfd66" },
        { "user:user-alice@acme.example", SubjectKind.User, "user-alice@acme.example" },
        { "team:acme", SubjectKind.Team, "acme" },
        { "org:org-acme", SubjectKind.Org, "org-acme" },
        { "end_user:acme-customer-90017", SubjectKind.EndUser, "acme-customer-90017" },
        { "team:a/b\\c#d?e", SubjectKind.Team, "a/b\\c#d?e" },
        { "team:with:colons:inside", SubjectKind.Team, "with:colons:inside" },
        { "user:Zürich — 🚀 用户", SubjectKind.User, "Zürich — 🚀 用户" },
        { "end_user:%2F~", SubjectKind.EndUser, "%2F~" },
        { "team: ", SubjectKind.Team, " " },
        { "org:" + new string('x', 500), SubjectKind.Org, new string('x', 500) },
        { "org:" + new string('y', SubjectId.MaxIdLength), SubjectKind.Org, new string('y', SubjectId.MaxIdLength) },
    };

    [Theory]
    [MemberData(nameof(Parsable))]
    public void TryParse_splits_kind_and_id_at_the_first_colon(string text, SubjectKind kind, string id)
    {
        Assert.True(SubjectId.TryParse(text, out var subject));
        Assert.Equal(new SubjectId(kind, id), subject);
    }

    [Theory]
    [MemberData(nameof(Parsable))]
    public void ToString_round_trips_through_TryParse(string text, SubjectKind kind, string id)
    {
        var subject = new SubjectId(kind, id);

        Assert.Equal(text, subject.ToString());
        Assert.True(SubjectId.TryParse(subject.ToString(), out var parsed));
        Assert.Equal(subject, parsed);
    }

    public static TheoryData<string?> Unparsable => new()
    {
        (string?)null,
        "",
        "team",
        ":acme",
        "team:",
        "Team:acme",
        "TEAM:acme",
        "tenant:acme",
        "enduser:acme",
        "end-user:acme",
        " team:acme",
        "team :acme",
        "team:" + new string('x', SubjectId.MaxIdLength + 1),
    };

    [Theory]
    [MemberData(nameof(Unparsable))]
    public void TryParse_rejects_unknown_kinds_and_empty_or_oversized_ids(string? text)
    {
        Assert.False(SubjectId.TryParse(text, out var subject));
        Assert.Equal(default, subject);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Empty_id_is_a_caller_bug(string? id)
    {
        Assert.Throws<ArgumentException>(() => new SubjectId(SubjectKind.Team, id!));
    }

    [Fact]
    public void Id_longer_than_the_maximum_is_a_caller_bug()
    {
        Assert.Throws<ArgumentException>(() => new SubjectId(SubjectKind.Team, new string('x', SubjectId.MaxIdLength + 1)));
    }

    [Fact]
    public void Same_id_under_different_kinds_are_different_subjects()
    {
        Assert.NotEqual(new SubjectId(SubjectKind.User, "acme"), new SubjectId(SubjectKind.Team, "acme"));
    }

    [Fact]
    public void Ids_are_case_sensitive()
    {
        Assert.NotEqual(new SubjectId(SubjectKind.Team, "Acme"), new SubjectId(SubjectKind.Team, "acme"));
    }

    [Fact]
    public void Unknown_kind_value_has_no_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SubjectKinds.Name((SubjectKind)99));
    }
}

public sealed class NameTableTests
{
    private enum Colour
    {
        Red,
        Green,
        Blue,
    }

    private static readonly Billing.Domain.NameTable<Colour> Colours = new((Colour.Red, "red"), (Colour.Green, "green"), (Colour.Blue, "blue"));

    [Fact]
    public void Names_round_trip_exactly_and_unknown_names_are_refused()
    {
        Assert.All(Colours.Values, c => Assert.True(Colours.TryParse(Colours.Name(c), out var back) && back == c));
        Assert.False(Colours.TryParse("Red", out _));
        Assert.False(Colours.TryParse(null, out _));
        Assert.Equal("red, green or blue", Colours.Join("or"));
        Assert.Equal("red, green, blue", Colours.Join());
    }

    [Fact]
    public void A_table_with_duplicate_names_is_a_caller_bug() =>
        Assert.Throws<ArgumentException>(() => new Billing.Domain.NameTable<Colour>((Colour.Red, "x"), (Colour.Blue, "x")));
}

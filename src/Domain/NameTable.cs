namespace Billing.Domain;

/// <summary>
/// The wire names of an enum's values, in one place: what messages, stored rows and the API say, never
/// <c>ToString()</c>. The order of the entries is the order <see cref="Values"/> and <see cref="Join"/> use.
/// </summary>
public sealed class NameTable<T> where T : struct, Enum
{
    private readonly (T Value, string Name)[] _entries;

    public NameTable(params (T Value, string Name)[] entries)
    {
        Guard.That(entries.Length > 0 && entries.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count() == entries.Length, "names must be present and distinct", nameof(entries));
        _entries = entries;
        Values = [.. entries.Select(e => e.Value)];
    }

    public IReadOnlyList<T> Values { get; }

    public string Name(T value)
    {
        foreach (var (candidate, name) in _entries)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value)) return name;
        }
        throw new ArgumentOutOfRangeException(nameof(value), value, $"has no {typeof(T).Name} name");
    }

    /// <summary>Exact, case-sensitive match; a null or unknown name is false.</summary>
    public bool TryParse(ReadOnlySpan<char> name, out T value)
    {
        foreach (var (candidate, text) in _entries)
        {
            if (name.SequenceEqual(text))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>The names for messages: <c>a, b, c</c> (or with a final <paramref name="last"/>: <c>a, b or c</c>).</summary>
    public string Join(string? last = null) => last is null || _entries.Length < 2
        ? string.Join(", ", _entries.Select(e => e.Name))
        : string.Join(", ", _entries[..^1].Select(e => e.Name)) + $" {last} " + _entries[^1].Name;
}

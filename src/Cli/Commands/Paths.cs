namespace Billing.Cli.Commands;

/// <summary>URL paths of the API, with subjects, models and ids percent-encoded so <c>/ \ # ?</c> survive.</summary>
internal static class Paths
{
    /// <summary><c>api/accounts/team:acme</c>: the kind as is, the id percent-encoded (a <c>/</c> in it becomes <c>%2F</c>).</summary>
    public static string Account(string subject)
    {
        var (kind, id) = Subject(subject, "subject");
        return $"api/accounts/{kind}:{Uri.EscapeDataString(id)}";
    }

    public static (string Kind, string Id) Subject(string subject, string option)
    {
        var colon = subject.IndexOf(':');
        if (colon <= 0 || colon == subject.Length - 1)
            throw CliException.Usage($"{option}: '{subject}' is not kind:id (for example team:acme)");
        return (subject[..colon], subject[(colon + 1)..]);
    }

    public static string Escape(string value) => Uri.EscapeDataString(value);

    /// <summary><c>?a=1&amp;b=2</c> of the parameters that have a value, or empty.</summary>
    public static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}

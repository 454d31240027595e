using System.Net.Http.Headers;

namespace Billing.Tests.Security;

/// <summary>How a request presents a key (or none): one column of the route × key matrix.</summary>
public sealed record KeyCase(string Name, Action<HttpRequestMessage> Apply, string QueryString = "")
{
    public static readonly KeyCase None = new("no key", _ => { });

    public static KeyCase Bearer(string name, string key) => new($"Bearer {name}", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key));

    public static KeyCase ApiKey(string name, string key) => new($"x-api-key {name}", r => r.Headers.Add("x-api-key", key));

    /// <summary>The key as the whole Authorization value, without the scheme.</summary>
    public static KeyCase Bare(string name, string key) => new($"Authorization {name} without Bearer", r => r.Headers.TryAddWithoutValidation("Authorization", key));

    public static KeyCase Basic(string name, string key) =>
        new($"Basic {name}", r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("x:"u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(key)).ToArray())));

    public static KeyCase Query(string parameter, string name, string key) => new($"?{parameter}={name}", _ => { }, $"{parameter}={Uri.EscapeDataString(key)}");

    public override string ToString() => Name;
}

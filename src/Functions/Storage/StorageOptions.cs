using System.ComponentModel.DataAnnotations;
using Azure.Core;
using Azure.Identity;

namespace Billing.Functions.Storage;

/// <summary>
/// Where the ledger lives. Locally a connection string (Azurite); in Azure the table endpoint and the managed
/// identity's client id, used through <c>DefaultAzureCredential</c>.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty uses the default identity.</summary>
    public string? ClientId { get; set; }

    /// <summary>Prefix of every table name, so environments and tests can share an account.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,40}$")]
    public string TablePrefix { get; set; } = "billing";

    /// <summary>The managed identity (or developer login) used when no connection string is set.</summary>
    public TokenCredential CreateCredential() =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrEmpty(ClientId) ? null : ClientId });

    public bool HasTableStorage => !string.IsNullOrWhiteSpace(ConnectionString) || TableServiceUri is not null;
}

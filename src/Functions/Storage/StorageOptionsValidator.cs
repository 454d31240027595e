using Microsoft.Extensions.Options;

namespace Billing.Functions.Storage;

[OptionsValidator]
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;

using Microsoft.Extensions.Options;

namespace Billing.Functions.Usage;

[OptionsValidator]
public sealed partial class UsageQueueOptionsValidator : IValidateOptions<UsageQueueOptions>;

using Microsoft.Extensions.Options;

namespace Billing.Functions.Auth;

[OptionsValidator]
public sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>;

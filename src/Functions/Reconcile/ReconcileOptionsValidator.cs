using Microsoft.Extensions.Options;

namespace Billing.Functions.Reconcile;

[OptionsValidator]
public sealed partial class ReconcileOptionsValidator : IValidateOptions<ReconcileOptions>;

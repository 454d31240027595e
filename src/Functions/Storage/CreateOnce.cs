namespace Billing.Functions.Storage;

/// <summary>Runs a creation step once, lazily; a failed or cancelled attempt is retried by the next caller.</summary>
public sealed class CreateOnce(Func<Task> create)
{
    private Task? _created;

    public Task EnsureAsync()
    {
        var created = _created;
        if (created is { IsCompletedSuccessfully: true }) return Task.CompletedTask;
        if (created is null || created.IsFaulted || created.IsCanceled) _created = created = create();
        return created;
    }
}

namespace Billing.Tests.Infrastructure.Lago;

/// <summary>Every request a stand-in received, in arrival order, updated as it goes through Prism. Thread-safe.</summary>
internal sealed class LagoRequestLog
{
    private readonly Lock _gate = new();
    private readonly List<LagoRequest> _requests = [];

    public IReadOnlyList<LagoRequest> Requests
    {
        get
        {
            lock (_gate) return [.. _requests];
        }
    }

    public LagoRequest Begin(string method, string path, string query, string body, LagoFault? fault)
    {
        lock (_gate)
        {
            var request = new LagoRequest(_requests.Count + 1, method, path, query, body, fault, ReachedStandIn: false, Status: null, Violations: []);
            _requests.Add(request);
            return request;
        }
    }

    /// <summary>The request Prism forwarded to the stand-in, marked as such; null if the sequence number is unknown.</summary>
    public LagoRequest? Reached(long sequence) => Update(sequence, r => r with { ReachedStandIn = true });

    public void Complete(long sequence, int? status, IReadOnlyList<PrismViolation> violations) =>
        Update(sequence, r => r with { Status = status, Violations = [.. r.Violations, .. violations] });

    public int Count(string path, int? status)
    {
        lock (_gate) return _requests.Count(r => r.Path == path && (status is null || r.Status == status));
    }

    private LagoRequest? Update(long sequence, Func<LagoRequest, LagoRequest> change)
    {
        lock (_gate)
        {
            if (sequence < 1 || sequence > _requests.Count) return null;
            var index = (int)sequence - 1;
            return _requests[index] = change(_requests[index]);
        }
    }
}

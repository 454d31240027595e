using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Billing.Bench.Infrastructure;

/// <summary>
/// A minimal keep-alive HTTP/1.1 client for load generation: it sends pre-encoded requests and reads the status and
/// the body (Content-Length or chunked). It shares the two cores with the server, so it must cost microseconds per
/// request, not the tens that HttpClient costs; the server under test is the real Kestrel.
/// </summary>
public sealed class RawHttpConnection : IDisposable
{
    private readonly Socket _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private byte[] _body = new byte[4 * 1024];
    private int _bodyLength;

    private RawHttpConnection(Socket socket) => _socket = socket;

    /// <summary>The body of the last response; valid until the next request.</summary>
    public ReadOnlySpan<byte> Body => _body.AsSpan(0, _bodyLength);

    public string BodyText => Encoding.UTF8.GetString(Body);

    public static async Task<RawHttpConnection> OpenAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new RawHttpConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>An encoded request with the headers Kestrel needs; <paramref name="body"/> null sends none.</summary>
    public static byte[] Request(string method, string path, string? bearer, byte[]? body)
    {
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (bearer is not null) head.Append("Authorization: Bearer ").Append(bearer).Append("\r\n");
        if (body is not null) head.Append("Content-Type: application/json\r\nContent-Length: ").Append(body.Length).Append("\r\n");
        head.Append("\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        return body is null ? headBytes : [.. headBytes, .. body];
    }

    /// <summary>Sends one request and reads the whole response; returns the status code.</summary>
    public async ValueTask<int> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        while (!request.IsEmpty)
        {
            var sent = await _socket.SendAsync(request, SocketFlags.None, cancellationToken);
            request = request[sent..];
        }

        int headerLength;
        while ((headerLength = IndexOf(_buffer.AsSpan(_start, _end - _start), "\r\n\r\n"u8)) < 0) await FillAsync(cancellationToken);
        var (status, contentLength, chunked) = ParseHead(_buffer.AsSpan(_start, headerLength));
        _start += headerLength + 4;
        _bodyLength = 0;

        if (!chunked)
        {
            await ReadBodyAsync(contentLength, cancellationToken);
            return status;
        }
        while (true)
        {
            int line;
            while ((line = IndexOf(_buffer.AsSpan(_start, _end - _start), "\r\n"u8)) < 0) await FillAsync(cancellationToken);
            var size = ParseChunkSize(_buffer.AsSpan(_start, line));
            _start += line + 2;
            if (size == 0)
            {
                while ((line = IndexOf(_buffer.AsSpan(_start, _end - _start), "\r\n"u8)) != 0)
                {
                    if (line > 0) _start += line + 2; // a trailer
                    else await FillAsync(cancellationToken);
                }
                _start += 2;
                return status;
            }
            await ReadBodyAsync(size, cancellationToken);
            while (_end - _start < 2) await FillAsync(cancellationToken);
            _start += 2;
        }
    }

    public void Dispose() => _socket.Dispose();

    private async ValueTask ReadBodyAsync(int length, CancellationToken cancellationToken)
    {
        if (_body.Length < _bodyLength + length) Array.Resize(ref _body, Math.Max(_body.Length * 2, _bodyLength + length));
        while (length > 0)
        {
            if (_end == _start) await FillAsync(cancellationToken);
            var take = Math.Min(length, _end - _start);
            _buffer.AsSpan(_start, take).CopyTo(_body.AsSpan(_bodyLength));
            _bodyLength += take;
            _start += take;
            length -= take;
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (received == 0) throw new IOException("The server closed the connection.");
        _end += received;
    }

    private static int IndexOf(ReadOnlySpan<byte> data, ReadOnlySpan<byte> value) => data.IndexOf(value);

    private static (int Status, int ContentLength, bool Chunked) ParseHead(ReadOnlySpan<byte> head)
    {
        if (head.Length < 12 || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
            throw new InvalidDataException("Not an HTTP/1.1 status line.");
        var contentLength = 0;
        var chunked = false;
        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            var colon = line.IndexOf((byte)':');
            if (colon < 0) continue;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8)) Utf8Parser.TryParse(value, out contentLength, out _);
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8)) chunked = Ascii.EqualsIgnoreCase(value, "chunked"u8);
        }
        return (status, contentLength, chunked);
    }

    private static int ParseChunkSize(ReadOnlySpan<byte> line)
    {
        var semicolon = line.IndexOf((byte)';');
        if (semicolon >= 0) line = line[..semicolon];
        return Utf8Parser.TryParse(line, out int size, out _, 'X') ? size : throw new InvalidDataException("Bad chunk size.");
    }
}

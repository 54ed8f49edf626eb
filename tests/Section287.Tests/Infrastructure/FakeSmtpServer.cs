using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Section287.Tests.Infrastructure;

/// <summary>A mail server stand-in on loopback: the SMTP server is outside the product, so a fake is the honest test double.</summary>
public sealed class FakeSmtpServer : IDisposable
{
    /// <summary>The body of a message the app sent: UTF-8 in base64, after the headers' blank line.</summary>
    public static string BodyOf(string message) => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(
        message[(message.IndexOf("\n\n", StringComparison.Ordinal) + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()))));

    /// <summary>The settings that point the app at this server.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:UseTls"] = "false",
        ["Smtp:From"] = "section287@example.test",
        ["Smtp:SiteUrl"] = "https://section287.example.test",
    };

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _messages = [];

    public FakeSmtpServer()
    {
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages) return _messages.ToList();
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            using (client)
            {
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII);
                var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 fake ESMTP");
                var transcript = new StringBuilder();
                while (await reader.ReadLineAsync() is { } line)
                {
                    transcript.Append(line).Append('\n');
                    if (line.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase)) await writer.WriteLineAsync("250 fake");
                    else if (line.StartsWith("DATA", StringComparison.OrdinalIgnoreCase))
                    {
                        await writer.WriteLineAsync("354 go ahead");
                        while (await reader.ReadLineAsync() is { } data && data != ".") transcript.Append(data).Append('\n');
                        lock (_messages) _messages.Add(transcript.ToString());
                        transcript.Clear();
                        await writer.WriteLineAsync("250 queued");
                    }
                    else if (line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase)) { await writer.WriteLineAsync("221 bye"); break; }
                    else await writer.WriteLineAsync("250 ok");
                }
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}

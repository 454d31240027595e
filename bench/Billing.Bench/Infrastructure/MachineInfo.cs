using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Billing.Bench.Infrastructure;

/// <summary>What the numbers were measured on, read from /proc, /etc/os-release and the runtime.</summary>
public sealed record MachineInfo(int Cores, string Cpu, string Ram, string Os, string DotNet, string Gc, string Azurite, string Commit, DateTimeOffset Date)
{
    public static MachineInfo Read(string repositoryRoot) => new(
        Environment.ProcessorCount,
        ProcLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        MemTotal(),
        $"{OsRelease() ?? RuntimeInformation.OSDescription} (kernel {Environment.OSVersion.Version})",
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC ? "Server GC" : "Workstation GC",
        AzuriteVersion(repositoryRoot),
        GitCommit(repositoryRoot),
        DateTimeOffset.UtcNow);

    private static string? ProcLine(string path, string key)
    {
        if (!File.Exists(path)) return null;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':') + 1)..].Trim();
    }

    private static string MemTotal()
    {
        var text = ProcLine("/proc/meminfo", "MemTotal");
        return text is not null && long.TryParse(text.Split(' ')[0], out var kb) ? $"{kb / 1024.0 / 1024.0:0.0} GiB" : "unknown";
    }

    private static string? OsRelease()
    {
        const string path = "/etc/os-release";
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) : null;
        return line?["PRETTY_NAME=".Length..].Trim('"');
    }

    private static string AzuriteVersion(string root)
    {
        var package = Path.Combine(root, "node_modules", "azurite", "package.json");
        return File.Exists(package) ? "Azurite " + (JsonNode.Parse(File.ReadAllText(package))?["version"]?.GetValue<string>() ?? "?") : "Azurite ?";
    }

    private static string GitCommit(string root)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true });
            if (git is null) return "?";
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? commit : "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}

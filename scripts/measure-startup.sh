#!/usr/bin/env bash
# Start-up of the Functions package in custom-handler mode: time from process start to the first 200 on GET /
# (what the Functions host polls for readiness) and resident memory, median over several runs.
#
#   scripts/measure-startup.sh [--runs N]                      builds both packages, then measures them
#   scripts/measure-startup.sh [--runs N] aot=DIR jit=DIR ...  measures existing package folders
#
# Without folders it runs scripts/package.sh --aot and scripts/package.sh and keeps copies in artifacts/measure/;
# artifacts/package and the zip are left as the default (JIT) package. Processes listen on 127.0.0.1 only and
# only the processes this script starts are stopped, by PID. Storage is never contacted (tables are created lazily).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=7
packages=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    *=*) packages+=("$1"); shift ;;
    *) echo "usage: $0 [--runs N] [label=package-dir ...]" >&2; exit 2 ;;
  esac
done

if [[ ${#packages[@]} -eq 0 ]]; then
  rm -rf "$root/artifacts/measure"
  mkdir -p "$root/artifacts/measure"
  for mode in aot jit; do
    if [[ $mode == aot ]]; then "$root/scripts/package.sh" --aot; else "$root/scripts/package.sh"; fi
    cp -a "$root/artifacts/package" "$root/artifacts/measure/$mode"
    packages+=("$mode=$root/artifacts/measure/$mode")
  done
fi

mkdir -p "$root/artifacts/measure"
echo
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $runs runs per package"
python3 - "$runs" "$root/artifacts/measure" "${packages[@]}" <<'PY'
import http.client, json, os, socket, statistics, subprocess, sys, time

runs, log_dir, packages = int(sys.argv[1]), sys.argv[2], [a.split("=", 1) for a in sys.argv[3:]]
dev_key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
settings = {
    "Auth__IngestKey": "measure-ingest-key-0001",
    "Auth__AdminKey": "measure-admin-key-00001",
    "Auth__CheckKeys": "measure-check-key-00001",
    # Azurite-style; nothing listens there and nothing connects at start-up.
    "Storage__ConnectionString": "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + dev_key
        + ";TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;",
}

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")

def size_mib(path):
    if os.path.isfile(path):
        return os.path.getsize(path) / 2**20, 1
    files = [os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs]
    return sum(os.path.getsize(f) for f in files) / 2**20, len(files)

def one_run(package, executable, log):
    port = free_port()
    env = dict(os.environ, FUNCTIONS_CUSTOMHANDLER_PORT=str(port), **settings)
    started = time.perf_counter()
    process = subprocess.Popen([executable], cwd=package, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{executable} exited with {process.returncode}; see {log.name}")
            if time.perf_counter() - started > 30:
                raise RuntimeError(f"{executable} not ready after 30 s; see {log.name}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/")
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.002)
        ready_ms = (time.perf_counter() - started) * 1000
        rss_ready = rss_mib(process.pid)
        time.sleep(1)
        rss_settled = rss_mib(process.pid)
        return ready_ms, rss_ready, rss_settled
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

rows = []
for label, package in packages:
    package = os.path.abspath(package)
    with open(os.path.join(package, "host.json")) as host:
        executable = os.path.join(package, json.load(host)["customHandler"]["description"]["defaultExecutablePath"])
    log_path = os.path.join(log_dir, f"startup-{label}.log")
    with open(log_path, "w") as log:
        results = [one_run(package, executable, log) for _ in range(runs)]
    ready = [r[0] for r in results]
    exe_mib, _ = size_mib(executable)
    package_mib, files = size_mib(package)
    rows.append((label, f"{exe_mib:.1f}", f"{package_mib:.1f}", str(files),
                 f"{statistics.median(ready):.0f}", f"{min(ready):.0f}-{max(ready):.0f}",
                 f"{statistics.median(r[1] for r in results):.0f}", f"{statistics.median(r[2] for r in results):.0f}"))

header = ("package", "executable MiB", "folder MiB", "files", "ready ms (median)", "ready ms (min-max)", "RSS MiB at ready", "RSS MiB +1 s")
widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows:
    print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
print(f"App output: {log_dir}/startup-<package>.log")
PY

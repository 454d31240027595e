#!/usr/bin/env bash
# Runs a built package (default artifacts/package) in custom-handler mode against a local Azurite and drives every
# function the way the Functions host does: forwarded HTTP for Check and Accounts, Data/Metadata invocations for
# UsageWebhook and UsageIngest. It exercises the storage paths a NativeAOT build can break at run time (table
# creation, entity reads and writes, quarantine), and starts the package a second time so the tables already exist.
#
#   scripts/smoke-package.sh [package-dir]
#
# Azurite comes from the repository's node_modules (npm ci). Everything listens on 127.0.0.1; only the processes
# this script starts are stopped, by PID.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
package="$(cd "${1:-$root/artifacts/package}" && pwd)"
azurite="$root/node_modules/.bin/azurite"
[[ -x "$azurite" ]] || (cd "$root" && npm ci --no-audit --no-fund)
mkdir -p "$root/artifacts"
log_dir="$(mktemp -d "$root/artifacts/smoke.XXXXXX")"
# The operators' CLI, built once; it is driven against the packaged app like an operator would.
dotnet build "$root/src/Cli/Billing.Cli.csproj" -c Release -o "$log_dir/cli" -nologo -v q >"$log_dir/cli-build.log"

python3 - "$package" "$azurite" "$log_dir" "$root/tests/Billing.Tests/TestData/litellm-samples" "$log_dir/cli/Billing.Cli.dll" <<'PY'
import base64, hashlib, hmac, http.client, http.server, json, os, socket, subprocess, sys, threading, time

package, azurite, log_dir, samples, cli = sys.argv[1:]
keys = {"ingest": "smoke-ingest-key-000001", "admin": "smoke-admin-key-0000001", "check": "smoke-check-key-0000001"}
started = []

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def start(args, name, **kwargs):
    log = open(os.path.join(log_dir, name + ".log"), "w")
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, **kwargs)
    started.append(process)
    return process

def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

def request(port, method, path, body=None, key=None):
    headers = {"Content-Type": "application/json"}
    if key: headers["Authorization"] = "Bearer " + key
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    response = connection.getresponse()
    text = response.read().decode()
    connection.close()
    return response.status, (json.loads(text) if text else None)

def wait_ready(port, process, what):
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None: raise SystemExit(f"{what} exited with {process.returncode}; logs in {log_dir}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1): return
        except OSError: time.sleep(0.05)
    raise SystemExit(f"{what} not listening after 60 s; logs in {log_dir}")

def check(name, condition, detail):
    print(f"  {'ok  ' if condition else 'FAIL'} {name}")
    if not condition: raise SystemExit(f"FAILED: {name}: {detail}\nlogs in {log_dir}")

def invocation(data, metadata=None):
    return {"Data": data, "Metadata": metadata or {}}

# A minimal Lago for the NativeAOT paths of the sync (typed HttpClient, JSON, HMAC): it stores event batches and has
# no wallets. The tests check the sync against a full stand-in behind Prism; this only proves the package can talk.
lago_events, lago_hmac_key = [], "smoke-lago-hmac-key"
class Lago(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(data)))
        self.end_headers(); self.wfile.write(data)
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.path != "/api/v1/events/batch" or self.headers.get("Authorization") != "Bearer smoke-lago-api-key": return self.answer(401, {"status": 401, "error": "Unauthorized"})
        lago_events.extend(body["events"])
        self.answer(200, {"events": body["events"]})
    def do_GET(self):
        self.answer(200, {"wallets": [], "meta": {"current_page": 1, "next_page": None, "prev_page": None, "total_pages": 1, "total_count": 0}})
lago_server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Lago)
threading.Thread(target=lago_server.serve_forever, daemon=True).start()

def lago_webhook(port, body, signature):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json", "X-Lago-Signature-Algorithm": "hmac", "X-Lago-Unique-Key": "smoke-1"}
    if signature: headers["X-Lago-Signature"] = signature
    connection.request("POST", "/api/lago/webhooks", body=body, headers=headers)
    response = connection.getresponse(); response.read(); connection.close()
    return response.status

try:
    blob, queue, table = free_port(), free_port(), free_port()
    store = start([azurite, "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                   "--blobPort", str(blob), "--queuePort", str(queue), "--tablePort", str(table),
                   "--inMemoryPersistence", "--disableTelemetry"], "azurite")
    for port in (blob, queue, table): wait_ready(port, store, "Azurite")
    account_key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    connection_string = (f"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={account_key};"
                         f"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;")
    with open(os.path.join(package, "host.json")) as host:
        executable = os.path.join(package, json.load(host)["customHandler"]["description"]["defaultExecutablePath"])

    def start_app(name):
        port = free_port()
        env = dict(os.environ, FUNCTIONS_CUSTOMHANDLER_PORT=str(port), Storage__ConnectionString=connection_string,
                   Auth__IngestKey=keys["ingest"], Auth__AdminKey=keys["admin"], Auth__CheckKeys=keys["check"],
                   Lago__ApiUrl=f"http://127.0.0.1:{lago_server.server_address[1]}", Lago__ApiKey="smoke-lago-api-key", Lago__WebhookSecret=lago_hmac_key)
        app = start([executable], name, cwd=package, env=env)
        wait_ready(port, app, executable)
        return app, port

    print(f"Smoke test of {package}")
    app, port = start_app("app-1")
    status, body = request(port, "GET", "/")
    check("GET / answers 200 JSON", status == 200 and "Outputs" in body, body)
    status, body = request(port, "GET", "/health/live", key=keys["check"])
    check("Health: live answers Healthy", status == 200 and body["status"] == "Healthy", body)
    status, body = request(port, "GET", "/health/ready", key=keys["ingest"])
    check("Health: ready reaches storage and validates the options", status == 200 and body["checks"]["storage"]["status"] == "Healthy", body)
    status, body = request(port, "GET", "/health/ready")
    check("Health: no key, no answer", status == 401, body)
    status, body = request(port, "GET", "/openapi/v1.json", key=keys["admin"])
    check("OpenAPI: the document is generated in the NativeAOT binary", status == 200 and "/api/check" in body["paths"] and "adminKey" in body["components"]["securitySchemes"], str(body)[:300])

    status, body = request(port, "PUT", "/api/accounts/team:smoke", {"time_zone": "Europe/Berlin", "budgets": [{"name": "monthly", "period": "monthly", "limit": 10}]}, keys["admin"])
    check("Accounts: PUT creates the tables and writes the account", status == 200 and body["budgets"][0]["limit"] == 10, body)
    status, body = request(port, "GET", "/api/accounts/team:smoke", key=keys["admin"])
    check("Accounts: GET reads it back", status == 200 and body["has_account"] is True, body)
    status, body = request(port, "POST", "/api/check", {"subjects": {"team": "smoke"}, "estimated_cost": 1}, keys["check"])
    check("Check: allowed within budget", status == 200 and body["allowed"] is True, body)
    status, body = request(port, "POST", "/api/check", {"subjects": {"team": "smoke"}, "estimated_cost": 9.5, "reserve": True}, keys["check"])
    check("Check: a reserving check holds the estimate", status == 200 and body["allowed"] is True and body["reservation_id"], body)
    reservation = body["reservation_id"]
    status, body = request(port, "POST", "/api/check", {"subjects": {"team": "smoke"}, "estimated_cost": 1}, keys["check"])
    check("Check: the hold counts as used", status == 200 and body["allowed"] is False, body)
    status, body = request(port, "DELETE", "/api/reservations/" + reservation, key=keys["check"])
    check("Reservations: DELETE releases the hold", status == 204, body)
    guard = {"input_type": "request", "litellm_call_id": "smoke-call-1", "texts": ["Summarise this contract in 5 bullets."],
             "structured_messages": [{"role": "user", "content": "Summarise this contract in 5 bullets."}],
             "request_data": {"user_api_key_team_id": "smoke"}, "model": "gpt-4o"}
    status, body = request(port, "POST", "/api/litellm/beta/litellm_basic_guardrail_api", guard, keys["check"])
    check("Guardrail: LiteLLM's pre-call body is allowed with exactly NONE (tokenizer data load in the binary)", status == 200 and body == {"action": "NONE"}, body)

    with open(os.path.join(samples, "06-attribution-team-user-org-enduser.json")) as f:
        sample = f.read()
    webhook = invocation({"req": {"Method": "POST", "Headers": {"Authorization": ["Bearer " + keys["ingest"]]}, "Body": sample}})
    status, body = request(port, "POST", "/UsageWebhook", webhook)
    messages = (body or {}).get("Outputs", {}).get("usage") or []
    check("UsageWebhook: 202 in res and one message in usage", status == 200 and body["Outputs"]["res"]["statusCode"] == 202 and len(messages) == 1, body)
    with open(os.path.join(samples, "13-robustness-null-element-and-nulls.json")) as f:
        rejected = invocation({"req": {"Method": "POST", "Headers": {"Authorization": ["Bearer " + keys["ingest"]]}, "Body": f.read()}})
    status, body = request(port, "POST", "/UsageWebhook", rejected)
    check("UsageWebhook: a rejected element is quarantined", status == 200 and '"rejected":[{' in body["Outputs"]["res"]["body"].replace(" ", ""), body)

    # The host sends a Service Bus body as a JSON string inside a string, and scalar metadata as JSON text.
    delivery = lambda text, message_id: invocation({"msg": json.dumps(text)}, {"MessageId": json.dumps(message_id), "DeliveryCount": "1"})
    status, body = request(port, "POST", "/UsageIngest", delivery(messages[0], "smoke-1"))
    check("UsageIngest: applies the message", status == 200 and "applied 5" in body["Logs"][0], body)
    status, body = request(port, "POST", "/UsageIngest", delivery(messages[0], "smoke-1"))
    check("UsageIngest: a redelivery is applied once", status == 200 and "5 already applied" in body["Logs"][0], body)
    status, body = request(port, "POST", "/UsageIngest", delivery('{"not":"usage"}', "smoke-2"))
    check("UsageIngest: a poison message is quarantined and completed", status == 200 and "quarantined" in body["Logs"][0], body)
    timer = invocation({"timer": {"Schedule": {"AdjustForDST": True}, "ScheduleStatus": None, "IsPastDue": False}})
    for name in ("BudgetRollover", "BudgetAlerts", "LagoPush", "LagoPull"):
        status, body = request(port, "POST", "/" + name, timer)
        check(name + ": the timer trigger runs and logs its summary", status == 200 and body["Logs"][0].startswith(name + ": {"), body)
    check("LagoPush: the team's events reached Lago with their amounts", len(lago_events) >= 1 and all(e["precise_total_amount_cents"] and e["code"] == "llm_usage" for e in lago_events), lago_events)
    signed = json.dumps({"webhook_type": "invoice.created", "object_type": "invoice", "invoice": {}})
    signature = base64.b64encode(hmac.new(lago_hmac_key.encode(), signed.encode(), hashlib.sha256).digest()).decode()
    check("Lago webhook: an HMAC-signed webhook is accepted", lago_webhook(port, signed, signature) == 200, signed)
    check("Lago webhook: an unsigned one is refused", lago_webhook(port, signed, None) == 401, signed)
    stop(app)

    app, port = start_app("app-2")
    status, body = request(port, "GET", "/api/accounts/team:team-acme-support", key=keys["admin"])
    check("restart: tables already exist, the ledger is read back", status == 200 and body["lifetime"]["requests"] == 1, body)
    status, body = request(port, "PUT", "/api/accounts/team:smoke", {"time_zone": "Europe/Berlin", "budgets": [{"name": "monthly", "period": "monthly", "limit": 20}]}, keys["admin"])
    check("restart: a write after 'table already exists' works", status == 200 and body["budgets"][0]["limit"] == 20, body)

    def billing(*args):
        env = dict(os.environ, BILLING_URL=f"http://127.0.0.1:{port}", BILLING_ADMIN_KEY=keys["admin"])
        done = subprocess.run(["dotnet", cli, *args], env=env, capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout, done.stderr
    code, out, err = billing("accounts", "list", "--json")
    check("CLI: accounts list --json lists the accounts", code == 0 and "team:smoke" in [a["subject"] for a in json.loads(out)["accounts"]], err or out)
    code, out, err = billing("stats", "team:team-acme-support", "--from", "2026-01-01", "--to", "2026-12-31", "--by", "model")
    check("CLI: stats prints the totals and the model breakdown", code == 0 and "Overall Totals" in out and "Model Breakdown" in out, err or out)
    code, out, err = billing("timers", "run", "BudgetAlerts", "--json")
    check("CLI: timers run BudgetAlerts answers the run's summary", code == 0 and "due" in json.loads(out), err or out)
    code, out, err = billing("accounts", "show", "team:nobody")
    check("CLI: a 404 exits 1 with the problem on stderr", code == 1 and "404" in err and out == "", err or out)
    print("Smoke test passed.")
finally:
    for process in reversed(started): stop(process)
PY
rm -rf "$log_dir"

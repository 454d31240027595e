#!/usr/bin/env bash
# Runs Billing standalone for local development: one command on a fresh Linux machine with the .NET 10 SDK and Node.js.
# - Storage: with no Storage__ConnectionString set, starts Azurite from this repo's package.json (installed on first
#   run) on 127.0.0.1 ports 10000-10002 (AZURITE_*_PORT to change them), data in .azurite/, stopped by PID with the app.
# - Keys: uses Auth__* from the environment, else generates random ones once into .local/dev.env (git-ignored).
# - Email: with no Smtp__Host set, starts maildev (from package.json) as a local mail catcher: alert emails appear at
#   http://127.0.0.1:1080. It is stopped by PID when the app stops.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

[ -x node_modules/.bin/azurite ] && [ -x node_modules/.bin/maildev ] || npm ci --no-audit --no-fund

mkdir -p .local
if [ -z "${Auth__IngestKey:-}" ]; then
  if [ ! -f .local/dev.env ]; then
    key() { head -c 24 /dev/urandom | base64 | tr -d '/+=' ; }
    {
      echo "Auth__IngestKey=ingest-$(key)"
      echo "Auth__CheckKeys=check-$(key)"
      echo "Auth__AdminKey=admin-$(key)"
    } > .local/dev.env
    chmod 600 .local/dev.env
  fi
  set -a; . .local/dev.env; set +a
  echo "Development keys are in .local/dev.env (generated, git-ignored)."
fi

url="${BILLING_URL:-http://127.0.0.1:5080}"
# The owner's page: a signing key for its links (generated once into .local/dev.env) and this URL as the emails' base.
if [ -z "${Dashboard__SigningKey:-}" ]; then
  grep -q '^Dashboard__SigningKey=' .local/dev.env 2>/dev/null \
    || echo "Dashboard__SigningKey=dashboard-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')" >> .local/dev.env
  export "$(grep '^Dashboard__SigningKey=' .local/dev.env)"
fi
export Timers__BudgetAlerts__PageUrl="${Timers__BudgetAlerts__PageUrl:-$url}"
mail_pid="" azurite_pid=""
cleanup() {
  [ -n "$mail_pid" ] && kill "$mail_pid" 2>/dev/null || true
  # SIGTERM lets Azurite save its data before it exits.
  if [ -n "$azurite_pid" ]; then kill -TERM "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [ -z "${Storage__ConnectionString:-}" ] && [ -z "${Storage__TableServiceUri:-}" ]; then
  blob="${AZURITE_BLOB_PORT:-10000}" queue="${AZURITE_QUEUE_PORT:-10001}" table="${AZURITE_TABLE_PORT:-10002}"
  for port in "$blob" "$queue" "$table"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "Port $port is in use (another Azurite?). Set Storage__ConnectionString, or AZURITE_BLOB_PORT/QUEUE_PORT/TABLE_PORT." >&2
      exit 1
    fi
  done
  mkdir -p .azurite
  node_modules/.bin/azurite --silent --disableTelemetry --location .azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" >.local/azurite.log 2>&1 &
  azurite_pid=$!
  ready=""
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$queue") 2>/dev/null; then ready=1; break; fi
    kill -0 "$azurite_pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$ready" ] || { echo "Azurite did not start within 30 s; see .local/azurite.log" >&2; exit 1; }
  key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  echo "Local storage: Azurite (PID $azurite_pid) on 127.0.0.1:$blob-$table, data in .azurite/"
fi

if [ -z "${Smtp__Host:-}" ]; then
  mail_web="${BILLING_MAIL_WEB_PORT:-1080}" mail_smtp="${BILLING_MAIL_SMTP_PORT:-1025}"
  node_modules/.bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 --smtp "$mail_smtp" --web "$mail_web" --silent >.local/maildev.log 2>&1 &
  mail_pid=$!
  export Smtp__Host=127.0.0.1 Smtp__Port="$mail_smtp" Smtp__Security=None Smtp__From="Billing <billing@localhost>"
  echo "Alert emails go to a local mail catcher (maildev, PID $mail_pid): http://127.0.0.1:$mail_web"
fi
echo "Billing standalone on $url  (POST /api/usage, POST /api/check, PUT|GET /api/accounts/{subject}, POST /api/timers/{name}/run)"
dotnet build src/Functions -c Release -v quiet -nologo
# Run the app itself (not `dotnet run`), so Ctrl+C / SIGTERM reach it; then stop Azurite and maildev (trap above).
# The content root is the build output, where appsettings.json (log levels) is.
dotnet src/Functions/bin/Release/net10.0/Billing.Functions.dll --urls "$url" --contentRoot "$root/src/Functions/bin/Release/net10.0" &
app_pid=$!
stop() { kill -TERM "$app_pid" 2>/dev/null || true; }
trap stop INT TERM
status=0
wait "$app_pid" || status=$?
wait "$app_pid" 2>/dev/null || true
exit "$status"

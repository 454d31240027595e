#!/usr/bin/env bash
# Runs Billing standalone for local development: one command on a fresh Linux machine with the .NET 10 SDK and Node.js.
# - Azurite comes from this repo's package.json (installed on first run) and is started by the app when no
#   Storage__ConnectionString is set; its data stays in .azurite/.
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
mail_pid=""
if [ -z "${Smtp__Host:-}" ]; then
  mail_web="${BILLING_MAIL_WEB_PORT:-1080}" mail_smtp="${BILLING_MAIL_SMTP_PORT:-1025}"
  node_modules/.bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 --smtp "$mail_smtp" --web "$mail_web" --silent >.local/maildev.log 2>&1 &
  mail_pid=$!
  export Smtp__Host=127.0.0.1 Smtp__Port="$mail_smtp" Smtp__Security=None Smtp__From="Billing <billing@localhost>"
  echo "Alert emails go to a local mail catcher (maildev, PID $mail_pid): http://127.0.0.1:$mail_web"
fi
echo "Billing standalone on $url  (POST /api/usage, POST /api/check, PUT|GET /api/accounts/{subject}, POST /api/timers/{name}/run)"
dotnet build src/Functions -c Release -v quiet -nologo
# Run the app itself (not `dotnet run`), so Ctrl+C / SIGTERM reach it and it stops its Azurite by PID; then stop maildev.
dotnet src/Functions/bin/Release/net10.0/Billing.Functions.dll --urls "$url" &
app_pid=$!
stop() { kill -TERM "$app_pid" 2>/dev/null || true; }
trap stop INT TERM
status=0
wait "$app_pid" || status=$?
wait "$app_pid" 2>/dev/null || true
[ -n "$mail_pid" ] && kill "$mail_pid" 2>/dev/null || true
exit "$status"

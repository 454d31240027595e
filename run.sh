#!/usr/bin/env bash
# Runs Billing standalone for local development: one command on a fresh Linux machine with the .NET 10 SDK and Node.js.
# - Azurite comes from this repo's package.json (installed on first run) and is started by the app when no
#   Storage__ConnectionString is set; its data stays in .azurite/.
# - Keys: uses Auth__* from the environment, else generates random ones once into .local/dev.env (git-ignored).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund

if [ -z "${Auth__IngestKey:-}" ]; then
  mkdir -p .local
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
echo "Billing standalone on $url  (POST /api/usage, POST /api/check, PUT|GET /api/accounts/{subject})"
dotnet build src/Functions -c Release -v quiet -nologo
# exec the app itself (not `dotnet run`), so Ctrl+C / SIGTERM reach it and it stops its Azurite by PID.
exec dotnet src/Functions/bin/Release/net10.0/Billing.Functions.dll --urls "$url"

#!/usr/bin/env bash
# Build and lint infra/bicep with the Bicep CLI restored from NuGet (tools/bicep/Bicep.csproj).
# Fails (exit 1) on ANY warning or error: bicep itself exits 0 on warnings.
# Usage: bash tools/bicep/check.sh        (from any directory)
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
infra="$repo_root/infra/bicep"
project="$script_dir/Bicep.csproj"
start=$SECONDS

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "bicep check FAILED: $*" >&2; exit 1; }

# 1. Restore the CLI package (no-op after the first run).
if ! dotnet restore "$project" --nologo >"$work/restore.log" 2>&1; then
  cat "$work/restore.log" >&2
  fail "dotnet restore $project"
fi

# 2. Locate the binary under the NuGet global-packages folder (honours NUGET_PACKAGES).
version="$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\[\{0,1\}\([0-9.]*\)\]\{0,1\}".*/\1/p' "$project")"
[[ -n "$version" ]] || fail "could not read the Azure.Bicep.CommandLine.linux-x64 version from $project"
packages="$(dotnet nuget locals global-packages -l | sed -n 's/^global-packages: *//p')"
packages="${packages%/}"
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
[[ -f "$bicep" ]] || fail "bicep $version not found at $bicep"
[[ -x "$bicep" ]] || chmod u+x "$bicep"

# main.bicepparam reads the secrets from the environment and main.bicep requires >= 16 characters, so give the
# check placeholders when they are unset. They only reach the temporary build output, which is deleted on exit.
export BILLING_INGEST_KEY="${BILLING_INGEST_KEY:-placeholder-ingest-key-for-check}"
export BILLING_ADMIN_KEY="${BILLING_ADMIN_KEY:-placeholder-admin-key-for-check}"
export BILLING_CHECK_KEYS="${BILLING_CHECK_KEYS:-placeholder-check-keys-for-check}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1

n_bicep="$(find "$infra" -type f -name '*.bicep' | wc -l)"
n_params="$(find "$infra" -type f -name '*.bicepparam' | wc -l)"
[[ $n_bicep -gt 1 && $n_params -gt 0 ]] || fail "expected main.bicep, modules and main.bicepparam under $infra"

# 3. Run the steps in parallel (each bicep start costs ~2 s); one log per step. `lint --pattern` lints main.bicep
#    and every module (and the .bicepparam) in one process each.
steps=()
run() { # run <name> <args...>
  local name="$1"; shift
  steps+=("$name")
  ( rc=0; "$bicep" "$@" >"$work/$name.log" 2>&1 || rc=$?; echo "$rc" >"$work/$name.rc" ) &
}
run build build "$infra/main.bicep" --outfile "$work/out/main.json"
run build-params build-params "$infra/main.bicepparam" --outfile "$work/out/main.parameters.json"
run lint-bicep lint --pattern "$infra/**/*.bicep"
run lint-bicepparam lint --pattern "$infra/**/*.bicepparam"
wait

# 4. Judge: a non-zero exit or the word "Warning"/"Error" anywhere in the output fails the check
#    (whole words, so property names such as detailedErrorLoggingEnabled in a message don't count twice).
warnings=0; errors=0; bad=0
for name in "${steps[@]}"; do
  rc="$(cat "$work/$name.rc" 2>/dev/null || echo missing)"
  w="$(grep -cw 'Warning' "$work/$name.log" || true)"
  e="$(grep -cw 'Error' "$work/$name.log" || true)"
  warnings=$((warnings + w)); errors=$((errors + e))
  if [[ "$rc" != 0 || "$w" != 0 || "$e" != 0 ]]; then
    bad=$((bad + 1))
    echo "--- bicep $name (exit $rc)" >&2
    cat "$work/$name.log" >&2
  fi
done
[[ -s "$work/out/main.json" ]] || { bad=$((bad + 1)); echo "--- main.json was not produced" >&2; }
[[ -s "$work/out/main.parameters.json" ]] || { bad=$((bad + 1)); echo "--- main.parameters.json was not produced" >&2; }

elapsed=$((SECONDS - start))
if [[ $bad -ne 0 ]]; then
  fail "$bad problem(s), $warnings warning(s), $errors error(s) (bicep $version, ${elapsed}s)"
fi
echo "bicep check OK: build main.bicep + build-params main.bicepparam + lint $((n_bicep + n_params)) files, 0 warnings, 0 errors (bicep $version, ${elapsed}s)"

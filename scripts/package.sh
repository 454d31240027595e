#!/usr/bin/env bash
# Builds the Azure Functions (custom handler, Flex Consumption) package for linux-x64.
#
#   scripts/package.sh          self-contained JIT publish (default)
#   scripts/package.sh --aot    NativeAOT publish
#
# Output: artifacts/package/ (host.json, one folder per function, the Billing.Functions executable and, for JIT,
# the runtime files) and artifacts/billing-functions.zip with the executable bit kept. Works from any directory.
set -euo pipefail

usage() { echo "usage: $0 [--aot]" >&2; exit 2; }

aot=false
for arg in "$@"; do
  case "$arg" in
    --aot) aot=true ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $arg" >&2; usage ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/package"
zip_path="$root/artifacts/billing-functions.zip"

rm -rf "$out" "$zip_path"
mkdir -p "$out"

publish=(dotnet publish "$root/src/Functions" -c Release -r linux-x64 --self-contained -p:IncludeDevTools=false -o "$out"
         -p:CopyOutputSymbolsToPublishDirectory=false)
if [[ "$aot" == true ]]; then publish+=(-p:PublishAot=true); mode="NativeAOT"; else mode="self-contained JIT"; fi

echo "Publishing ($mode): ${publish[*]}"
started=$SECONDS
"${publish[@]}"
elapsed=$((SECONDS - started))

# Nothing for debugging or local development goes to Azure.
find "$out" -type f \( -name '*.dbg' -o -name '*.pdb' -o -name 'local.settings*.json' \) -delete

# host.json names the executable the Functions host starts; it must be the one we just produced.
executable="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["customHandler"]["description"]["defaultExecutablePath"])' "$out/host.json")"
if [[ ! -f "$out/$executable" || ! -x "$out/$executable" ]]; then
  echo "error: host.json defaultExecutablePath '$executable' is not an executable file in $out" >&2
  exit 1
fi
functions=()
for f in "$out"/*/function.json; do functions+=("$(basename "$(dirname "$f")")"); done
if [[ ${#functions[@]} -eq 0 ]]; then
  echo "error: no <function>/function.json folders in $out" >&2
  exit 1
fi

# Zip from inside the folder so host.json is at the root; Unix modes are stored, so the executable stays executable.
if command -v zip >/dev/null 2>&1; then
  (cd "$out" && zip -q -r -X "$zip_path" .)
else
  python3 - "$out" "$zip_path" <<'PY'
import os, sys, zipfile
src, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, src))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (os.stat(path).st_mode & 0xFFFF) << 16  # keeps rwx bits
            with open(path, "rb") as data:
                z.writestr(info, data.read())
PY
fi

size() { du -sh --apparent-size "$1" | cut -f1; }
echo
echo "Made ($mode, publish ${elapsed}s):"
echo "  package     $out  ($(size "$out"), $(find "$out" -type f | wc -l) files)"
echo "  executable  $out/$executable  ($(size "$out/$executable"))"
echo "  functions   ${functions[*]}"
echo "  zip         $zip_path  ($(size "$zip_path"))"

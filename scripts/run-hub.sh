#!/usr/bin/env bash
# The main job on a fresh machine: builds the hub and starts it on the sample federation with embedded
# storage (SQLite under .data/). Prints the URL; sign in with the demo account alice / alice.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
config="${1:-$root/samples/federation.yaml}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$root/src/ScsFederation.Hub" -c Release -nologo -v q
exec dotnet "$root/src/ScsFederation.Hub/bin/Release/net10.0/ScsFederation.Hub.dll" --config "$config"

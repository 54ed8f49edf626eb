#!/usr/bin/env bash
# The soak run of issue 14: a Release build of the app on 127.0.0.1 with a fresh SQLite database (Development, for the demo
# accounts: fictional data only), 30 minutes of mixed load from bench/Soak (8 workers), the app's memory sampled every 10 s,
# and the errors the app logged counted. Usage: bench/soak.sh [MINUTES] [WORKERS]. Takes the minutes it is given, plus ~1 min.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-30}"
workers="${2:-8}"
port=5287
work="$(mktemp -d /tmp/s287-soak-XXXXXX)"
dotnet build src/Section287 -c Release -nologo -v q -clp:ErrorsOnly > /dev/null
dotnet build bench/Soak -c Release -nologo -v q -clp:ErrorsOnly > /dev/null
env ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development Section287__DataDirectory="$work/data" \
  Logging__LogLevel__Default=Warning "Logging__LogLevel__Microsoft.AspNetCore=Warning" \
  dotnet src/Section287/bin/Release/net10.0/Section287.dll --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/Section287" \
  > "$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$port/health" > /dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$port/health" > /dev/null || { echo "the app did not start; see $work/app.log"; exit 1; }
status=0
dotnet bench/Soak/bin/Release/net10.0/Soak.dll --url "http://127.0.0.1:$port" --minutes "$minutes" --workers "$workers" --pid "$app" || status=$?
echo "App log: $(grep -c '^fail:' "$work/app.log" || true) errors logged ('fail:'), $(grep -c '^crit:' "$work/app.log" || true) critical; the app still answers /health: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")"
echo "Database: $(du -sh "$work/data" | cut -f1) in $work/data"
exit $status

#!/usr/bin/env bash
# OPP analysis speed (BenchmarkDotNet) and stop-file import against sqlite3 .import; see bench/README.md. Not part of ./test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Evidence -- "${1:-all}" --filter '*'

#!/usr/bin/env bash
# The national-scale benchmark of issue 17. Usage: bench/scale.sh [SIZES] [DATABASES]
#   SIZES      comma-separated encounter counts, default 100000,1000000 (10000000 takes about 30 min per database to load);
#              none: the ICE list's import only
#   DATABASES  comma-separated, default sqlite,postgres (PostgreSQL: a throwaway server on a free loopback port, as test.sh)
# Prints, per database and size: the load's time, then bench/Scale's table (every read endpoint's p50/p95/p99 and its ratio to
# a static file from the same app in the same run, encounter writes per second at 1 and 8 connections, the staff list under a
# burst of 64 public connections, the app's memory); and once, the newest ICE list's import (whole process) against
# `sqlite3 .import` of the same rows, three rounds. Commands run from the app's folder, as `dotnet run` does, so that they read
# the Development settings (the development person-data key: fictional data only). Release build; a measurement, never an assertion (not part of ./test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
sizes="${1:-100000,1000000}"
databases="${2:-sqlite,postgres}"
work=$(mktemp -d /tmp/s287-scale-XXXXXX)
app_pid="" pg_dir="" pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
as_pg() { if [ "$(id -u)" = 0 ]; then (cd "$work" && runuser -u postgres -- "$@"); else "$@"; fi; }
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$pg_dir" ] && [ -f "$pg_dir/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$pg_dir" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "== build (Release)"
dotnet build src/Section287 -c Release -nologo -v q -clp:ErrorsOnly > /dev/null
dotnet build bench/Scale -c Release -nologo -v q -clp:ErrorsOnly > /dev/null
app_dll="$root/src/Section287/bin/Release/net10.0/Section287.dll"
scale_dll="$root/bench/Scale/bin/Release/net10.0/Scale.dll"
quiet=(Logging__LogLevel__Default=Warning "Logging__LogLevel__Microsoft.AspNetCore=Warning" "Logging__LogLevel__Microsoft.EntityFrameworkCore=Warning")

echo "== the newest ICE list: import-ice-list (whole process, fresh SQLite) against sqlite3 .import of the same rows"
# Twice: the build above (JIT) and the build a deployment runs, published ReadyToRun (docs/DEPLOYMENT.md), which starts faster.
dotnet publish src/Section287 -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -nologo -v q -clp:ErrorsOnly \
  -o "$work/r2r" > /dev/null
newest=$(ls "$root"/../shared/data/ice-287g/participating/participatingAgencies-*.xlsx | sort | tail -n 1)
dotnet "$scale_dll" csv "$newest" "$work/list.csv"
for round in 1 2 3; do
  for build in build:"$app_dll" readytorun:"$work/r2r/Section287.dll"; do
    rm -rf "$work/import" && mkdir -p "$work/import"
    /usr/bin/time -f "  round $round: import-ice-list (${build%%:*}) %e s wall, %U+%S s CPU, %M KB peak" \
      env "${quiet[@]}" Section287__DataDirectory="$work/import" Section287__SeedBundledIceList=false DOTNET_ENVIRONMENT=Development \
      bash -c 'cd "$1/src/Section287" && exec dotnet "$2" import-ice-list "$3"' _ "$root" "${build#*:}" "$newest" > /dev/null 2> "$work/import.err" || { cat "$work/import.err"; exit 1; }
    grep "import-ice-list" "$work/import.err" || tail -1 "$work/import.err"
  done
  rm -f "$work/sqlite3.db"
  /usr/bin/time -f "  round $round: sqlite3 .import %e s wall" sqlite3 "$work/sqlite3.db" ".import --csv $work/list.csv rows" 2>&1
done
[ "$sizes" = none ] && exit 0

start_pg() {
  [ -n "$pg_dir" ] && return
  pg_dir="$work/pg" && mkdir -p "$pg_dir"
  [ "$(id -u)" = 0 ] && chown postgres "$work" "$pg_dir"
  pg_port=$(free_port)
  as_pg "$pg_bin/initdb" -D "$pg_dir" -U postgres --auth=trust -E UTF8 > "$work/initdb.log"
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir" -l "$work/pg.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c shared_buffers=1GB -c max_connections=200 -c synchronous_commit=off" start > /dev/null
}

for db in ${databases//,/ }; do
  for size in ${sizes//,/ }; do
    echo "== $db, $size encounters"
    data="$work/data-$db-$size"
    mkdir -p "$data"
    settings=(Section287__DataDirectory="$data")
    if [ "$db" = postgres ]; then
      start_pg
      name="bench_$size"
      psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE $name" postgres
      settings+=(Database__Provider=postgres "Database__ConnectionString=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$name;Maximum Pool Size=100")
    fi
    /usr/bin/time -f "  load: %e s wall, %M KB peak" env "${quiet[@]}" "${settings[@]}" DOTNET_ENVIRONMENT=Development Section287__SeedBundledIceList=false \
      bash -c 'cd "$1/src/Section287" && exec dotnet "$2" generate-demo-load --encounters "$3"' _ "$root" "$app_dll" "$size" > "$work/load.log" 2>&1 \
      || { grep -v "^   at " "$work/load.log" | tail -20; exit 1; }
    tail -n 2 "$work/load.log"
    port=$(free_port)
    env "${quiet[@]}" "${settings[@]}" ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development \
      dotnet "$app_dll" --urls "http://127.0.0.1:$port" --contentRoot "$root/src/Section287" > "$work/app.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$port/health" > /dev/null 2>&1 && break; sleep 1; done
    curl -fs "http://127.0.0.1:$port/health" > /dev/null || { tail -30 "$work/app.log"; exit 1; }
    dotnet "$scale_dll" http --url "http://127.0.0.1:$port" --pid "$app_pid" --requests "${BENCH_REQUESTS:-200}" --seconds "${BENCH_SECONDS:-20}"
    echo "  app log: $(grep -c '^fail:' "$work/app.log" || true) errors"
    kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
    rm -rf "$data"
    if [ "$db" = postgres ]; then psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "DROP DATABASE $name WITH (FORCE)" postgres; fi
  done
done

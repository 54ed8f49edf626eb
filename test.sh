#!/usr/bin/env bash
# Runs every test of Section287 and ends with one line: "N passed, N failed, N skipped".
#   1. installs what the tests need when it is missing and we are root (Chromium, PostgreSQL: Debian packages),
#   2. builds once (a build error counts as a failure),
#   3. runs the whole suite on SQLite, including the browser tests in headless Chromium,
#   4. starts a throwaway PostgreSQL on a free loopback port, and a streaming replica of it (pg_basebackup) on another,
#      and runs the suite again on them (the browser tests drive pages, not SQL, so they run once, on the SQLite pass;
#      the replica's tests run only here, SQLite has no replica),
#   5. stops what it started. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
work=$(mktemp -d /tmp/s287-test-XXXXXX)
pg_dir="" replica_dir="" pg_bin=""
passed=0 failed=0 skipped=0

cleanup() {
  for dir in "$replica_dir" "$pg_dir"; do
    if [ -n "$dir" ] && [ -f "$dir/postmaster.pid" ]; then
      as_pg "$pg_bin/pg_ctl" -D "$dir" -m immediate stop >/dev/null 2>&1
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

# As root the server runs as the postgres user, from a folder that user may enter.
as_pg() { if [ "$(id -u)" = 0 ]; then (cd "$work" && runuser -u postgres -- "$@"); else "$@"; fi; }

finish() {
  # The names of failed tests, last before the count, so that a short tail of the output shows them.
  grep -hE "^\s+Failed [A-Za-z0-9_.]+" "$work"/*.log 2>/dev/null | sed -E 's/^\s+/failed: /' | sort -u | head -20
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ] && exit 0 || exit 1
}

# -- 1. what the tests need ----------------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# pdftotext opens the agreements' PDFs the way a reader's tool would, and reads back their text.
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing ${missing[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "could not install ${missing[*]}"; failed=1; finish; }
  else
    echo "missing ${missing[*]}: install them (Debian packages) or run as root"; failed=1; finish
  fi
fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
chromium_path=$(command -v chromium)

# -- 2. build ------------------------------------------------------------------------------------
echo "== build"
if ! dotnet build Section287.slnx -nologo -v q -clp:ErrorsOnly > "$work/build.log" 2>&1; then
  cat "$work/build.log"
  echo "the build failed"
  failed=1; finish
fi

run_suite() { # name, filter, environment...
  local name=$1 filter=$2; shift 2
  echo "== tests on $name"
  env "$@" SECTION287_CHROMIUM="$chromium_path" \
    dotnet test tests/Section287.Tests --no-build -nologo ${filter:+--filter "$filter"} > "$work/$name.log" 2>&1
  local status=$?
  grep -E "^\s*(Failed|Skipped) |Error Message|Assert|Exception" -A6 "$work/$name.log" | head -200
  local summary
  summary=$(grep -E "(Passed|Failed)!  - Failed:" "$work/$name.log")
  if [ -z "$summary" ]; then
    tail -40 "$work/$name.log"
    echo "the $name run printed no summary"
    failed=$((failed + 1)); return
  fi
  echo "$summary"
  local f p s
  f=$(echo "$summary" | sed -E 's/.*Failed: *([0-9]+).*/\1/' | awk '{s+=$1} END {print s+0}')
  p=$(echo "$summary" | sed -E 's/.*Passed: *([0-9]+).*/\1/' | awk '{s+=$1} END {print s+0}')
  s=$(echo "$summary" | sed -E 's/.*Skipped: *([0-9]+).*/\1/' | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  [ $status -ne 0 ] && [ "$f" -eq 0 ] && failed=$((failed + 1))
}

# -- 3. SQLite, with the browser tests ----------------------------------------------------------
run_suite sqlite "Category!=Replica" SECTION287_TEST_DB=sqlite

# -- 4. PostgreSQL -------------------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || shuf -i 20000-60000 -n 1; }
port=$(free_port)
replica_port=$(free_port)
pg_dir="$work/pg"
replica_dir="$work/replica"
sockets="$work/sockets"
mkdir -p "$pg_dir" "$sockets"
[ "$(id -u)" = 0 ] && chown postgres "$work" "$pg_dir" "$sockets"
echo "== starting PostgreSQL on 127.0.0.1:$port and its replica on 127.0.0.1:$replica_port"
if as_pg "$pg_bin/initdb" -D "$pg_dir" -U postgres --auth=trust -E UTF8 >"$work/initdb.log" 2>&1 \
   && as_pg "$pg_bin/pg_ctl" -D "$pg_dir" -l "$work/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $sockets -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
   && as_pg "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$replica_dir" -R -X stream -c fast >"$work/basebackup.log" 2>&1 \
   && as_pg "$pg_bin/pg_ctl" -D "$replica_dir" -l "$work/replica.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $replica_port -k $sockets -c fsync=off -c max_connections=200" start >/dev/null; then
  run_suite postgres "Category!=Browser&Category!=FirstStart" SECTION287_TEST_DB=postgres \
    "SECTION287_TEST_PG=Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=20" \
    "SECTION287_TEST_PG_REPLICA=Host=127.0.0.1;Port=$replica_port;Username=postgres;Database=postgres;Pooling=true"
else
  cat "$work/initdb.log" "$work/server.log" "$work/basebackup.log" "$work/replica.log" 2>/dev/null | tail -20
  echo "PostgreSQL or its replica did not start"
  failed=$((failed + 1))
fi

finish

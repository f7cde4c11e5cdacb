#!/usr/bin/env bash
# How a batch's time falls with the number of workers sharing it on one PostgreSQL store: a
# Release build, a throwaway PostgreSQL cluster on loopback, then for N = 1, 2, 4 a fresh database,
# one batch of 20 stochastic county runs (2,000 trajectories, 30 years, a seed each) put in the
# queue as the service would, and N `projection worker --once` processes; prints the wall time
# until the batch is completed. Run on an idle machine; the ceiling is the number of cores.
# Usage: bench/workers/run.sh [workers, default "1 2 4"]
set -euo pipefail
cd "$(dirname "$0")/../.."
counts="${1:-1 2 4}"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dotnet publish src/Projection.Cli -c Release -o /tmp/projection-workers >/dev/null
dir=$(mktemp -d /tmp/projection-bench-pg.XXXXXX)
port=$(( 20000 + RANDOM % 30000 ))
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
as_postgres "$pg_bin/initdb -D $dir/data -U postgres --auth=trust -E UTF8 >/dev/null"
as_postgres "$pg_bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l $dir/log -w start >/dev/null"
trap 'as_postgres "$pg_bin/pg_ctl -D $dir/data -m fast stop" >/dev/null 2>&1; rm -rf "$dir"' EXIT
runs=$(for i in $(seq 0 19); do printf '{ "name": "r%d", "regions": ["19"], "trajectories": 2000, "seed": %d }' "$i" "$i"; if [ "$i" -lt 19 ]; then printf ', '; fi; done)
batch="{ \"name\": \"bench\", \"runs\": [ $runs ] }"
for n in $counts; do
  db="bench_$n"
  psql -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE $db" >/dev/null
  store="Host=127.0.0.1;Port=$port;Username=postgres;Database=$db"
  # Create the schema, then queue the batch as POST /api/v1/batches does.
  dotnet /tmp/projection-workers/projection.dll worker --store "$store" --once >/dev/null 2>&1
  echo "INSERT INTO batch_jobs (id, name, document, state, created_at, updated_at) VALUES ('bench', 'bench', :'doc', 'queued', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')" \
    | psql -q -h 127.0.0.1 -p "$port" -U postgres -d "$db" -v doc="$batch" >/dev/null
  start=$(date +%s.%N)
  pids=()
  for _ in $(seq 1 "$n"); do
    dotnet /tmp/projection-workers/projection.dll worker --store "$store" --once >/dev/null 2>&1 &
    pids+=($!)
  done
  until [ "$(psql -tA -h 127.0.0.1 -p "$port" -U postgres -d "$db" -c "SELECT state FROM batch_jobs WHERE id = 'bench'")" = "completed" ]; do sleep 0.1; done
  end=$(date +%s.%N)
  wait "${pids[@]}" || true
  printf '%d worker(s): %.1f s for 20 runs\n' "$n" "$(echo "$end - $start" | bc)"
done

#!/usr/bin/env bash
# A GET with intervals against the engine's own time for the same work, in one run on this
# machine: the service (Release, 127.0.0.1) answers GET /api/v1/projections/19?trajectories=N
# for five new seeds after five warm-ups (each computed, not cached), and the benchmark program times
# StochasticProjector on the same county, scenario and count. Prints both medians and the ratio.
# Usage: bench/load/intervals.sh [trajectories, default 1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
trajectories="${1:-1000}"
port=5082
dotnet publish src/Projection.Api -c Release -o /tmp/projection-intervals >/dev/null
dotnet build -c Release bench/Projection.Benchmarks >/dev/null
# The compiler servers the builds leave running would share the two cores with the measurement.
dotnet build-server shutdown >/dev/null 2>&1 || true
store=$(mktemp -d)
env ASPNETCORE_URLS="http://127.0.0.1:${port}" Logging__LogLevel__Default=Warning Logging__LogLevel__Projection.Api.Hosting.IntervalWarmUp=Information \
  Projection__StorePath="${store}/intervals.db" dotnet /tmp/projection-intervals/Projection.Api.dll >"${store}/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$store"' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:${port}/health/live" >/dev/null && break; sleep 0.2; done
# The service warms its stochastic path in the background at start (IntervalWarmUp); measuring during it would measure the queue.
for _ in $(seq 1 100); do grep -q "warmed up" "${store}/server.log" && break; sleep 0.2; done
# Then five requests of its own, for the endpoint's first calls (docs/performance.md).
for seed in 1 2 3 4 5; do curl -sf -o /dev/null "http://127.0.0.1:${port}/api/v1/projections/19?trajectories=${trajectories}&seed=${seed}"; done
api=$(for seed in 11 12 13 14 15; do curl -sf -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:${port}/api/v1/projections/19?trajectories=${trajectories}&seed=${seed}"; done | sort -n | sed -n 3p)
kill $server; wait $server 2>/dev/null || true
engine=$(dotnet bench/Projection.Benchmarks/bin/Release/net10.0/Projection.Benchmarks.dll --stochastic-county "$trajectories")
echo "GET /api/v1/projections/19?trajectories=${trajectories}: median ${api} s"
echo "$engine"
e=$(echo "$engine" | sed -E 's/.*median ([0-9.]+) s.*/\1/')
printf 'GET / engine: %.2f\n' "$(echo "$api / $e" | bc -l)"

#!/usr/bin/env bash
# Load test of the service on loopback (127.0.0.1 only), bounded in time: a Release build, then
# wrk against a trivial endpoint of the same server (the ceiling), GET a county projection
# (cached), and POST a custom county scenario (computed each time). Prints wrk's summaries.
# Usage: bench/load/run.sh [seconds per run, default 15] [connections, default 64]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-15}"
connections="${2:-64}"
port=5080
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk"; exit 1; }
dotnet publish src/Projection.Api -c Release -o /tmp/projection-load >/dev/null
store=$(mktemp -d)
ASPNETCORE_URLS="http://127.0.0.1:${port}" Logging__LogLevel__Default=Warning \
  Projection__StorePath="${store}/load.db" Projection__CustomProjectionsPerMinute=1000000 \
  dotnet /tmp/projection-load/Projection.Api.dll >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$store"' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:${port}/health/live" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:${port}/api/v1/projections/19" >/dev/null
for run in "trivial endpoint (/health/live)|/health/live|" "GET county projection|/api/v1/projections/19|" "POST custom county scenario|/api/v1/projections|bench/load/post-custom.lua"; do
  IFS='|' read -r name path script <<<"$run"
  echo "== ${name}"
  wrk -t2 -c"${connections}" -d"${seconds}s" --latency ${script:+-s "$script"} "http://127.0.0.1:${port}${path}" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx|requests in"
done

#!/usr/bin/env bash
# The scaled stochastic case of issue #16 next to the hand-written C kernel, in one run: the C
# kernel's time for one deterministic projection of the county (ten municipalities, 50 years, on
# one pinned core) times 29 × 1,000 is the single-core C time of 290 regions × 1,000 trajectories
# × 50 years, without the draws, deviations and quantiles the engine also does; the engine runs
# the whole stochastic projection on every core. Usage: bench/c-kernel/stochastic.sh [trajectories]
set -euo pipefail
cd "$(dirname "$0")/../.."
trajectories="${1:-1000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O3 -march=native -o "$work/kernel" bench/c-kernel/kernel.c
dotnet build -c Release bench/Projection.Benchmarks >/dev/null
bench=bench/Projection.Benchmarks/bin/Release/net10.0/Projection.Benchmarks.dll
# Exports the county's input for the kernel (and times the engine's deterministic loop, not used here).
taskset -c 0 dotnet "$bench" --compare-with-c "$work/input.bin" 200 >/dev/null
kernel=$(taskset -c 0 "$work/kernel" "$work/input.bin" 3000)
engine=$(dotnet "$bench" --stochastic-scaled "$trajectories" --double)
echo "$kernel"
echo "$engine"
k=$(echo "$kernel" | sed -E 's/.*mean ([0-9.]+) us.*/\1/')
c=$(echo "$k * 29 * $trajectories / 1000000" | bc -l)
printf 'C kernel, 1 core, scaled to 290 regions x %s trajectories: %.3f s\n' "$trajectories" "$c"
while read -r line; do
  e=$(echo "$line" | sed -E 's/.*median ([0-9.]+) s.*/\1/')
  printf '%s / C kernel on 1 core: %.2f\n' "${line%%:*}" "$(echo "$e / $c" | bc -l)"
done <<<"$engine"

#!/usr/bin/env bash
# The engine's deterministic loop next to the hand-written C kernel, in one run on one core each:
# builds both (C with -O3 -march=native), exports the embedded default's county case, times the
# engine and the kernel alike and prints the ratio. Usage: bench/c-kernel/run.sh [repetitions]
set -euo pipefail
cd "$(dirname "$0")/../.."
repetitions="${1:-2000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O3 -march=native -o "$work/kernel" bench/c-kernel/kernel.c
dotnet build -c Release bench/Projection.Benchmarks >/dev/null
engine=$(DOTNET_TieredPGO=1 taskset -c 0 dotnet bench/Projection.Benchmarks/bin/Release/net10.0/Projection.Benchmarks.dll --compare-with-c "$work/input.bin" "$repetitions")
kernel=$(taskset -c 0 "$work/kernel" "$work/input.bin" "$repetitions")
echo "$engine"
echo "$kernel"
k=$(echo "$kernel" | sed -E 's/.*mean ([0-9.]+) us.*/\1/'); kb=$(echo "$kernel" | sed -E 's/.*best ([0-9.]+) us.*/\1/')
while read -r line; do
  e=$(echo "$line" | sed -E 's/.*mean ([0-9.]+) us.*/\1/'); eb=$(echo "$line" | sed -E 's/.*best ([0-9.]+) us.*/\1/')
  printf '%s / C kernel: %.2f (means), %.2f (bests)\n' "${line%%:*}" "$(echo "$e / $k" | bc -l)" "$(echo "$eb / $kb" | bc -l)"
done <<<"$engine"

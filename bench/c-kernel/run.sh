#!/usr/bin/env bash
# The engine's deterministic loop next to the hand-written C kernel, in one run on one core each:
# builds both (C with -O3 -march=native, at the compiler's own vector width — 512 bits where the
# machine has AVX-512 — and at 256 bits, the width of .NET's Vector<T> by default), exports the
# embedded default's county case, times the engine and the kernel alike and prints the ratios to
# each build. Usage: bench/c-kernel/run.sh [repetitions]
set -euo pipefail
cd "$(dirname "$0")/../.."
repetitions="${1:-2000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O3 -march=native -o "$work/kernel" bench/c-kernel/kernel.c
cc -O3 -march=native -mprefer-vector-width=256 -o "$work/kernel256" bench/c-kernel/kernel.c
dotnet build -c Release bench/Projection.Benchmarks >/dev/null
engine=$(DOTNET_TieredPGO=1 taskset -c 0 dotnet bench/Projection.Benchmarks/bin/Release/net10.0/Projection.Benchmarks.dll --compare-with-c "$work/input.bin" "$repetitions")
kernel=$(taskset -c 0 "$work/kernel" "$work/input.bin" "$repetitions")
kernel256=$(taskset -c 0 "$work/kernel256" "$work/input.bin" "$repetitions")
echo "$engine"
echo "$kernel"
echo "C kernel, 256-bit vectors: ${kernel256#C kernel: }"
for build in native 256; do
  if [ "$build" = native ]; then ref=$kernel; else ref=$kernel256; fi
  k=$(echo "$ref" | sed -E 's/.*mean ([0-9.]+) us.*/\1/'); kb=$(echo "$ref" | sed -E 's/.*best ([0-9.]+) us.*/\1/')
  while read -r line; do
    e=$(echo "$line" | sed -E 's/.*mean ([0-9.]+) us.*/\1/'); eb=$(echo "$line" | sed -E 's/.*best ([0-9.]+) us.*/\1/')
    printf '%s / C kernel (%s width): %.2f (means), %.2f (bests)\n' "${line%%:*}" "$build" "$(echo "$e / $k" | bc -l)" "$(echo "$eb / $kb" | bc -l)"
  done <<<"$engine"
done

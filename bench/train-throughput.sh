#!/usr/bin/env bash
# Training throughput of the reference CNN, three ways, alternated in fresh JVMs on one machine:
#   trainer      selfsup4j's training loop (prefetching iterator, DL4J fit, per-step listener), fast path on
#   bare         a bare DL4J fit(DataSet) loop on in-memory arrays, fast path on
#   default-dl4j the bare loop on DL4J's default path (oneDNN helpers off)
# Prints each run's median images/s and, per shape, the ratios trainer/bare and bare/default-dl4j.
# Knobs (env): SHAPES ("1x28x28 3x32x32"), REPS (2), BATCH (128), EXTRA (more bench-train options).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
SHAPES=${SHAPES:-"1x28x28 3x32x32"}
REPS=${REPS:-2}
BATCH=${BATCH:-128}
EXTRA=${EXTRA:-}
"$HERE/selfsup" --version >/dev/null   # build once, outside the timed runs
declare -A sum count
for shape in $SHAPES; do
  for rep in $(seq 1 "$REPS"); do
    for mode in trainer bare default-dl4j; do
      flag=""; [ "$mode" = bare ] && flag=--bare; [ "$mode" = default-dl4j ] && flag=--default-dl4j
      # shellcheck disable=SC2086
      v=$("$HERE/selfsup" bench train --input "$shape" --batch "$BATCH" $flag $EXTRA 2>/dev/null | tail -1 | sed 's/images_per_second=//')
      echo "run shape=$shape rep=$rep mode=$mode images_per_second=$v"
      sum[$shape,$mode]=$(awk -v a="${sum[$shape,$mode]:-0}" -v b="$v" 'BEGIN{print a+b}')
      count[$shape,$mode]=$(( ${count[$shape,$mode]:-0} + 1 ))
    done
  done
  t=$(awk -v s="${sum[$shape,trainer]}" -v n="${count[$shape,trainer]}" 'BEGIN{printf "%.1f", s/n}')
  b=$(awk -v s="${sum[$shape,bare]}" -v n="${count[$shape,bare]}" 'BEGIN{printf "%.1f", s/n}')
  d=$(awk -v s="${sum[$shape,default-dl4j]}" -v n="${count[$shape,default-dl4j]}" 'BEGIN{printf "%.1f", s/n}')
  echo "SUMMARY shape=$shape trainer=$t bare=$b default_dl4j=$d trainer/bare=$(awk -v a="$t" -v b="$b" 'BEGIN{printf "%.2f", a/b}') fast/default=$(awk -v a="$b" -v b="$d" 'BEGIN{printf "%.2f", a/b}')"
done

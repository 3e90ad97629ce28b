#!/usr/bin/env bash
# Paired speed comparison on a noisy machine: runs A and B alternately (A B A B ..., PAIRS pairs, each run a fresh
# process) and prints every pair's ratio B/A and the median of the paired ratios with its range.
#   A, B   commands whose output contains images_per_second=N (selfsup bench train) or median_img_s=N (peer bench)
#   PAIRS  number of pairs (default 5)
# Examples (bench/results/speed-*.txt were made with these):
#   A="JAVA_OPTS=-Dselfsup.fastbn=false ./selfsup bench train --input 3x32x32" B="./selfsup bench train --input 3x32x32" bench/paired.sh
#   A="FRAMEWORKS=djl REPS=1 SHAPES=1x28x28 ../shared/peer-bench/run.sh" B="./selfsup bench train --input 1x28x28" bench/paired.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${PAIRS:-5}
: "${A:?set A to the baseline command}" "${B:?set B to the candidate command}"
"./selfsup" --version >/dev/null   # build once, outside the timed runs
rate() {   # the figure a run printed last
  bash -c "$1" 2>&1 | grep -oE '(images_per_second|median_img_s)=[0-9.]+' | tail -1 | cut -d= -f2
}
echo "== paired $(date -u +%FT%TZ) pairs=$PAIRS load=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== A: $A"
echo "== B: $B"
ratios=()
for i in $(seq 1 "$PAIRS"); do
  a=$(rate "$A"); b=$(rate "$B")
  r=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", b/a}')
  ratios+=("$r")
  echo "pair $i A=$a B=$b B/A=$r load=$(cut -d' ' -f1 /proc/loadavg)"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{v[NR]=$1} END{m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2;
  printf "RESULT median_B/A=%.2f range=%.2f-%.2f pairs=%d\n", m, v[1], v[NR], NR}'

#!/usr/bin/env bash
# Which backbone gives the most accuracy per CPU minute on Fashion-MNIST (official split)? For every candidate:
#   1. cost: `selfsup bench train` images/s of a plain step and of a UDA step (1x28x28, batch 128), ROUNDS rounds with
#      the candidates alternated in each round (the machine is noisy: compare within a round), cost-ROUND.txt;
#   2. ceiling per CPU minute: `semisup --method supervised` on all 60,000 labels in batches of 128 for as many steps
#      as the candidate's plain-step rate (median of the cost rounds) fits in BUDGET_MIN minutes, all-labels-NAME/;
#   3. few labels: `semisup --method supervised`, 10 labels per class, 3,000 steps of 16, the label-efficiency
#      recipe (flip + pad-crop(pad=3)), seed 1, labels-only-100-NAME/.
# A finished run is skipped (its .complete file), so the sweep continues across sessions. Table: report.md.
#   bench/backbone-sweep.sh                  # all stages
#   STAGES=cost bench/backbone-sweep.sh      # one stage
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$HERE/bench/results/backbone-sweep}
STAGES=${STAGES:-"cost ceiling few-labels"}
ROUNDS=${ROUNDS:-2}
BUDGET_MIN=${BUDGET_MIN:-5}
# name|backbone|settings
CANDIDATES=${CANDIDATES:-"reference-cnn|reference-cnn| pooled-cnn|pooled-cnn|depth=1 pooled-cnn-w48|pooled-cnn|width=48,depth=1 pooled-cnn-w64|pooled-cnn|width=64,depth=1 pooled-cnn-d2|pooled-cnn|depth=2 resnet-small|resnet-small|"}
S="$HERE/selfsup"
mkdir -p "$OUT"
"$S" --version >/dev/null
export SELFSUP_CLASSPATH=${SELFSUP_CLASSPATH:-$(cat "$HERE/cli/target/launch-classpath.txt")}   # one build for every run
field() { echo "$1" | cut -d'|' -f"$2"; }
rate() { grep -oE 'images_per_second=[0-9.]+' | tail -1 | cut -d= -f2; }

for stage in $STAGES; do
  case "$stage" in
    cost)
      for r in $(seq 1 "$ROUNDS"); do
        f="$OUT/cost-$r.txt"
        [ -s "$f" ] && grep -q '^# done' "$f" && { echo "skip $f (done)"; continue; }
        echo "# cost round $r $(date -u +%FT%TZ) load=$(cut -d' ' -f1-3 /proc/loadavg); name method images_per_second" > "$f.tmp"
        for c in $CANDIDATES; do
          for m in supervised uda; do
            ips=$("$S" bench train --backbone "$(field "$c" 2)" --backbone-config "$(field "$c" 3)" --method "$m" \
                  --input 1x28x28 --batch 128 --warmup 5 --windows 5 --window-sec 3 2>&1 | rate)
            echo "$(field "$c" 1) $m $ips" | tee -a "$f.tmp"
          done
        done
        echo "# done $(date -u +%FT%TZ)" >> "$f.tmp" && mv "$f.tmp" "$f"
      done ;;
    ceiling)
      for c in $CANDIDATES; do
        name=$(field "$c" 1); dir="$OUT/all-labels-$name"
        [ -f "$dir/.complete" ] && { echo "skip $dir (done)"; continue; }
        ips=$(cat "$OUT"/cost-*.txt | awk -v n="$name" '$1 == n && $2 == "supervised" {print $3}' | sort -n \
              | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')   # median of the rounds
        steps=$(awk -v r="$ips" -v m="$BUDGET_MIN" 'BEGIN {printf "%d", r * 60 * m / 128}')
        rm -rf "$dir"; echo "run  $dir ($steps steps)"
        "$S" semisup --method supervised --backbone "$(field "$c" 2)" --backbone-config "$(field "$c" 3)" \
          --data fashion-mnist --labels-per-class 6000 --labeled-batch 128 --steps "$steps" --seed 1 \
          --weak-augment "horizontal-flip,pad-crop(pad=3)" --out "$dir" > "$dir.log" 2>&1
        touch "$dir/.complete"; tail -1 "$dir.log"
      done ;;
    few-labels)
      for c in $CANDIDATES; do
        name=$(field "$c" 1); dir="$OUT/labels-only-100-$name"
        [ -f "$dir/.complete" ] && { echo "skip $dir (done)"; continue; }
        rm -rf "$dir"; echo "run  $dir"
        "$S" semisup --method supervised --backbone "$(field "$c" 2)" --backbone-config "$(field "$c" 3)" \
          --data fashion-mnist --labels-per-class 10 --steps 3000 --seed 1 \
          --weak-augment "horizontal-flip,pad-crop(pad=3)" --out "$dir" > "$dir.log" 2>&1
        touch "$dir/.complete"; tail -1 "$dir.log"
      done ;;
    *) echo "unknown stage $stage (cost, ceiling, few-labels)" >&2; exit 2 ;;
  esac
done
/usr/bin/python3 "$HERE/bench/backbone-report.py" "$OUT" > "$OUT/report.md" && cat "$OUT/report.md"

#!/usr/bin/env bash
# Batch-norm re-estimation of the EMA weights of label-efficiency runs made before semisup did it itself
# (--bn-images, on by default since 2026-11-28): for every completed run folder ROW-LABELS-sSEED of the benchmark, a
# `selfsup recalibrate-bn` run in ROW-LABELS-sSEED/bn-reestimated on 4,096 views of the images that row trained on,
# augmented as that row's training batches were, then the report.
#   labels-only, rotation: the run's labeled images only (its split.csv), weak augmentation
#   all-labels: all 60,000 training images, weak augmentation
#   uda, fixmatch: all 60,000 training images under the strong augmentation (in training 7 of every 8 images of a
#   batch were strong views of unlabeled images and 1 a weak view of a labeled one; semisup itself reproduces that mix)
# A finished folder is skipped, so it can run in pieces.
#
#   bench/recalibrate-bn.sh                     # reference-cnn's folder
#   OUT=bench/results/label-efficiency-pooled-cnn bench/recalibrate-bn.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$HERE/bench/results/label-efficiency}
PLOT=${PLOT:-$HERE/docs/img/$(basename "$OUT").png}
IMAGES=${IMAGES:-4096}
WEAK="horizontal-flip,pad-crop(pad=3)"     # bench/label-efficiency.sh's weak augmentation
S="$HERE/selfsup"
"$S" --version >/dev/null
export SELFSUP_CLASSPATH=${SELFSUP_CLASSPATH:-$(cat "$HERE/cli/target/launch-classpath.txt")}

for dir in "$OUT"/*-*-s*; do
  [ -d "$dir" ] || continue
  name=$(basename "$dir")
  [[ "$name" =~ ^(.+)-([0-9]+)-s([0-9]+)$ ]] || continue
  row=${BASH_REMATCH[1]}; seed=${BASH_REMATCH[3]}
  [ -f "$dir/.complete" ] && [ -f "$dir/model.zip" ] || { echo "skip $name (no finished run with a model)"; continue; }
  if grep -q '"bn_reestimated_on_images": [1-9]' "$dir/run.json"; then echo "skip $name (re-estimated by semisup itself)"; continue; fi
  bn="$dir/bn-reestimated"
  if [ -f "$bn/.complete" ]; then echo "skip $name (done)"; continue; fi
  rm -rf "$bn"
  case "$row" in
    labels-only|rotation) source=(--split "$dir/split.csv" --augment "$WEAK") ;;
    uda) source=(--augment "$WEAK,randaugment-uda") ;;
    fixmatch) source=(--augment "$WEAK,randaugment-fixmatch") ;;
    *) source=(--augment "$WEAK") ;;
  esac
  "$S" recalibrate-bn --model "$dir" --data fashion-mnist "${source[@]}" --images "$IMAGES" --seed "$seed" \
    --test fashion-mnist --out "$bn" > "$dir/bn-reestimated.log" 2>&1
  touch "$bn/.complete"
  echo "$name: $(tail -1 "$dir/bn-reestimated.log")"
done
"$S" bench report --runs "$OUT" --out "$OUT/report.md" --plot "$PLOT"

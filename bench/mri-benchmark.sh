#!/usr/bin/env bash
# The medical benchmark: lobe classification of 32x32 axial patches of one real T1 MRI (Colin27, mricron-data),
# built by bench/mri-patches.py (6 balanced classes from the AAL atlas; training and test slices in alternating
# slabs, every test slice >= 4 slices from every training slice; 8,000 unlabeled patches of the training slabs).
# One subject: a demonstration of the pipeline on real MRI, not a clinical result.
#
#   bench/mri-benchmark.sh                 # everything; resumable, so it can run in pieces:
#   PARTS=compare SEEDS=1 bench/mri-benchmark.sh
#   PARTS=semisup SEEDS="1 2" bench/mri-benchmark.sh
#
# compare: rotation, jigsaw and restoration pretraining (PRETRAIN_STEPS) + full fine-tuning and linear probe
#          (FINETUNE_STEPS), beside random initialisation, at 10 and 50 labels per class (selfsup compare).
# semisup: labels-only (--method supervised) and UDA with one recipe (STEPS steps, geometry-safe pad-crop).
# A semisup run stopped part-way (Ctrl-C, kill, the session's end) is resumed from its checkpoint on the next call.
# Results: bench/results/mri/ (compare/ with compare.md, semisup/ROW-LABELS-sSEED run folders, report.md).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$HERE/bench/results/mri}
WORK=${WORK:-$HERE/bench/work}
PARTS=${PARTS:-"compare semisup"}
SEEDS=${SEEDS:-"1 2 3"}
LABELS=${LABELS:-"10 50"}
BACKBONE=${BACKBONE:-pooled-cnn}
BACKBONE_CONFIG=${BACKBONE_CONFIG-$([ "$BACKBONE" = pooled-cnn ] && echo depth=1 || true)}   # the depth its published rows were measured at (pooled-cnn's default is 2 since 2026-12-02)
PRETRAIN_STEPS=${PRETRAIN_STEPS:-1500}
FINETUNE_STEPS=${FINETUNE_STEPS:-300}
STEPS=${STEPS:-2000}
WEAK="pad-crop(pad=3)"
DATA="$WORK/mri-patches"
S="$HERE/selfsup"
if [ ! -f "$DATA/protocol.json" ]; then
  rm -rf "$DATA"
  /usr/bin/python3 "$HERE/bench/mri-patches.py" "$DATA" --seed 1
fi
mkdir -p "$OUT"
cp "$DATA/protocol.json" "$OUT/protocol.json"
"$S" --version >/dev/null
export SELFSUP_CLASSPATH=${SELFSUP_CLASSPATH:-$(cat "$HERE/cli/target/launch-classpath.txt")}   # one build for every run

if [[ " $PARTS " == *" compare "* ]]; then
  "$S" compare --labeled "$DATA/train" --unlabeled "$DATA/unlabeled" --test "$DATA/test" \
    --labels-per-class "$(echo $LABELS | tr ' ' ,)" --seeds "$(echo $SEEDS | tr ' ' ,)" \
    --tasks rotation,jigsaw,restoration --protocols full,linear --backbone "$BACKBONE" --backbone-config "$BACKBONE_CONFIG" \
    --pretrain-steps "$PRETRAIN_STEPS" --finetune-steps "$FINETUNE_STEPS" --out "$OUT/compare"
fi

if [[ " $PARTS " == *" semisup "* ]]; then
  mkdir -p "$OUT/semisup"
  for per in $LABELS; do
    for seed in $SEEDS; do
      for row in labels-only uda; do
        dir="$OUT/semisup/$row-$per-s$seed"
        if [ -f "$dir/.complete" ]; then echo "skip $dir (done)"; continue; fi
        if [ -d "$dir/checkpoints" ] && [ -n "$(ls "$dir/checkpoints" 2>/dev/null)" ]; then
          echo "resume $dir"   # a piece stopped by Ctrl-C, kill or the session's end goes on from its checkpoint
          "$S" semisup --resume "$dir" >> "$dir.log" 2>&1
        else
          rm -rf "$dir"
          method=$([ "$row" = uda ] && echo uda || echo supervised)
          echo "run  $dir"
          "$S" semisup --method "$method" --backbone "$BACKBONE" --backbone-config "$BACKBONE_CONFIG" --labeled "$DATA/train" --labels-per-class "$per" \
            --unlabeled "$DATA/unlabeled" --test "$DATA/test" --steps "$STEPS" --seed "$seed" --weak-augment "$WEAK" \
            --out "$dir" > "$dir.log" 2>&1
        fi
        grep -q '"status" *: *"completed"' "$dir/run.json" && touch "$dir/.complete"
      done
    done
  done
fi

#!/usr/bin/env bash
# The label-efficiency benchmark on Fashion-MNIST (official split): for every labels-per-class count, seed and row,
# one run folder bench/results/label-efficiency/ROW-LABELS-sSEED; a completed run is skipped, so the benchmark can be
# run in pieces across sessions. Then the table (report.md) and plot (docs/img/label-efficiency.png).
#
#   bench/label-efficiency.sh                               # everything (hours on 2 cores)
#   ROWS="labels-only fixmatch" LABELS=10 SEEDS=1 bench/label-efficiency.sh      # one piece
#
# Rows, all trained by `selfsup semisup` with one recipe (SGD + Nesterov 0.9, lr 0.03 with cosine decay, weight decay
# 5e-4, batches of 16 labeled images, STEPS steps, EMA 0.999 evaluated, raw weights scored too):
#   labels-only  --method supervised: the labeled images alone, same augmentation
#   rotation     rotation-pretrained on all training images (one pretraining per seed, shared by both label counts,
#                in pretrain-rotation-sSEED), then --method supervised --from it
#   uda, fixmatch, mixmatch  the semi-supervised methods, the other training images unlabeled (mixmatch with its
#                own batch: 64 labeled + 64 unlabeled images, two weak views each)
#   uda-features  uda plus --feature-consistency 1 (mse between the L2-normalised features of the clean and the
#                strongly augmented view); not in the default ROWS: ROWS=uda-features LABELS=10 bench/label-efficiency.sh
#   uda-aligned, fixmatch-aligned  the method plus --distribution-alignment (ReMixMatch's alignment of the targets;
#                MixMatch aligns by default); not in the default ROWS: RECIPE=defaults ROWS=fixmatch-aligned LABELS=10 ...
#   rotation-uda  the rotation pretraining above, then --method uda --from it (pretext + semi-supervised)
#   all-labels   --method supervised on all 60,000 labels, batches of 128 (the ceiling)
# LABELS is per class (10 = 100 labels, 100 = 1,000).
# RECIPE=defaults trains with the CLI's defaults instead of a named network and the flip (the default backbone,
# pooled-cnn at depth 2, and the default weak augmentation, pad-crop without flip) into label-efficiency-defaults:
#   RECIPE=defaults ROWS="labels-only uda fixmatch mixmatch" LABELS=10 SEEDS=1 bench/label-efficiency.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
RECIPE=${RECIPE:-named}            # named: BACKBONE with flip + pad-crop; defaults: every CLI default
BACKBONE=${BACKBONE:-reference-cnn}   # e.g. BACKBONE=resnet-small (results then go to label-efficiency-resnet-small)
BACKBONE_CONFIG=${BACKBONE_CONFIG-$([ "$BACKBONE" = pooled-cnn ] && echo depth=1 || true)}   # pooled-cnn's rows were measured at depth 1
if [ "$RECIPE" = defaults ]; then OUT=${OUT:-$HERE/bench/results/label-efficiency-defaults}
elif [ "$BACKBONE" = reference-cnn ]; then OUT=${OUT:-$HERE/bench/results/label-efficiency}
else OUT=${OUT:-$HERE/bench/results/label-efficiency-$BACKBONE}; fi
PLOT=${PLOT:-$HERE/docs/img/$(basename "$OUT").png}
ROWS=${ROWS:-"labels-only rotation uda fixmatch all-labels"}
LABELS=${LABELS:-"10 100"}
SEEDS=${SEEDS:-"1 2 3"}
STEPS=${STEPS:-3000}              # semi-supervised and fine-tuning steps of 16 labeled images (+ 112 unlabeled)
PRETRAIN_STEPS=${PRETRAIN_STEPS:-1500}
if [ "$RECIPE" = defaults ]; then
  net=(); weak=()
else
  net=(--backbone "$BACKBONE" --backbone-config "$BACKBONE_CONFIG"); weak=(--weak-augment "horizontal-flip,pad-crop(pad=3)")
fi
S="$HERE/selfsup"
mkdir -p "$OUT"
"$S" --version >/dev/null
export SELFSUP_CLASSPATH=${SELFSUP_CLASSPATH:-$(cat "$HERE/cli/target/launch-classpath.txt")}   # one build for every run

done_run() { [ -f "$1/.complete" ]; }   # written after every command of the row succeeded
fresh() { rm -rf "$1"; }                 # an unfinished run is started again

for per in $LABELS; do
  for seed in $SEEDS; do
    for row in $ROWS; do
      n=$((per * 10))
      [ "$row" = all-labels ] && { [ "$per" = "$(echo $LABELS | awk '{print $1}')" ] || continue; n=60000; }
      dir="$OUT/$row-$n-s$seed"
      if done_run "$dir"; then echo "skip $dir (done)"; continue; fi
      fresh "$dir"
      echo "run  $dir"
      common=("${net[@]}" --data fashion-mnist --steps "$STEPS" --seed "$seed" "${weak[@]}" --out "$dir")
      case "$row" in
        labels-only)
          "$S" semisup --method supervised --labels-per-class "$per" "${common[@]}" > "$OUT/$row-$n-s$seed.log" 2>&1 ;;
        rotation|rotation-uda)
          pre="$OUT/pretrain-rotation-s$seed"
          if ! done_run "$pre"; then
            fresh "$pre"
            "$S" pretrain --task rotation "${net[@]}" --data fashion-mnist --steps "$PRETRAIN_STEPS" --batch 32 \
              --seed "$seed" --out "$pre" > "$pre.log" 2>&1
            touch "$pre/.complete"
          fi
          method=$([ "$row" = rotation ] && echo supervised || echo uda)
          "$S" semisup --method "$method" --from "$pre" --labels-per-class "$per" "${common[@]}" > "$OUT/$row-$n-s$seed.log" 2>&1
          mkdir -p "$dir/pretrain" && cp "$pre/run.json" "$dir/pretrain/run.json" ;;   # its minutes count in the row
        uda|fixmatch|mixmatch)
          "$S" semisup --method "$row" --labels-per-class "$per" "${common[@]}" > "$OUT/$row-$n-s$seed.log" 2>&1 ;;
        uda-aligned|fixmatch-aligned)
          "$S" semisup --method "${row%-aligned}" --distribution-alignment --labels-per-class "$per" "${common[@]}" \
            > "$OUT/$row-$n-s$seed.log" 2>&1 ;;
        uda-features)
          "$S" semisup --method uda --feature-consistency 1 --feature-distance mse --labels-per-class "$per" "${common[@]}" \
            > "$OUT/$row-$n-s$seed.log" 2>&1 ;;
        all-labels)
          "$S" semisup --method supervised --labels-per-class 6000 --labeled-batch 128 "${common[@]}" > "$OUT/$row-$n-s$seed.log" 2>&1 ;;
      esac
      touch "$dir/.complete"
      tail -1 "$OUT/$row-$n-s$seed.log"
    done
  done
done
"$S" bench report --runs "$OUT" --out "$OUT/report.md" --plot "$PLOT"

#!/usr/bin/env bash
# Which pretext task helps on Fashion-MNIST: `selfsup compare` on the official split (training images unlabeled and
# labeled, t10k for the score) with 10 and 100 labels per class, every built-in task x {linear, knn, full} beside
# random initialisation, seeds 1-3. Resumable: finished parts are skipped, so it can be run in pieces:
#
#   SEEDS=1 bench/pretext-compare.sh        # one seed (about 20-25 minutes on 2 cores)
#   bench/pretext-compare.sh                # all three seeds; with the pieces done, it only tabulates
#
# The results (one ordinary run folder per part, compare.md/.csv/.png) are in bench/results/pretext-compare/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$HERE/bench/results/pretext-compare}
SEEDS=${SEEDS:-1,2,3}
BACKBONE=${BACKBONE:-pooled-cnn}
BACKBONE_CONFIG=${BACKBONE_CONFIG-$([ "$BACKBONE" = pooled-cnn ] && echo depth=1 || true)}   # the depth its published rows were measured at (pooled-cnn's default is 2 since 2026-12-02)
PRETRAIN_STEPS=${PRETRAIN_STEPS:-1500}
FINETUNE_STEPS=${FINETUNE_STEPS:-300}
S="$HERE/selfsup"
"$S" --version >/dev/null
export SELFSUP_CLASSPATH=${SELFSUP_CLASSPATH:-$(cat "$HERE/cli/target/launch-classpath.txt")}   # one build for every part
"$S" compare --data fashion-mnist --labels-per-class 10,100 --seeds "$SEEDS" \
  --tasks rotation,jigsaw,relative-position,corruption,inpainting,restoration,simclr --protocols linear,knn,full \
  --backbone "$BACKBONE" --backbone-config "$BACKBONE_CONFIG" --pretrain-steps "$PRETRAIN_STEPS" --finetune-steps "$FINETUNE_STEPS" --out "$OUT"
mkdir -p "$HERE/docs/img"
cp "$OUT/compare.png" "$HERE/docs/img/pretext-compare.png"

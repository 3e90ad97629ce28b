#!/usr/bin/env python3
"""Lays Fashion-MNIST out as a newcomer's own image folders, for `selfsup semisup` with every default:
OUT/labeled/<class>/*.png (PER_CLASS training images per class, drawn with SEED), OUT/unlabeled/*.png (every other
training image, or the first UNLABELED of them), OUT/test/<class>/*.png (the official t10k test images).

Usage: newcomer-folders.py OUT [--per-class 10] [--unlabeled N] [--seed 1] [--data /usr/share/datasets/fashion-mnist]
"""
import argparse
import gzip
import os

import numpy as np
from PIL import Image

CLASSES = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot"]


def idx(path, offset):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def load(data, part):
    images = idx(os.path.join(data, f"{part}-images-idx3-ubyte.gz"), 16).reshape(-1, 28, 28)
    labels = idx(os.path.join(data, f"{part}-labels-idx1-ubyte.gz"), 8)
    return images, labels


def save(img, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Image.fromarray(img, "L").save(path)


p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--per-class", type=int, default=10)
p.add_argument("--unlabeled", type=int, default=0, help="0: every training image not labeled")
p.add_argument("--seed", type=int, default=1)
p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
a = p.parse_args()
train, train_labels = load(a.data, "train")
test, test_labels = load(a.data, "t10k")
rng = np.random.default_rng(a.seed)
chosen = np.concatenate([rng.permutation(np.flatnonzero(train_labels == c))[:a.per_class] for c in range(10)])
for i in chosen:
    save(train[i], os.path.join(a.out, "labeled", CLASSES[train_labels[i]], f"train{i:05d}.png"))
rest = np.setdiff1d(np.arange(len(train)), chosen)
if a.unlabeled:
    rest = rest[:a.unlabeled]
for i in rest:
    save(train[i], os.path.join(a.out, "unlabeled", f"train{i:05d}.png"))
for i in range(len(test)):
    save(test[i], os.path.join(a.out, "test", CLASSES[test_labels[i]], f"test{i:05d}.png"))
print(f"{len(chosen)} labeled, {len(rest)} unlabeled, {len(test)} test images in {a.out}")

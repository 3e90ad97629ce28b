#!/usr/bin/env python3
"""Writes N gray PNGs of SIZE x SIZE (default 20,000 of 128x128: 1.3 GB as floats) for the memory benchmark.

Each image is a smooth random field (a few Gaussian blobs on a gradient, seeded per image) plus noise, so files
compress like real pictures rather than like constant ones.  Usage: big-folder.py OUT [--count N] [--size S] [--seed K]
"""
import argparse
import os

import numpy as np
from PIL import Image

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--count", type=int, default=20000)
p.add_argument("--size", type=int, default=128)
p.add_argument("--seed", type=int, default=1)
a = p.parse_args()
os.makedirs(a.out, exist_ok=True)
yy, xx = np.mgrid[0:a.size, 0:a.size] / a.size
for i in range(a.count):
    r = np.random.default_rng(a.seed * 1_000_003 + i)
    f = r.uniform(0, 0.3) * xx + r.uniform(0, 0.3) * yy
    for _ in range(4):
        cy, cx, s, h = r.uniform(0, 1), r.uniform(0, 1), r.uniform(0.05, 0.3), r.uniform(-0.5, 0.8)
        f += h * np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * s * s))
    f += r.normal(0, 0.03, f.shape)
    img = np.clip((f - f.min()) / (np.ptp(f) + 1e-9) * 255, 0, 255).astype(np.uint8)
    Image.fromarray(img, "L").save(os.path.join(a.out, f"img{i:05d}.png"))

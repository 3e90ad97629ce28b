#!/usr/bin/python3
"""Builds the MRI patch-classification task of the medical benchmark from one real brain (mricron-data).

usage: bench/mri-patches.py OUT_DIR [--seed 1]

Input: /usr/share/mricron/templates/ch2.nii.gz (Colin27 T1, 181x217x181, 1 mm) and aal.nii.gz (AAL, 116 regions, the
same grid), read with nibabel (python3-nibabel). Each 32x32 axial patch is labelled by the lobe of the AAL region at
its centre: frontal, temporal (with hippocampus, parahippocampal gyrus, amygdala, fusiform gyrus), parietal,
occipital, cerebellum (with the vermis), central (insula, cingulate gyrus, caudate, putamen, pallidum, thalamus).
Centres lie on a 4-voxel grid of every used slice, patches inside the volume.

Spatial separation: axial slices are cut into slabs of 16; in each slab the first 12 slices are used and the last 4
left out, slabs alternate train / test — so every test slice is at least 4 slices (4 mm) from every training slice,
and both splits cover the whole brain from bottom to top. Training patches: up to 400 per class (the labeled pool the
benchmark draws 10 or 50 per class from), test patches: 200 per class, both balanced; unlabeled: up to 8,000 patches
of the training slabs centred anywhere in a labelled region, without their labels. Seeded; PNG, 8-bit gray, values
as stored (0-254), anterior at the top and the subject's right on the right, as selfsup shows axial slices.
"""
import json
import os
import re
import struct
import sys
import zlib

import numpy as np
import nibabel as nib

TEMPLATES = "/usr/share/mricron/templates"
PATCH = 32
STRIDE = 4
SLAB, USED = 16, 12
TRAIN_PER_CLASS, TEST_PER_CLASS, UNLABELED = 400, 200, 8000
LOBES = [
    ("frontal", r"^(Precentral|Frontal|Rolandic|Supp_Motor|Olfactory|Rectus)"),
    ("temporal", r"^(Temporal|Heschl|Hippocampus|ParaHippocampal|Amygdala|Fusiform)"),
    ("parietal", r"^(Postcentral|Parietal|SupraMarginal|Angular|Precuneus|Paracentral)"),
    ("occipital", r"^(Calcarine|Cuneus|Lingual|Occipital)"),
    ("cerebellum", r"^(Cerebelum|Vermis)"),
    ("central", r"^(Insula|Cingulum|Caudate|Putamen|Pallidum|Thalamus)"),
]


def png(path, pixels):
    """An 8-bit gray PNG (filter 0 on every row)."""
    h, w = pixels.shape
    raw = b"".join(b"\x00" + pixels[r].astype(np.uint8).tobytes() for r in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def lobe_of_region():
    table = {}
    for line in open(os.path.join(TEMPLATES, "aal.nii.txt")):
        if len(line.split()) < 2:
            continue
        index, name = line.split()[:2]
        for k, (_, pattern) in enumerate(LOBES):
            if re.match(pattern, name):
                table[int(index)] = k
    return table


def main(args):
    out = args[0]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 1
    rng = np.random.default_rng(seed)
    t1 = nib.as_closest_canonical(nib.load(os.path.join(TEMPLATES, "ch2.nii.gz")))
    aal = nib.as_closest_canonical(nib.load(os.path.join(TEMPLATES, "aal.nii.gz")))
    assert np.allclose(t1.affine, aal.affine) and t1.shape == aal.shape
    image = np.asarray(t1.dataobj)
    regions = np.asarray(aal.dataobj).astype(int)
    lobe = lobe_of_region()
    nx, ny, nz = image.shape
    half = PATCH // 2
    centres = {"train": [[] for _ in LOBES], "test": [[] for _ in LOBES]}
    for z in range(nz):
        if z % SLAB >= USED:
            continue
        split = "train" if (z // SLAB) % 2 == 0 else "test"
        for x in range(half, nx - half + 1, STRIDE):
            for y in range(half, ny - half + 1, STRIDE):
                k = lobe.get(regions[x, y, z])
                if k is not None:
                    centres[split][k].append((x, y, z))
    counts = {}
    for split, per_class in (("train", TRAIN_PER_CLASS), ("test", TEST_PER_CLASS)):
        counts[split] = {}
        for k, (name, _) in enumerate(LOBES):
            folder = os.path.join(out, split, name)
            os.makedirs(folder, exist_ok=True)
            chosen = rng.permutation(len(centres[split][k]))[:per_class]
            for i in chosen:
                write_patch(folder, image, *centres[split][k][i])
            counts[split][name] = int(len(chosen))
    pool = [c for per_class in centres["train"] for c in per_class]
    folder = os.path.join(out, "unlabeled")
    os.makedirs(folder, exist_ok=True)
    chosen = rng.permutation(len(pool))[:UNLABELED]
    for i in chosen:
        write_patch(folder, image, *pool[i])
    counts["unlabeled"] = int(len(chosen))
    protocol = {"source": ["ch2.nii.gz (Colin27 T1)", "aal.nii.gz (AAL)"], "patch": PATCH, "stride": STRIDE,
                "slabs": {"size": SLAB, "used": USED, "train": "even slabs", "test": "odd slabs"},
                "classes": [name for name, _ in LOBES], "seed": seed, "counts": counts}
    with open(os.path.join(out, "protocol.json"), "w") as f:
        json.dump(protocol, f, indent=2)
    print(json.dumps(counts))


def write_patch(folder, image, x, y, z):
    half = PATCH // 2
    block = image[x - half:x + half, y - half:y + half, z]   # [x, y]
    display = block.T[::-1, :]   # rows: y from anterior (top) down; columns: x toward the subject's right
    png(os.path.join(folder, f"z{z:03d}_y{y:03d}_x{x:03d}.png"), np.clip(display, 0, 255))


if __name__ == "__main__":
    main(sys.argv[1:])

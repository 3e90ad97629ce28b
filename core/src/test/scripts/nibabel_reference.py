#!/usr/bin/python3
"""Reference values for NiftiAgainstNibabelTest, computed by nibabel (Debian python3-nibabel).

usage: nibabel_reference.py --fixtures DIR    writes small NIfTI-1 files that exercise what real files here do not
                                              (scaling, both byte orders, every data type, qform-only rotations, no
                                              affine at all, 4-D), seeded
       nibabel_reference.py FILE...           one JSON object per line and file, on stdout

For every file: the original axis codes, and the shape and SHA-256 of the volume nibabel's as_closest_canonical
gives (get_fdata: scl_slope/scl_inter applied), as little-endian float32 with x fastest (Fortran order) — what
selfsup4j's NiftiReader keeps. Files nibabel cannot read are reported with its error.
"""
import gzip
import hashlib
import json
import os
import struct
import sys
import warnings

import numpy as np
import nibabel as nib


def fixtures(folder):
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(7)

    def save(name, data, affine, qform_only=False, no_affine=False, slope=None, inter=None, order="<"):
        header = nib.Nifti1Header(endianness=order)
        header.set_data_dtype(data.dtype)
        img = nib.Nifti1Image(data, None, header)
        if no_affine:
            img.header.set_qform(None, code=0)
            img.header.set_sform(None, code=0)
            img.header.set_zooms((2.0, 3.0, 4.0)[: data.ndim] + (1.0,) * (data.ndim - 3))
        elif qform_only:
            img.header.set_qform(affine, code=1)
            img.header.set_sform(None, code=0)
        else:
            img.header.set_sform(affine, code=2)
            img.header.set_qform(affine, code=2)
        path = os.path.join(folder, name)
        plain = path[:-3] if path.endswith(".gz") else path
        nib.save(img, plain)
        if slope is not None:  # nibabel recomputes the scaling on save: write it into the header afterwards
            with open(plain, "r+b") as f:
                f.seek(112)
                f.write(struct.pack(order + "ff", slope, inter))
        if plain != path:
            with open(plain, "rb") as f, open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as g:
                g.write(f.read())
            os.remove(plain)

    las = np.diag([-2.0, 2.0, 2.0, 1.0])
    # voxel axes: i -> anterior, j -> superior (flipped: inferior), k -> right; a rotation, qform only
    rotated = np.array([[0, 0, 1.5, 0], [1.0, 0, 0, 0], [0, -1.2, 0, 0], [0, 0, 0, 1]])
    oblique = np.array([[0.94, -0.34, 0, 0], [0.34, 0.94, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])
    save("scaled-int16.nii", rng.integers(-3000, 3000, (7, 6, 5)).astype(np.int16), las, slope=0.5, inter=-100.0)
    save("big-endian-uint16.nii.gz", rng.integers(0, 65535, (5, 7, 6)).astype(np.uint16), rotated, qform_only=True,
         order=">")
    save("no-affine-float64.nii", rng.normal(0, 1000, (4, 5, 6)), None, no_affine=True)
    save("int8.nii", rng.integers(-128, 127, (6, 5, 4)).astype(np.int8), oblique)
    save("uint8-scaled.nii.gz", rng.integers(0, 255, (5, 5, 5)).astype(np.uint8), las, slope=2.0, inter=10.0)
    save("int32.nii", rng.integers(-2**31, 2**31 - 1, (4, 4, 3)).astype(np.int32), las)
    save("uint32.nii", rng.integers(0, 2**32 - 1, (4, 3, 3)).astype(np.uint32), rotated, qform_only=True)
    save("float32-4d.nii.gz", rng.normal(50, 20, (5, 4, 3, 2)).astype(np.float32), las)


def digest(path):
    img = nib.load(path)
    canonical = nib.as_closest_canonical(img)
    data = np.asarray(canonical.get_fdata(), dtype=np.float64).astype("<f4")
    return {"axes": "".join(nib.aff2axcodes(img.affine)), "shape": list(data.shape),
            "sha256": hashlib.sha256(data.tobytes(order="F")).hexdigest()}


def main(args):
    warnings.simplefilter("ignore")
    if args[:1] == ["--fixtures"]:
        fixtures(args[1])
        return
    for path in args:
        out = {"file": path}
        try:
            out.update(ok=True, **digest(path))
        except Exception as e:  # any failure: nibabel cannot read this file
            out.update(ok=False, error=type(e).__name__ + ": " + str(e)[:200])
        print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])

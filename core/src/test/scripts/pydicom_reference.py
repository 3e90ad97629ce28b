#!/usr/bin/python3
"""Reference values for DicomAgainstPydicomTest, computed by pydicom (Debian python3-pydicom).

usage: pydicom_reference.py FILE...   (one JSON object per line and file, on stdout)

For every file pydicom decodes: the shape, and SHA-256 digests of the stored values (pixel_array) and of the values
after the modality rescale (apply_modality_lut), each as little-endian float64 in selfsup4j's order: frame by frame,
channel-major (all of channel 0, then 1, then 2), rows top to bottom. Files pydicom cannot decode are reported with
its error, so the test knows which files both readers can decode.
"""
import hashlib
import json
import sys
import warnings

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import apply_modality_lut


def digest(values, frames, rows, columns, samples):
    a = np.asarray(values, dtype=np.float64).reshape(frames, rows, columns, samples).transpose(0, 3, 1, 2)
    return hashlib.sha256(np.ascontiguousarray(a).astype('<f8').tobytes()).hexdigest()


def main(paths):
    warnings.simplefilter("ignore")
    for path in paths:
        out = {"file": path}
        try:
            ds = pydicom.dcmread(path)
            stored = ds.pixel_array
            frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
            samples = int(getattr(ds, "SamplesPerPixel", 1))
            rows, columns = int(ds.Rows), int(ds.Columns)
            out.update(ok=True, shape=[frames, samples, rows, columns],
                       transfer_syntax=str(getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", "")),
                       stored_sha256=digest(stored, frames, rows, columns, samples),
                       modality_sha256=digest(apply_modality_lut(stored, ds), frames, rows, columns, samples))
        except Exception as e:  # any failure: pydicom cannot decode this file
            out.update(ok=False, error=type(e).__name__ + ": " + str(e)[:200])
        print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])

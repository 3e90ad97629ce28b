package org.selfsup4j.core.data.medical;

/** Which frames of a multi-frame DICOM file become images: every frame (the default) or only the first. */
public enum FrameChoice {
    ALL, FIRST
}

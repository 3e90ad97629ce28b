package org.selfsup4j.core.data;

/** What to do with an image's channels when reading it. */
public enum ChannelPolicy {
    /** Keep the file's channels (gray → 1, colour → 3); every image must then have the same count. */
    KEEP,
    /** Convert to one channel (luma 0.299 R + 0.587 G + 0.114 B). */
    GRAY,
    /** Convert to three channels (gray is replicated). */
    RGB
}

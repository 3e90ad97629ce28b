package org.selfsup4j.backbones;

/**
 * {@code reference-cnn}: conv 3×3·w → BN → ReLU → conv 3×3·2w stride 2 → BN → ReLU → conv 3×3·4w stride 2 → BN →
 * ReLU → global average pooling (padding 1, no conv bias). With the default {@code width=32} it is the network of
 * the peer benchmark (about 93k parameters), so its speed compares directly with PyTorch's. Any channel count and size.
 */
public final class ReferenceCnnFactory extends ThreeBlockCnnFactory {
    public static final String NAME = "reference-cnn";

    public ReferenceCnnFactory() {
        super(NAME, "3 conv-BN-ReLU layers (32, 64/2, 128/2) + global average pooling; the peer benchmark's network", false, 1);
    }
}

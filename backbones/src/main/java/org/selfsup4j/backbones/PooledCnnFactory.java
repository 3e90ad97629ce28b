package org.selfsup4j.backbones;

/**
 * {@code pooled-cnn}: {@code reference-cnn} with each stride-2 convolution replaced by 2×2 max pooling followed by a
 * stride-1 convolution: conv 3×3·w → BN → ReLU → max-pool → conv 3×3·2w → BN → ReLU → max-pool → conv 3×3·4w → BN →
 * ReLU → global average pooling. Same parameters (about 93k at {@code width=32}) and the same multiply-adds, but each
 * feature sees 18×18 pixels instead of 9×9, which matters when classes differ in overall shape.
 */
public final class PooledCnnFactory extends ThreeBlockCnnFactory {
    public static final String NAME = "pooled-cnn";

    public PooledCnnFactory() {
        super(NAME, "reference-cnn with 2x2 max pooling instead of strided convolutions: same cost, 18x18 receptive field", true);
    }
}

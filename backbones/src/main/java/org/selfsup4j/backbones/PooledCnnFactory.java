package org.selfsup4j.backbones;

/**
 * {@code pooled-cnn}: {@code reference-cnn} with each stride-2 convolution replaced by 2×2 max pooling followed by a
 * stride-1 convolution, and by default two 3×3 conv → BN → ReLU layers per block ({@code depth=2}, a VGG-style
 * network: about 288k parameters at {@code width=32}, a 32×32 receptive field). With {@code depth=1} it is conv
 * 3×3·w → BN → ReLU → max-pool → conv 3×3·2w → BN → ReLU → max-pool → conv 3×3·4w → BN → ReLU → global average
 * pooling: the reference CNN's parameters (about 93k) and multiply-adds, but each feature sees 18×18 pixels instead
 * of 9×9, which matters when classes differ in overall shape. Depth 2 is the default since 2026-12-02: on
 * Fashion-MNIST it led depth 1 with all labels in equal CPU minutes and in every newcomer run at 100 labels (README,
 * "Which network"), at about twice the time per step.
 */
public final class PooledCnnFactory extends ThreeBlockCnnFactory {
    public static final String NAME = "pooled-cnn";

    public PooledCnnFactory() {
        super(NAME, "conv-BN-ReLU blocks (32, 64, 128 channels; depth 2 layers each) with 2x2 max pooling between them + global average pooling", true, 2);
    }
}

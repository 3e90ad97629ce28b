package org.selfsup4j.cli;

/**
 * The backbone {@code pretrain}, {@code semisup} and {@code compare} train when no {@code --backbone} is given:
 * {@code pooled-cnn} at its default depth 2, chosen by the backbone sweep and the newcomer runs (README "Which
 * network"): the highest accuracy with all labels in equal CPU minutes and at 100 labels on every seed, at about
 * twice the reference CNN's time per step. {@code bench train} keeps {@code reference-cnn}, the peer benchmark's
 * network, as the speed yardstick.
 */
final class DefaultBackbone {
    static final String NAME = "pooled-cnn";

    private DefaultBackbone() {
    }
}

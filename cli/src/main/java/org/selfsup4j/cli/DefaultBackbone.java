package org.selfsup4j.cli;

/**
 * The backbone {@code pretrain}, {@code semisup} and {@code compare} train when no {@code --backbone} is given:
 * {@code pooled-cnn}, chosen by the backbone sweep (bench/backbone-sweep.sh, README "Which network"): at the
 * reference CNN's cost per step it reaches a higher accuracy with all labels and with 100. {@code bench train} keeps
 * {@code reference-cnn}, the peer benchmark's network, as the speed yardstick.
 */
final class DefaultBackbone {
    static final String NAME = "pooled-cnn";

    private DefaultBackbone() {
    }
}

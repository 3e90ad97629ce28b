package org.selfsup4j.augment;

import java.util.List;
import org.selfsup4j.augment.policy.ColourMode;
import org.selfsup4j.augment.policy.FixMatchOps;
import org.selfsup4j.augment.policy.RandAugment;
import org.selfsup4j.augment.policy.UdaOps;
import org.selfsup4j.core.spi.AugmenterFactory;

/**
 * The RandAugment policies:
 * <ul>
 * <li>{@code randaugment-uda}: UDA's — 2 of its 15 operations ({@link UdaOps}), each with probability 0.5 at a level
 *     drawn from 1..9, then Cutout of half the image side (16 px on 32 px CIFAR, as UDA's {@code cutout_numpy}).
 *     Fill 0.5 (UDA fills with the data set mean).</li>
 * <li>{@code randaugment-fixmatch}: FixMatch's — 2 of its 14 operations ({@link FixMatchOps}), probability 0.5, level
 *     1..9, then Cutout of half the side filled with 0.5 (127/255 in the reference code); geometric fill 0.</li>
 * <li>{@code randaugment}: Cubuk et al.'s — {@code n} UDA operations at the fixed level {@code m} (0-10), each always
 *     applied ({@code p} 1), no Cutout unless {@code cutout} &gt; 0.</li>
 * </ul>
 * Settings: {@code n} (1-10), {@code p} (0-1), {@code cutout} (share of the side, 0 = none), {@code fill},
 * {@code colour-free} (auto | true | false; auto leaves saturation out on 1-channel images).
 */
final class PolicyFactories {
    private PolicyFactories() {
    }

    static List<AugmenterFactory> all() {
        return List.of(
                new NamedAugmenterFactory("randaugment-uda", "UDA's RandAugment: 2 of 15 ops, p 0.5, level 1-9, then Cutout", c -> {
                    float fill = (float) Settings.number(c, "fill", 0.5, 0, 1);
                    return new RandAugment(UdaOps.all(fill), ColourMode.parse(c.getString("colour-free", "auto")),
                            Settings.whole(c, "n", 2, 1, 10), Settings.probability(c, 0.5), null,
                            Settings.number(c, "cutout", 0.5, 0, 1), fill);
                }),
                new NamedAugmenterFactory("randaugment-fixmatch", "FixMatch's RandAugment: 2 of 14 ops, p 0.5, level 1-9, then Cutout", c -> {
                    float fill = (float) Settings.number(c, "fill", 0, 0, 1);
                    return new RandAugment(FixMatchOps.all(fill), ColourMode.parse(c.getString("colour-free", "auto")),
                            Settings.whole(c, "n", 2, 1, 10), Settings.probability(c, 0.5), null,
                            Settings.number(c, "cutout", 0.5, 0, 1), (float) Settings.number(c, "cutout-fill", 0.5, 0, 1));
                }),
                new NamedAugmenterFactory("randaugment", "RandAugment(n, m): n UDA ops at fixed level m (0-10)", c -> {
                    float fill = (float) Settings.number(c, "fill", 0.5, 0, 1);
                    return new RandAugment(UdaOps.all(fill), ColourMode.parse(c.getString("colour-free", "auto")),
                            Settings.whole(c, "n", 2, 1, 10), Settings.probability(c, 1),
                            Settings.number(c, "m", 9, 0, 10), Settings.number(c, "cutout", 0, 0, 1), fill);
                }));
    }
}

package org.selfsup4j.augment;

import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.core.spi.AugmenterFactory;
import org.selfsup4j.core.spi.SslPlugin;

/** Registers the built-in augmenters, through the same {@code META-INF/services} door as any plugin. */
public final class BuiltinAugmentersPlugin implements SslPlugin {
    @Override
    public List<AugmenterFactory> augmenterFactories() {
        List<AugmenterFactory> all = new ArrayList<>(List.of(new HorizontalFlipFactory(), new PadCropFactory()));
        all.addAll(ViewFactories.all());
        all.addAll(OperationFactories.all());
        all.addAll(CorruptionFactories.all());
        all.addAll(PolicyFactories.all());
        return all;
    }
}

package org.selfsup4j.backbones;

import java.util.List;
import org.selfsup4j.core.spi.BackboneFactory;
import org.selfsup4j.core.spi.SslPlugin;

/** Registers the built-in backbones, through the same {@code META-INF/services} door as any plugin. */
public final class BuiltinBackbonesPlugin implements SslPlugin {
    @Override
    public List<BackboneFactory> backboneFactories() {
        return List.of(new ReferenceCnnFactory(), new PooledCnnFactory(), new SmallResNetFactory());
    }
}

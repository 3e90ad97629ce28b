package org.selfsup4j.pretext;

import java.util.List;
import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.spi.SslPlugin;
import org.selfsup4j.pretext.colorization.ColorizationTaskFactory;
import org.selfsup4j.pretext.corruption.CorruptionTaskFactory;
import org.selfsup4j.pretext.inpainting.InpaintingTaskFactory;
import org.selfsup4j.pretext.jigsaw.JigsawTaskFactory;
import org.selfsup4j.pretext.relpos.RelativePositionTaskFactory;
import org.selfsup4j.pretext.restoration.RestorationTaskFactory;
import org.selfsup4j.pretext.rotation.RotationTaskFactory;
import org.selfsup4j.pretext.simclr.SimclrTaskFactory;

/** Registers the built-in pretext tasks, through the same {@code META-INF/services} door as any plugin. */
public final class BuiltinPretextPlugin implements SslPlugin {
    @Override
    public List<PretextTaskFactory> pretextTaskFactories() {
        return List.of(new RotationTaskFactory(), new JigsawTaskFactory(), new RelativePositionTaskFactory(),
                new CorruptionTaskFactory(), new InpaintingTaskFactory(), new RestorationTaskFactory(),
                new SimclrTaskFactory(), new ColorizationTaskFactory());
    }
}

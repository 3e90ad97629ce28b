package org.selfsup4j.pretext.rotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.Geometry;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.HeadBuilder;
import org.selfsup4j.core.spi.PerExample;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;

/**
 * Rotation prediction: class k means the input is the image turned k × 90° counter-clockwise. Needs square images
 * (a quarter turn must keep the network's input shape).
 */
final class RotationTask implements PretextTask {
    static final int CLASSES = 4;

    private final boolean allRotations;

    RotationTask(boolean allRotations) {
        this.allRotations = allRotations;
    }

    @Override
    public InputShape inputShape(InputShape imageShape) {
        if (imageShape.height() != imageShape.width()) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "The rotation task needs square images, got "
                    + imageShape.height() + "x" + imageShape.width() + " (resize them: --resize HxW)",
                    imageShape.toString(), List.of(), null);
        }
        return imageShape;
    }

    @Override
    public void addHead(HeadBuilder head) {
        head.linear(head.features(), head.featureSize(), CLASSES);
    }

    @Override
    public String defaultLoss() {
        return "cross-entropy";
    }

    @Override
    public Map<String, Object> describe(InputShape imageShape) {
        return Map.of("classes", List.of("0 degrees", "90 degrees counter-clockwise", "180 degrees",
                "270 degrees counter-clockwise"), "all_rotations", allRotations);
    }

    @Override
    public PretextBatch makeBatch(List<Image> images, Random random) {
        int copies = allRotations ? CLASSES : 1;
        List<Image> inputs = new ArrayList<>(images.size() * copies);
        int[] labels = new int[images.size() * copies];
        int n = 0;
        for (Image image : images) {
            inputShape(image.shape());
            for (int j = 0; j < copies; j++) {
                int k = allRotations ? j : random.nextInt(CLASSES);
                inputs.add(Geometry.rotate90(image, k));
                labels[n++] = k;
            }
        }
        return PretextBatch.single(inputs, PerExample.classes(labels, CLASSES));
    }
}

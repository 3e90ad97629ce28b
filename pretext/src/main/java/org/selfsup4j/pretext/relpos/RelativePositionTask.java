package org.selfsup4j.pretext.relpos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.HeadBuilder;
import org.selfsup4j.core.spi.PerExample;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.pretext.patches.Patches;

/**
 * Relative position (Doersch et al., 2015): the centre patch of a 3×3 grid and one of its 8 neighbours go through
 * one backbone (2 inputs per example, folded into the batch axis); their features side by side, a hidden layer and a
 * linear layer tell which of the 8 places the second patch came from (class k: {@link RelativePositionGeometry#ROWS},
 * {@link RelativePositionGeometry#COLS}, reading order). Each patch is jittered independently; colour patches pass a
 * {@link ChromaticGuard}.
 */
final class RelativePositionTask implements PretextTask {
    static final int PLACES = 8;

    private final int hidden;
    private final ChromaticGuard guard;

    RelativePositionTask(int hidden, ChromaticGuard guard) {
        this.hidden = hidden;
        this.guard = guard;
    }

    @Override
    public InputShape inputShape(InputShape imageShape) {
        RelativePositionGeometry g = RelativePositionGeometry.of(imageShape);
        return new InputShape(imageShape.channels(), g.patch(), g.patch());
    }

    @Override
    public int inputsPerExample() {
        return 2;
    }

    @Override
    public void addHead(HeadBuilder head) {
        head.concatenatedMlp("relpos_fc", hidden, PLACES);
    }

    @Override
    public String defaultLoss() {
        return "cross-entropy";
    }

    @Override
    public PretextBatch makeBatch(List<Image> images, Random random) {
        List<Image> inputs = new ArrayList<>(2 * images.size());
        int[] labels = new int[images.size()];
        for (int n = 0; n < images.size(); n++) {
            Image image = images.get(n);
            RelativePositionGeometry g = RelativePositionGeometry.of(image.shape());
            labels[n] = random.nextInt(PLACES);
            inputs.add(patch(image, g, 1, 1, random));
            inputs.add(patch(image, g, RelativePositionGeometry.ROWS[labels[n]], RelativePositionGeometry.COLS[labels[n]], random));
        }
        return new PretextBatch(inputs, 2, PerExample.classes(labels, PLACES), null);
    }

    private Image patch(Image image, RelativePositionGeometry g, int row, int col, Random random) {
        int y = g.y(row) + jitter(g.jitter(), random);
        int x = g.x(col) + jitter(g.jitter(), random);
        return guard.apply(Patches.crop(image, y, x, g.patch(), g.patch()), random);
    }

    private static int jitter(int max, Random random) {
        return max == 0 ? 0 : random.nextInt(2 * max + 1) - max;
    }

    @Override
    public Map<String, Object> describe(InputShape imageShape) {
        Map<String, Object> m = new LinkedHashMap<>(RelativePositionGeometry.of(imageShape).describe());
        m.put("classes", List.of("top-left", "top", "top-right", "left", "right", "bottom-left", "bottom", "bottom-right"));
        m.put("chromatic_guard", imageShape.channels() == 3 ? guard.name().toLowerCase() : "none (gray images)");
        return m;
    }
}

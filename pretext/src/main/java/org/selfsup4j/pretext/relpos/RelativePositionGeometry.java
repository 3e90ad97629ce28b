package org.selfsup4j.pretext.relpos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.pretext.patches.Patches;

/**
 * Where the two patches of a relative-position example come from in an image of a given size, scaled from Doersch et
 * al. (2015): 96-px patches on a grid of 144-px steps (a 48-px gap) with up to 7 px of jitter. Here the centred 3×3
 * grid has cells of ⌊min(H, W)/3⌋ pixels; a patch is round(2/3 · cell) square, centred in its cell, moved by up to
 * round(7/48 · gap) pixels each way, so neighbouring patches never touch and no patch leaves the image.
 *
 * @param cell side of a grid cell
 * @param patch side of a patch
 * @param jitter largest shift of a patch from its cell's centre, each way
 * @param top first row of the grid
 * @param left first column of the grid
 */
public record RelativePositionGeometry(int cell, int patch, int jitter, int top, int left) {
    /** The 8 neighbours of the centre cell, in reading order: class k is at (ROWS[k], COLS[k]) of the 3×3 grid. */
    static final int[] ROWS = {0, 0, 0, 1, 1, 2, 2, 2};
    static final int[] COLS = {0, 1, 2, 0, 2, 0, 1, 2};

    /** The geometry for images of {@code shape}; a clear error if they are too small. */
    public static RelativePositionGeometry of(InputShape shape) {
        int cell = Math.min(shape.height(), shape.width()) / 3;
        int patch = (int) Math.round(cell * 2.0 / 3.0);
        if (patch < Patches.MIN_SIDE) {
            int min = 3 * minCell();
            throw new SelfSupException(ErrorCode.IMAGE_TOO_SMALL, "relative-position needs images of at least " + min + "x"
                    + min + " pixels (patches of " + Patches.MIN_SIDE + " px or more in a 3x3 grid), got " + shape
                    + "; use --resize", shape.toString(), List.of(min + "x" + min), null);
        }
        int gap = cell - patch;
        int jitter = Math.min(gap / 2, (int) Math.round(gap * 7.0 / 48.0));
        return new RelativePositionGeometry(cell, patch, jitter, (shape.height() - 3 * cell) / 2,
                (shape.width() - 3 * cell) / 2);
    }

    static int minCell() {
        int cell = 1;
        while (Math.round(cell * 2.0 / 3.0) < Patches.MIN_SIDE) {
            cell++;
        }
        return cell;
    }

    /** Top row of the patch in grid cell (row, col) before jitter. */
    public int y(int row) {
        return top + row * cell + (cell - patch) / 2;
    }

    /** Left column of the patch in grid cell (row, col) before jitter. */
    public int x(int col) {
        return left + col * cell + (cell - patch) / 2;
    }

    /** For run.json. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", cell);
        m.put("patch", patch + "x" + patch);
        m.put("gap", cell - patch);
        m.put("jitter", jitter);
        return m;
    }
}

package org.selfsup4j.pretext.jigsaw;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.pretext.patches.Patches;

/**
 * Where jigsaw tiles come from in an image of a given size, scaled from the paper's 225-pixel crop (3×3 cells of 75
 * px, 64-px tiles placed at random inside their cell, so up to 11 px of jitter and a gap between neighbours): cells
 * of ⌊H/g⌋ × ⌊W/g⌋ pixels over the centred g×g grid, square tiles of round(64/75 · the smaller cell side), each at a
 * uniformly random offset inside its cell, and, for colour images, each channel shifted by up to
 * round(2/64 · tile) pixels more (the paper's ±2 px chromatic jitter), kept inside the image.
 *
 * @param grid tiles per side
 * @param cellHeight height of a cell
 * @param cellWidth width of a cell
 * @param tile side of a tile
 * @param top first row of the grid (the grid is centred)
 * @param left first column of the grid
 * @param channelJitter largest extra per-channel shift (colour images; 0 for gray)
 */
public record JigsawGeometry(int grid, int cellHeight, int cellWidth, int tile, int top, int left, int channelJitter) {
    /** The geometry for images of {@code shape}; a clear error if they are too small for the grid. */
    public static JigsawGeometry of(InputShape shape, int grid) {
        int cellH = shape.height() / grid;
        int cellW = shape.width() / grid;
        int tile = (int) Math.round(Math.min(cellH, cellW) * 64.0 / 75.0);
        if (tile < Patches.MIN_SIDE) {
            int minSide = grid * minCell();
            throw new SelfSupException(ErrorCode.IMAGE_TOO_SMALL, "jigsaw with a " + grid + "x" + grid + " grid needs images"
                    + " of at least " + minSide + "x" + minSide + " pixels (tiles of " + Patches.MIN_SIDE + " px or more), got "
                    + shape + (grid > 2 ? "; use grid=2 for smaller images or --resize" : "; use --resize"),
                    shape.toString(), List.of(minSide + "x" + minSide), null);
        }
        int channelJitter = shape.channels() == 3 ? (int) Math.round(2.0 * tile / 64.0) : 0;
        return new JigsawGeometry(grid, cellH, cellW, tile, (shape.height() - grid * cellH) / 2,
                (shape.width() - grid * cellW) / 2, channelJitter);
    }

    /** The smallest cell whose tile is at least {@link Patches#MIN_SIDE}. */
    static int minCell() {
        int cell = 1;
        while (Math.round(cell * 64.0 / 75.0) < Patches.MIN_SIDE) {
            cell++;
        }
        return cell;
    }

    /** Tiles per image. */
    public int tiles() {
        return grid * grid;
    }

    /** Largest offset of a tile inside its cell, vertically. */
    public int jitterY() {
        return cellHeight - tile;
    }

    /** Largest offset of a tile inside its cell, horizontally. */
    public int jitterX() {
        return cellWidth - tile;
    }

    /** The top-left pixel {y, x} of the tile of cell (row, col), drawn uniformly inside the cell. */
    public int[] origin(int row, int col, Random random) {
        return new int[] {top + row * cellHeight + random.nextInt(jitterY() + 1),
                left + col * cellWidth + random.nextInt(jitterX() + 1)};
    }

    /** For run.json. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grid", grid + "x" + grid);
        m.put("cell", cellHeight + "x" + cellWidth);
        m.put("tile", tile + "x" + tile);
        m.put("jitter", jitterY() + "x" + jitterX());
        m.put("channel_jitter", channelJitter);
        return m;
    }
}

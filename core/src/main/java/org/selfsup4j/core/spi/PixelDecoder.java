package org.selfsup4j.core.spi;

import java.util.List;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.nd4j.linalg.activations.Activation;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.InputShape;

/**
 * The decoder head of the pixel-predicting tasks (inpainting, restoration, colorization): from the backbone's
 * {@link Backbone#FEATURE_MAP} back up to the input's full resolution. A 1×1 convolution first halves the channels;
 * each stage then doubles the height and/or width (nearest-neighbour {@code Upsampling2D}) and a 3×3 convolution halves
 * the channels again (at least 16), with batch norm and ReLU, so the decoder costs about what the backbone costs. The number of doublings per axis is the rounded log2 of input over map size; the few rows or columns left
 * over are zero-padded or cropped, and a last 3×3 convolution (identity activation) gives the output channels, so
 * the output is exactly the input's height × width for any size (28, 32, an odd 29 ...). The first stage reads the
 * feature map with the pooled {@link Backbone#FEATURES} broadcast to every position beside it (global context, the
 * role of the context encoder's channel-wise fully connected bottleneck), so the whole backbone, pooled features
 * included, trains. Plain DL4J layers and vertices only: a
 * saved pretext network loads without selfsup4j. The decoder is dropped with the rest of the head at fine-tuning.
 */
public final class PixelDecoder {
    /** Smallest feature map side the decoder starts from: a 1×1 map holds no spatial layout to decode. */
    public static final int MIN_MAP_SIDE = 2;
    /** Fewest channels a decoder stage keeps. */
    static final int MIN_CHANNELS = 16;

    private PixelDecoder() {
    }

    /**
     * Adds the decoder after {@link HeadBuilder#featureMap()} and returns the name of its last vertex: {@code channels}
     * values per pixel at the input's height and width, ready for {@link HeadBuilder#pixelOutput}. Fails with
     * {@link ErrorCode#IMAGE_TOO_SMALL}, naming the input size and the smallest that works with this backbone, if the
     * feature map is smaller than {@value #MIN_MAP_SIDE}×{@value #MIN_MAP_SIDE}.
     */
    public static String add(HeadBuilder head, String task, int channels) {
        return add(head, task, channels, head.inputShape().height(), head.inputShape().width());
    }

    /**
     * As {@link #add(HeadBuilder, String, int)}, but to {@code outHeight × outWidth} instead of the input's size (for a
     * task that predicts at a lower resolution, as colorization at a quarter of the side).
     */
    public static String add(HeadBuilder head, String task, int channels, int outHeight, int outWidth) {
        InputShape input = head.inputShape();
        InputShape in = new InputShape(channels, outHeight, outWidth);
        InputShape map = head.featureMapShape();
        if (map.height() < MIN_MAP_SIDE || map.width() < MIN_MAP_SIDE) {
            String minimum = minimumSide(head, input) + "x" + minimumSide(head, input);
            throw new SelfSupException(ErrorCode.IMAGE_TOO_SMALL, task + "'s decoder needs a feature map of at least "
                    + MIN_MAP_SIDE + "x" + MIN_MAP_SIDE + ", but this backbone turns " + input.height() + "x"
                    + input.width() + " inputs into " + map.height() + "x" + map.width() + "; use images of at least "
                    + minimum + " pixels (--resize) or a backbone that downsamples less", input.height() + "x" + input.width(),
                    List.of(minimum), null);
        }
        int upY = doublings(in.height(), map.height());
        int upX = doublings(in.width(), map.width());
        head.graph().addVertex("decoder_global", new ReshapeVertex(-1, head.featureSize(), 1, 1), head.features());
        head.graph().addLayer("decoder_broadcast", new Upsampling2D.Builder()
                .size(new int[] {map.height(), map.width()}).build(), "decoder_global");
        head.graph().addVertex("decoder_in", new MergeVertex(), head.featureMap(), "decoder_broadcast");
        int width = Math.max(MIN_CHANNELS, map.channels() / 2);
        head.graph().addLayer("decoder_reduce", new ConvolutionLayer.Builder(1, 1).nIn(map.channels()
                + head.featureSize()).nOut(width).activation(Activation.IDENTITY).hasBias(false).build(), "decoder_in");
        head.graph().addLayer("decoder_reduce_bn", new BatchNormalization.Builder().nOut(width)
                .activation(Activation.RELU).build(), "decoder_reduce");
        String last = "decoder_reduce_bn";
        int h = map.height();
        int w = map.width();
        for (int stage = 0; stage < Math.max(upY, upX); stage++) {
            int fy = stage < upY ? 2 : 1;
            int fx = stage < upX ? 2 : 1;
            h *= fy;
            w *= fx;
            int next = Math.max(MIN_CHANNELS, width / 2);
            String up = "decoder_up" + stage;
            head.graph().addLayer(up, new Upsampling2D.Builder().size(new int[] {fy, fx}).build(), last);
            head.graph().addLayer("decoder_conv" + stage, new ConvolutionLayer.Builder(3, 3).nIn(width).nOut(next)
                    .padding(1, 1).activation(Activation.IDENTITY).hasBias(false).build(), up);
            head.graph().addLayer("decoder_bn" + stage, new BatchNormalization.Builder().nOut(next)
                    .activation(Activation.RELU).build(), "decoder_conv" + stage);
            last = "decoder_bn" + stage;
            width = next;
        }
        int dy = in.height() - h;
        int dx = in.width() - w;
        if (dy != 0 || dx != 0) {
            last = fitSize(head, last, dy, dx);
        }
        head.graph().addLayer("decoder_out", new ConvolutionLayer.Builder(3, 3).nIn(width).nOut(channels)
                .padding(1, 1).activation(Activation.IDENTITY).build(), last);
        return "decoder_out";
    }

    /**
     * The smallest square side whose feature map is at least {@value #MIN_MAP_SIDE} on both axes, found through the
     * builder's {@link HeadBuilder#featureMapShapeFor}; without it, an estimate from this size's downsampling.
     */
    static int minimumSide(HeadBuilder head, InputShape input) {
        for (int side = Math.max(input.height(), input.width()); side <= 4096; side++) {
            InputShape probe = new InputShape(input.channels(), side, side);
            var map = head.featureMapShapeFor(probe);
            if (map.isEmpty()) {
                InputShape here = head.featureMapShape();
                int stride = Math.max(1, Math.max(input.height() / Math.max(1, here.height()),
                        input.width() / Math.max(1, here.width())));
                return MIN_MAP_SIDE * stride;
            }
            if (map.get().height() >= MIN_MAP_SIDE && map.get().width() >= MIN_MAP_SIDE) {
                return side;
            }
        }
        return 4096;
    }

    /** Doublings that take {@code map} closest to {@code input} (rounded log2 of the ratio, at least 0). */
    static int doublings(int input, int map) {
        return (int) Math.max(0, Math.round(Math.log((double) input / map) / Math.log(2)));
    }

    private static String fitSize(HeadBuilder head, String from, int dy, int dx) {
        String last = from;
        if (dy > 0 || dx > 0) {
            int py = Math.max(0, dy);
            int px = Math.max(0, dx);
            head.graph().addLayer("decoder_pad", new ZeroPaddingLayer.Builder(py / 2, py - py / 2, px / 2, px - px / 2)
                    .build(), last);
            last = "decoder_pad";
        }
        if (dy < 0 || dx < 0) {
            int cy = Math.max(0, -dy);
            int cx = Math.max(0, -dx);
            head.graph().addLayer("decoder_crop", new Cropping2D(cy / 2, cy - cy / 2, cx / 2, cx - cx / 2), last);
            last = "decoder_crop";
        }
        return last;
    }
}

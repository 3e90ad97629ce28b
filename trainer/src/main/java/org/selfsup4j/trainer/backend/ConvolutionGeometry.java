package org.selfsup4j.trainer.backend;

/**
 * The shapes of one 2-D convolution in NCHW, as oneDNN describes it: batch, input and output channels and sizes,
 * kernel, strides, the padding on all four sides and the dilation (DL4J counts an undilated kernel as dilation 1,
 * oneDNN as 0: {@link #oneDnnDilation()} converts). Used as the key of {@link OneDnnConvolutionBackward}'s prepared
 * primitives, so equal geometries share them.
 *
 * @param batch         images in the batch
 * @param inChannels    input channels
 * @param inHeight      input height
 * @param inWidth       input width
 * @param outChannels   output channels
 * @param kernelHeight  kernel height
 * @param kernelWidth   kernel width
 * @param outHeight     output height
 * @param outWidth      output width
 * @param strideHeight  vertical stride
 * @param strideWidth   horizontal stride
 * @param padTop        rows of zeros above
 * @param padLeft       columns of zeros to the left
 * @param padBottom     rows of zeros below (as many as the output height needs; negative when the last input rows
 *                      are not covered, as oneDNN counts it)
 * @param padRight      columns of zeros to the right (likewise)
 * @param dilationHeight DL4J's vertical dilation (1: none)
 * @param dilationWidth  DL4J's horizontal dilation (1: none)
 * @param bias          whether the layer has a bias
 */
public record ConvolutionGeometry(long batch, long inChannels, long inHeight, long inWidth, long outChannels,
                                  long kernelHeight, long kernelWidth, long outHeight, long outWidth,
                                  int strideHeight, int strideWidth, int padTop, int padLeft, int padBottom,
                                  int padRight, int dilationHeight, int dilationWidth, boolean bias) {

    /**
     * The geometry of a convolution of an NCHW {@code input} with OIHW {@code weights} giving an NCHW output of
     * {@code outputShape}, with DL4J's top-left {@code padding} (for {@code Same} mode, the padding DL4J computed);
     * the bottom and right padding are what the output size needs: {@code (out - 1) * stride + (k - 1) * dilation + 1
     * - in - padTopOrLeft}, negative when the output leaves the last input rows or columns out (DL4J's
     * {@code Truncate} mode with a stride that does not divide; oneDNN accepts it). Null if the shapes do not fit
     * together (ranks, channels, batch).
     */
    public static ConvolutionGeometry of(long[] input, long[] weights, long[] outputShape, int[] strides,
                                         int[] padding, int[] dilation, boolean bias) {
        if (input.length != 4 || weights.length != 4 || outputShape.length != 4) {
            return null;
        }
        int padBottom = (int) ((outputShape[2] - 1) * strides[0] + (weights[2] - 1) * dilation[0] + 1 - input[2]
                - padding[0]);
        int padRight = (int) ((outputShape[3] - 1) * strides[1] + (weights[3] - 1) * dilation[1] + 1 - input[3]
                - padding[1]);
        if (input[1] != weights[1] || outputShape[1] != weights[0]
                || input[0] != outputShape[0]) {
            return null;
        }
        return new ConvolutionGeometry(input[0], input[1], input[2], input[3], weights[0], weights[2], weights[3],
                outputShape[2], outputShape[3], strides[0], strides[1], padding[0], padding[1], padBottom, padRight,
                dilation[0], dilation[1], bias);
    }

    /** {@code [batch, inChannels, inHeight, inWidth]}. */
    public long[] inputDims() {
        return new long[] {batch, inChannels, inHeight, inWidth};
    }

    /** {@code [outChannels, inChannels, kernelHeight, kernelWidth]}. */
    public long[] weightDims() {
        return new long[] {outChannels, inChannels, kernelHeight, kernelWidth};
    }

    /** {@code [batch, outChannels, outHeight, outWidth]}. */
    public long[] outputDims() {
        return new long[] {batch, outChannels, outHeight, outWidth};
    }

    /** {@code [strideHeight, strideWidth]}. */
    public long[] strides() {
        return new long[] {strideHeight, strideWidth};
    }

    /** oneDNN's dilation: DL4J's less one, {@code [0, 0]} for an ordinary kernel. */
    public long[] oneDnnDilation() {
        return new long[] {dilationHeight - 1L, dilationWidth - 1L};
    }

    /** {@code [padTop, padLeft]}. */
    public long[] padBefore() {
        return new long[] {padTop, padLeft};
    }

    /** {@code [padBottom, padRight]}. */
    public long[] padAfter() {
        return new long[] {padBottom, padRight};
    }
}

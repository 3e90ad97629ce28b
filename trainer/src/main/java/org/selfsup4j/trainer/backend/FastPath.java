package org.selfsup4j.trainer.backend;

import java.util.Properties;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Switches on DL4J's fast CPU path: the oneDNN layer helpers for convolution, batch norm and pooling. In DL4J
 * 1.0.0-M2.1 they are off unless the system property {@value #HELPERS_DISABLE_PROPERTY} is {@code false}, and even
 * then are never created because of a renamed class (see {@code org.nd4j.nativeblas.Nd4jCpu}, our shim). Every
 * selfsup4j entry point that builds a network calls {@link #enable()}; pass {@code -Dselfsup.fastpath=false} to run
 * DL4J's default path instead (for comparison). Also sets FP32 as the default data type.
 */
public final class FastPath {
    /** DL4J's switch: helpers are disabled unless this is "false". */
    public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    /** Our switch: "false" keeps DL4J's default (helpers off) path. */
    public static final String FAST_PATH_PROPERTY = "selfsup.fastpath";

    private FastPath() {
    }

    /** Applies the choice of {@value #FAST_PATH_PROPERTY} (default on); idempotent; returns whether helpers are allowed. */
    public static synchronized boolean enable() {
        boolean wanted = !"false".equalsIgnoreCase(System.getProperty(FAST_PATH_PROPERTY, "true"));
        System.setProperty(HELPERS_DISABLE_PROPERTY, String.valueOf(!wanted));
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        return wanted;
    }

    /** Forces DL4J's default path (helpers off) for networks initialised from now on. */
    public static synchronized void disable() {
        System.setProperty(FAST_PATH_PROPERTY, "false");
        enable();
    }

    /** True if networks initialised now get oneDNN helpers: property set, CPU backend, oneDNN build. */
    public static boolean isActive() {
        return "false".equals(System.getProperty(HELPERS_DISABLE_PROPERTY)) && BaseMKLDNNHelper.mklDnnEnabled();
    }

    /**
     * True if networks built through selfsup4j get oneDNN helpers: the fast path is not switched off with
     * {@value #FAST_PATH_PROPERTY} and the native build has oneDNN. Unlike {@link #isActive()} this does not depend on
     * whether {@link #enable()} has run yet, so a run folder written before its network is built records it rightly.
     */
    public static boolean isChosen() {
        return !"false".equalsIgnoreCase(System.getProperty(FAST_PATH_PROPERTY, "true")) && BaseMKLDNNHelper.mklDnnEnabled();
    }

    /** One line for logs and run.json: backend, BLAS, oneDNN helpers of networks built by selfsup4j, OpenMP threads. */
    public static String describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        return "backend=" + env.getOrDefault("backend", "?") + " blas=" + env.getOrDefault("blas.vendor", "?")
                + " onednn_helpers=" + (isChosen() ? "on" : "off") + " omp_threads=" + env.getOrDefault("omp.threads", "?");
    }
}

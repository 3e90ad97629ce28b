package org.selfsup4j.trainer.backend;

import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Loader;

/**
 * Whether JavaCPP's oneDNN build ({@code org.bytedeco:dnnl}, the library {@link FastConvolutionHelper} calls; not the
 * copy inside libnd4j) loads on this machine, and its version. Loaded once; a platform without its native library
 * (it ships for x86-64 Linux, macOS and Windows) simply keeps DL4J's convolution helper.
 */
public final class OneDnn {
    private static final String VERSION = load();

    private OneDnn() {
    }

    /** True if the native library loaded. */
    public static boolean isAvailable() {
        return VERSION != null;
    }

    /** "major.minor.patch", or null if it did not load. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try {
            Loader.load(dnnl.class);
            dnnl_version_t v = dnnl.dnnl_version();
            return v.major() + "." + v.minor() + "." + v.patch();
        } catch (Throwable e) {   // UnsatisfiedLinkError, NoClassDefFoundError: no build for this platform
            return null;
        }
    }
}

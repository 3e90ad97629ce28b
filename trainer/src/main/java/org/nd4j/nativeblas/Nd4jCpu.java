package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Compatibility shim for DL4J 1.0.0-M2.1's oneDNN layer helpers. {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} and calls {@code isUseMKLDNN()}, but M2.1 moved that class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method {@code isUseONEDNN()},
 * so without this class no oneDNN helper is ever created. This class answers to the old name and forwards to the new
 * one by reflection (so nothing here needs the CPU backend at compile time); where the new class is absent (the CUDA
 * backend) it answers {@code false}. Used only by DL4J, never by selfsup4j code.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The old environment singleton, forwarding to the new one. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();
        private static final String NEW_CLASS = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** True if the native CPU backend was built with oneDNN and has it switched on. */
        public boolean isUseMKLDNN() {
            try {
                Class<?> env = Class.forName(NEW_CLASS);
                Object instance = env.getMethod("getInstance").invoke(null);
                Method useOneDnn = env.getMethod("isUseONEDNN");
                return (Boolean) useOneDnn.invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}

package org.selfsup4j.core.image;

/**
 * sRGB ↔ CIE L*a*b* under the D65 white point (2° observer), as IEC 61966-2-1 and CIE 15 define them: sRGB values in
 * [0, 1] are linearised, taken to XYZ with the sRGB primaries' matrix, divided by the D65 white (0.95047, 1, 1.08883)
 * and mapped with the CIE cube-root function. L is in [0, 100]; a and b are about ±110 for sRGB colours. The same
 * formulas as scikit-image's {@code rgb2lab} / {@code lab2rgb}.
 */
public final class CieLab {
    private static final double XN = 0.95047;
    private static final double YN = 1.0;
    private static final double ZN = 1.08883;
    private static final double DELTA = 6.0 / 29.0;
    /** Linear sRGB → XYZ (IEC 61966-2-1's primaries, D65). */
    private static final double[][] TO_XYZ = {
        {0.4124564, 0.3575761, 0.1804375},
        {0.2126729, 0.7151522, 0.0721750},
        {0.0193339, 0.1191920, 0.9503041}};
    /** Its exact inverse (computed, not the rounded published one, so that conversions round-trip). */
    private static final double[][] TO_RGB = inverse(TO_XYZ);

    private CieLab() {
    }

    /** {@code {L, a, b}} of the sRGB colour (r, g, b), each in [0, 1]. */
    public static double[] fromRgb(double r, double g, double b) {
        double lr = linear(r);
        double lg = linear(g);
        double lb = linear(b);
        double x = (TO_XYZ[0][0] * lr + TO_XYZ[0][1] * lg + TO_XYZ[0][2] * lb) / XN;
        double y = (TO_XYZ[1][0] * lr + TO_XYZ[1][1] * lg + TO_XYZ[1][2] * lb) / YN;
        double z = (TO_XYZ[2][0] * lr + TO_XYZ[2][1] * lg + TO_XYZ[2][2] * lb) / ZN;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    /** {@code {r, g, b}} of (L, a, b), not clipped: values outside [0, 1] mean the colour is outside sRGB. */
    public static double[] toRgb(double l, double a, double b) {
        double fy = (l + 16) / 116;
        double x = XN * fInverse(fy + a / 500);
        double y = YN * fInverse(fy);
        double z = ZN * fInverse(fy - b / 200);
        double lr = TO_RGB[0][0] * x + TO_RGB[0][1] * y + TO_RGB[0][2] * z;
        double lg = TO_RGB[1][0] * x + TO_RGB[1][1] * y + TO_RGB[1][2] * z;
        double lb = TO_RGB[2][0] * x + TO_RGB[2][1] * y + TO_RGB[2][2] * z;
        return new double[] {gamma(lr), gamma(lg), gamma(lb)};
    }

    /** L of a gray level v in [0, 1] (r = g = b = v). */
    public static double lightnessOfGray(double v) {
        return 116 * f(linear(v)) - 16;
    }

    /** The inverse of a 3×3 matrix (adjugate over determinant). */
    static double[][] inverse(double[][] m) {
        double[][] inv = new double[3][3];
        double det = 0;
        for (int j = 0; j < 3; j++) {
            det += m[0][j] * (m[1][(j + 1) % 3] * m[2][(j + 2) % 3] - m[1][(j + 2) % 3] * m[2][(j + 1) % 3]);
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                inv[j][i] = (m[(i + 1) % 3][(j + 1) % 3] * m[(i + 2) % 3][(j + 2) % 3]
                        - m[(i + 1) % 3][(j + 2) % 3] * m[(i + 2) % 3][(j + 1) % 3]) / det;
            }
        }
        return inv;
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double gamma(double c) {
        return c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
    }

    private static double f(double t) {
        return t > DELTA * DELTA * DELTA ? Math.cbrt(t) : t / (3 * DELTA * DELTA) + 4.0 / 29.0;
    }

    private static double fInverse(double t) {
        return t > DELTA ? t * t * t : 3 * DELTA * DELTA * (t - 4.0 / 29.0);
    }
}

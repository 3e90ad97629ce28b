import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU's backward pass on libnd4j, two ways, on the reference CNN's largest activation (batch 128, 32 x 28 x 28):
 * the relu_bp op DL4J's ActivationLayer runs, and the step function times the output gradient (two element-wise
 * passes) that FastReluLayer runs; the forward rectifier and a plain copy for scale. Milliseconds per call, 20 calls
 * per round, 6 rounds (the first is warm-up). Run it (a single-file Java program) with the CLI's class path:
 *
 *   java -cp "$(cat cli/target/launch-classpath.txt)" bench/ReluBackwardBench.java
 */
public class ReluBackwardBench {
    public static void main(String[] args) {
        long[] shape = {128, 32, 28, 28};
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.FLOAT, shape);
        INDArray dy = Nd4j.randn(DataType.FLOAT, shape);
        INDArray reluBp = Nd4j.create(DataType.FLOAT, shape);
        INDArray stepMul = Nd4j.create(DataType.FLOAT, shape);
        INDArray y = Nd4j.create(DataType.FLOAT, shape);
        int calls = 20;
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                Nd4j.getExecutioner().exec(new RectifiedLinearDerivative(x, dy, reluBp, 0.0));
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                Nd4j.getExecutioner().exec(new Step(x, stepMul, 0.0));
                Nd4j.getExecutioner().exec(new MulOp(stepMul, dy, stepMul));
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                Nd4j.getExecutioner().exec(new RectifiedLinear(x, y, 0.0));
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                y.assign(dy);
            }
            long t4 = System.nanoTime();
            System.out.printf("round %d: relu_bp %.2f ms, step x mul %.2f ms, relu forward %.2f ms, copy %.2f ms, same values %s%n",
                    round, (t1 - t0) / 1e6 / calls, (t2 - t1) / 1e6 / calls, (t3 - t2) / 1e6 / calls,
                    (t4 - t3) / 1e6 / calls, reluBp.equals(stepMul));
        }
    }
}

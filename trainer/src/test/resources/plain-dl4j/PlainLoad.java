import java.io.File;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A plain DL4J program, run by PlainDl4jLoadTest in a JVM whose class path holds DL4J and ND4J but no selfsup4j
 * class: loads a model.zip saved by selfsup4j, predicts on the saved inputs and prints the largest difference from
 * the predictions selfsup4j made. Arguments: model.zip inputs.bin expected.bin. Exit 0: loaded and predicted.
 */
public class PlainLoad {
    public static void main(String[] args) throws Exception {
        try {
            Class.forName("org.selfsup4j.trainer.backend.FastPath");
            System.out.println("selfsup4j classes are on this class path");
            System.exit(3);
        } catch (ClassNotFoundException expected) {
            // the point: plain DL4J only
        }
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(new File(args[0]), false);
        INDArray inputs = Nd4j.readBinary(new File(args[1]));
        INDArray expected = Nd4j.readBinary(new File(args[2]));
        INDArray got = graph.outputSingle(false, inputs);
        if (!java.util.Arrays.equals(got.shape(), expected.shape())) {
            System.out.println("shape " + java.util.Arrays.toString(got.shape()) + " expected "
                    + java.util.Arrays.toString(expected.shape()));
            System.exit(4);
        }
        System.out.println("max_abs_diff=" + got.sub(expected).amaxNumber().doubleValue());
    }
}

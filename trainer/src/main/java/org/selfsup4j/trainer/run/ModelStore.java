package org.selfsup4j.trainer.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.data.medical.IntensityWindow;
import org.selfsup4j.core.image.ImageConversion;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.trainer.backend.FastPath;
import org.selfsup4j.trainer.train.TrainedModel;

/**
 * Saves and loads models as DL4J model zips ({@code ModelSerializer}, with updater state, loadable by plain DL4J with
 * {@code ModelSerializer.restoreComputationGraph}). Extra zip entries hold the input shape, the class names and, for a
 * pretext network, its task, the input conversion and the intensity window of medical images (models saved before
 * those entries existed load with none and {@code auto}; as classifiers if they have class names).
 * Saving is atomic: a crash leaves the previous file or the new one, never a torn one.
 */
public final class ModelStore {
    static final String SHAPE_ENTRY = "selfsup4j-input-shape";
    static final String CLASSES_ENTRY = "selfsup4j-class-names";
    static final String PRETEXT_ENTRY = "selfsup4j-pretext-task";
    static final String CONVERSION_ENTRY = "selfsup4j-input-conversion";
    static final String WINDOW_ENTRY = "selfsup4j-intensity-window";

    private ModelStore() {
    }

    public static void save(TrainedModel model, Path file) throws IOException {
        AtomicFiles.write(file, tmp -> {
            ModelSerializer.writeModel(model.graph(), tmp.toFile(), true);
            ModelSerializer.addObjectToFile(tmp.toFile(), SHAPE_ENTRY, model.inputShape().toString());
            ModelSerializer.addObjectToFile(tmp.toFile(), CLASSES_ENTRY, String.join("\n", model.classNames()));
            ModelSerializer.addObjectToFile(tmp.toFile(), PRETEXT_ENTRY, model.pretextTask());
            ModelSerializer.addObjectToFile(tmp.toFile(), CONVERSION_ENTRY, model.conversion().id());
            ModelSerializer.addObjectToFile(tmp.toFile(), WINDOW_ENTRY, model.window().spec());
        });
    }

    /** Loads a model saved by {@link #save}; {@code path} may be the zip or a run folder holding {@code model.zip}. */
    public static TrainedModel load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(RunFolder.MODEL_FILE) : path;
        if (!Files.isRegularFile(file)) {
            throw new SelfSupException(ErrorCode.MISSING_PATH, "Model not found: " + file
                    + (Files.isDirectory(path) ? " (is " + path + " a run folder of pretrain or finetune?)" : ""),
                    file.toString(), List.of(), null);
        }
        FastPath.enable();
        try {
            ComputationGraph graph = ModelSerializer.restoreComputationGraph(file.toFile(), true);
            String shape = ModelSerializer.getObjectFromFile(file.toFile(), SHAPE_ENTRY);
            String classes = ModelSerializer.getObjectFromFile(file.toFile(), CLASSES_ENTRY);
            List<String> names = classes.isEmpty() ? List.of() : Arrays.asList(classes.split("\n"));
            String task = pretextTask(file, names);
            ImageConversion conversion = ImageConversion.ofId(entryOr(file, CONVERSION_ENTRY, ImageConversion.NONE.id()));
            IntensityWindow window = IntensityWindow.parse(entryOr(file, WINDOW_ENTRY, "auto"));
            long bad = nonFinite(graph);
            if (bad > 0) {
                throw new SelfSupException(ErrorCode.BAD_MODEL, "Model " + file + " has " + bad + " of " + graph.numParams()
                        + " weights that are NaN or infinite: its training diverged, and nothing it computes can be trusted",
                        file.toString(), List.of(), null);
            }
            return new TrainedModel(graph, InputShape.parse(shape), names, task, conversion, window);
        } catch (SelfSupException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SelfSupException(ErrorCode.BAD_MODEL, "Cannot load model " + file + ": " + e.getMessage()
                    + " (expected a model.zip written by selfsup4j)", file.toString(), List.of(), e);
        }
    }

    /** How many parameters of {@code graph} are NaN or infinite. */
    static long nonFinite(ComputationGraph graph) {
        INDArray p = graph.params();
        if (Double.isFinite(p.sumNumber().doubleValue())) {
            return 0;
        }
        long n = 0;
        for (float v : p.dup().data().asFloat()) {
            if (!Float.isFinite(v)) {
                n++;
            }
        }
        return Math.max(n, 1);
    }

    /** The entry {@code name}, or {@code absent} for models saved before it existed. */
    private static String entryOr(Path file, String name, String absent) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("objects/" + name) == null) {
                return absent;
            }
        }
        return ModelSerializer.getObjectFromFile(file.toFile(), name);
    }

    /** The pretext entry; for older models, which lack it, "pretext" when they have no class names. */
    private static String pretextTask(Path file, List<String> classNames) throws IOException {
        String task = entryOr(file, PRETEXT_ENTRY, null);
        return task != null ? task : classNames.isEmpty() ? "pretext" : "";
    }
}

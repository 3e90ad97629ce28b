package org.selfsup4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/** Checks on {@code --out} that need the command's inputs: a run must not write into the images it reads. */
final class OutputFolder {
    private OutputFolder() {
    }

    /**
     * Fails if {@code out} is one of the existing input folders or lies inside one ({@code inputs} that are not
     * existing paths, such as {@code fashion-mnist}, are ignored): the run's files would become part of the data.
     */
    static void requireOutside(Path out, String... inputs) {
        Path target = out.toAbsolutePath().normalize();
        for (String input : inputs) {
            if (input == null) {
                continue;
            }
            Path in = Path.of(input);
            if (!Files.isDirectory(in)) {
                continue;
            }
            Path folder = in.toAbsolutePath().normalize();
            if (target.startsWith(folder)) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "--out " + out + " is inside the input folder " + input
                        + ": the run's files would be read as data next time; choose a folder outside it",
                        out.toString(), List.of(), null);
            }
        }
    }
}

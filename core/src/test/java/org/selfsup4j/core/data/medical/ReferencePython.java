package org.selfsup4j.core.data.medical;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs Debian's python3, where the reference readers (python3-pydicom, python3-nibabel) live. */
final class ReferencePython {
    private ReferencePython() {
    }

    /** The output of {@code /usr/bin/python3 args...}; fails the test clearly when it (or the package) is missing. */
    static String run(String needs, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            fail("/usr/bin/python3 with " + needs + " is needed (apt-get install -y python3-" + needs
                    + "; .ci/run does): exit " + p.exitValue());
        }
        return out;
    }
}

package org.selfsup4j.core.data.medical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.SelfSupException;

/**
 * Our DICOM reader against pydicom (Debian python3-pydicom, which CI installs) on pydicom's own test files — real MR,
 * CT, CR, US, RT dose and secondary-capture files in many encodings. Every file both decode gives equal stored values
 * and equal values after the modality rescale, exactly (SHA-256 of the float64 values, computed by the committed
 * {@code src/test/scripts/pydicom_reference.py}); every file pydicom decodes and we do not is a JPEG-family one,
 * refused with a message that names the syntax; a file pydicom cannot decode we must refuse too.
 */
class DicomAgainstPydicomTest {
    private static final Pattern LINE = Pattern.compile("\\{\"file\": \"(.*?)\", \"ok\": (true|false)(.*)\\}");
    private static final Pattern FIELD = Pattern.compile("\"(stored_sha256|modality_sha256)\": \"([0-9a-f]+)\"");

    @Test
    void everyFileBothDecodeHasEqualValues() throws IOException, InterruptedException {
        Path testFiles = Path.of(ReferencePython.run("pydicom", "-c", "import os, pydicom; print(os.path.join(os.path.dirname("
                + "pydicom.__file__), 'data', 'test_files'))").trim());
        List<Path> files;
        try (Stream<Path> s = Files.walk(testFiles)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".py")).sorted().toList();
        }
        List<String> args = new ArrayList<>(List.of(Path.of("src/test/scripts/pydicom_reference.py").toString()));
        files.forEach(f -> args.add(f.toString()));
        Map<String, Map<String, String>> reference = new TreeMap<>();
        for (String line : ReferencePython.run("pydicom", args.toArray(String[]::new)).split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                Map<String, String> fields = new TreeMap<>();
                fields.put("ok", m.group(2));
                Matcher f = FIELD.matcher(m.group(3));
                while (f.find()) {
                    fields.put(f.group(1), f.group(2));
                }
                reference.put(m.group(1), fields);
            }
        }
        assertEquals(files.size(), reference.size(), "pydicom answered for every file");

        int equal = 0;
        List<String> refusedCompressed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            boolean pydicomDecodes = reference.get(file.toString()).get("ok").equals("true");
            DicomFile ours;
            try {
                ours = DicomReader.read(file);
            } catch (SelfSupException e) {
                assertTrue(e.getMessage().contains(file.toString()), "the error names the file: " + e.getMessage());
                if (pydicomDecodes) {
                    if (e.getMessage().contains("compressed")) {
                        refusedCompressed.add(file.getFileName().toString());
                    } else {
                        problems.add("pydicom decodes " + file + " but we refuse it: " + e.getMessage());
                    }
                }
                continue;
            }
            if (!pydicomDecodes) {
                problems.add("we decode " + file + " but pydicom cannot");
                continue;
            }
            Map<String, String> expected = reference.get(file.toString());
            List<double[]> modality = new ArrayList<>();
            for (int f = 0; f < ours.frames().size(); f++) {
                modality.add(ours.modalityValues(f));
            }
            if (!digest(ours.frames()).equals(expected.get("stored_sha256"))) {
                problems.add("stored values differ from pydicom's: " + file);
            } else if (!digest(modality).equals(expected.get("modality_sha256"))) {
                problems.add("rescaled values differ from pydicom's: " + file);
            } else {
                equal++;
            }
        }
        System.out.println("DICOM vs pydicom: " + files.size() + " files, " + equal + " equal, "
                + refusedCompressed.size() + " compressed refused " + refusedCompressed);
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
        assertTrue(equal >= 55, "pydicom's native and RLE files are all compared (57 on 2.3.1): " + equal);
    }

    private static String digest(List<double[]> frames) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (double[] frame : frames) {
                ByteBuffer bytes = ByteBuffer.allocate(8 * frame.length).order(ByteOrder.LITTLE_ENDIAN);
                for (double v : frame) {
                    bytes.putDouble(v);
                }
                sha.update(bytes.array());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

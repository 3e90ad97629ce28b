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
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.SelfSupException;

/**
 * Our NIfTI reader against nibabel (Debian python3-nibabel, which CI installs): on nibabel's own test volumes, the
 * mricron templates (the Colin27 MRI and its atlases) and fixtures nibabel writes for what those lack (scaling, big
 * endian, every data type, qform-only rotations, no affine, 4-D), the RAS+ volume equals nibabel's
 * {@code as_closest_canonical(img).get_fdata()} value for value (as float32) with the same shape and original axis
 * codes; a file nibabel reads and we refuse must be NIfTI-2 or not a volume, refused with its reason.
 */
class NiftiAgainstNibabelTest {
    private static final Pattern LINE = Pattern.compile("\\{\"file\": \"(.*?)\", \"ok\": (true|false)(.*)\\}");
    private static final Pattern AXES = Pattern.compile("\"axes\": \"([A-Z]+)\"");
    private static final Pattern SHAPE = Pattern.compile("\"shape\": \\[([0-9, ]+)\\]");
    private static final Pattern SHA = Pattern.compile("\"sha256\": \"([0-9a-f]+)\"");

    @TempDir
    Path dir;

    @Test
    void everyVolumeBothReadIsEqual() throws IOException, InterruptedException {
        Path fixtures = dir.resolve("fixtures");
        ReferencePython.run("nibabel", "src/test/scripts/nibabel_reference.py", "--fixtures", fixtures.toString());
        String nibabelData = ReferencePython.run("nibabel", "-c", "import os, nibabel; print(os.path.join(os.path.dirname(nibabel.__file__), "
                + "'tests', 'data'))").trim();
        List<Path> files = new ArrayList<>();
        for (Path folder : List.of(fixtures, Path.of(nibabelData), Path.of("/usr/share/mricron/templates"))) {
            assertTrue(Files.isDirectory(folder), folder + " (apt-get install -y python3-nibabel mricron-data)");
            try (Stream<Path> s = Files.list(folder)) {
                s.filter(NiftiReader::isNifti).sorted().forEach(files::add);
            }
        }
        List<String> args = new ArrayList<>(List.of("src/test/scripts/nibabel_reference.py"));
        files.forEach(f -> args.add(f.toString()));
        Map<String, String> reference = new TreeMap<>();
        for (String line : ReferencePython.run("nibabel", args.toArray(String[]::new)).split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                reference.put(m.group(1), m.group(2).equals("true") ? m.group(3) : null);
            }
        }
        assertEquals(files.size(), reference.size(), "nibabel answered for every file");
        int equal = 0;
        List<String> refused = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String expected = reference.get(file.toString());
            NiftiVolume ours;
            try {
                ours = NiftiReader.read(file);
            } catch (SelfSupException e) {
                refused.add(file.getFileName() + " (" + e.getMessage().replaceAll(".*: ", "") + ")");
                if (expected != null && !e.getMessage().contains("NIfTI-2") && !e.getMessage().contains("dim is")) {
                    problems.add("nibabel reads " + file + " but we refuse it: " + e.getMessage());
                }
                continue;
            }
            if (expected == null) {
                problems.add("we read " + file + " but nibabel cannot");
                continue;
            }
            String shape = ours.nx() + ", " + ours.ny() + ", " + ours.nz() + (ours.nt() > 1 ? ", " + ours.nt() : "");
            if (!group(SHAPE, expected).equals(shape)) {
                problems.add(file + ": shape " + shape + ", nibabel's " + group(SHAPE, expected));
            } else if (!group(AXES, expected).equals(ours.orientation())) {
                problems.add(file + ": axes " + ours.orientation() + ", nibabel's " + group(AXES, expected));
            } else if (!group(SHA, expected).equals(digest(ours.values()))) {
                problems.add(file + ": values differ from nibabel's");
            } else {
                equal++;
            }
        }
        System.out.println("NIfTI vs nibabel: " + files.size() + " files, " + equal + " equal, refused " + refused);
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
        assertTrue(equal >= 25, "the fixtures, nibabel's volumes and the templates are compared: " + equal);
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    private static String digest(float[] values) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                bytes.putFloat(v);
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

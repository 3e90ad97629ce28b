package com.example.vflip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.cli.Main;

/** Builds this plugin's jar, drops it in a plugins folder and uses it through the real CLI, as a user would. */
class PluginJarThroughTheCliTest {
    @TempDir
    Path dir;

    String out;
    String err;

    int run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return Main.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    /** Packs target/classes (the compiled plugin and its META-INF/services file) into a jar. */
    static Path buildJar(Path jar) throws IOException {
        Path classes = Path.of(System.getProperty("plugin.classes"));
        try (JarOutputStream zip = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void theDroppedJarIsListedAndItsTaskPretrains() throws IOException {
        // not on the class path: only the jar brings it
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.example.vflip.VerticalFlipPlugin"));
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        buildJar(plugins.resolve("vflip-plugin.jar"));

        assertEquals(0, run("plugins"));
        assertTrue(!out.contains("vflip"), "without --plugins the task is unknown");
        assertEquals(0, run("--plugins", plugins.toString(), "plugins"), err);
        String line = out.lines().filter(l -> l.contains("vflip")).findFirst().orElse("");
        assertTrue(line.startsWith("pretext task") && line.endsWith("vflip-plugin.jar"), out);

        Path images = Files.createDirectories(dir.resolve("images"));
        Random r = new Random(1);
        for (int i = 0; i < 12; i++) {
            BufferedImage img = new BufferedImage(12, 12, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 12; x++) {
                    img.getRaster().setSample(x, y, 0, y < 4 ? 250 : r.nextInt(60));
                }
            }
            ImageIO.write(img, "png", images.resolve(i + ".png").toFile());
        }
        for (String c : new String[] {"up", "down"}) {
            Path folder = Files.createDirectories(dir.resolve("labeled").resolve(c));
            for (int i = 0; i < 4; i++) {
                BufferedImage img = new BufferedImage(12, 12, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 12; y++) {
                    for (int x = 0; x < 12; x++) {
                        img.getRaster().setSample(x, y, 0, (y < 4) == c.equals("up") ? 250 : r.nextInt(60));
                    }
                }
                ImageIO.write(img, "png", folder.resolve(i + ".png").toFile());
            }
        }
        Path run = dir.resolve("run");
        assertEquals(0, run("--plugins", plugins.toString(), "pretrain", "--task", "vflip", "--data", images.toString(),
                "--steps", "30", "--batch", "8", "--out", run.toString()), err);
        assertTrue(Files.readString(run.resolve("run.json")).contains("\"task\": \"vflip\""));
        List<String> csv = Files.readAllLines(run.resolve("pretrain-metrics.csv"));
        assertEquals(31, csv.size());

        // the two-input task of the same jar pretrains, and its backbone fine-tunes on whole images
        Path halves = dir.resolve("halves");
        assertEquals(0, run("--plugins", plugins.toString(), "pretrain", "--task", "swapped-halves", "--data",
                images.toString(), "--steps", "10", "--batch", "8", "--out", halves.toString()), err);
        assertTrue(out.contains("pretext accuracy"), out);
        assertEquals(0, run("--plugins", plugins.toString(), "finetune", "--from", halves.toString(), "--protocol", "knn",
                "--k", "3", "--train", dir.resolve("labeled").toString(), "--test", dir.resolve("labeled").toString(),
                "--out", dir.resolve("knn").toString()), err);
    }

    /** A broken plugin jar fails at start, naming the jar or the class and where it is declared. */
    @Test
    void brokenPluginJarsAreNamed() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.write(empty.resolve("zero.jar"), new byte[0]);
        assertEquals(2, run("--plugins", empty.toString(), "plugins"));
        assertTrue(err.contains("zero.jar") && err.contains("cannot be read as a jar"), err);

        Path missing = Files.createDirectories(dir.resolve("missing"));
        try (JarOutputStream zip = new JarOutputStream(Files.newOutputStream(missing.resolve("ghost.jar")))) {
            zip.putNextEntry(new JarEntry("META-INF/services/org.selfsup4j.core.spi.SslPlugin"));
            zip.write("com.example.NoSuchPlugin\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertEquals(2, run("--plugins", missing.toString(), "plugins"));
        assertTrue(err.contains("com.example.NoSuchPlugin") && err.contains("ghost.jar"), err);

        Path twice = Files.createDirectories(dir.resolve("twice"));
        buildJar(twice.resolve("vflip-1.0.jar"));
        buildJar(twice.resolve("vflip-1.1.jar"));
        assertEquals(2, run("--plugins", twice.toString(), "plugins"));
        assertTrue(err.contains("vflip-1.0.jar") && err.contains("vflip-1.1.jar") && err.contains("two copies"), err);
    }
}

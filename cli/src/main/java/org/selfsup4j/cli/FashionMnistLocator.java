package org.selfsup4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.trainer.run.AtomicFiles;

/**
 * Finds Fashion-MNIST for the quickstart: the folder given, else Debian's package folder, else (as root) installs the
 * package with apt-get, else downloads the four official files into {@code ~/.selfsup4j/fashion-mnist}, checking the
 * SHA-256 of their decompressed content. If all of that fails it says exactly what to run.
 */
final class FashionMnistLocator {
    static final String OFFICIAL_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    /** SHA-256 of the decompressed IDX files (the same bytes however the .gz was compressed). */
    static final Map<String, String> SHA256 = Map.of(
            "train-images-idx3-ubyte.gz", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "train-labels-idx1-ubyte.gz", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "t10k-images-idx3-ubyte.gz", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "t10k-labels-idx1-ubyte.gz", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    private FashionMnistLocator() {
    }

    static Path locate(Path given, PrintStream log) {
        if (given != null) {
            if (!FashionMnist.isPresent(given)) {
                throw new SelfSupException(ErrorCode.DATA_UNAVAILABLE, "No Fashion-MNIST files in " + given
                        + " (expected train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-... )",
                        given.toString(), List.of(), null);
            }
            return given;
        }
        if (FashionMnist.isPresent(FashionMnist.DEBIAN_FOLDER)) {
            return FashionMnist.DEBIAN_FOLDER;
        }
        if (isRoot() && aptInstall(log) && FashionMnist.isPresent(FashionMnist.DEBIAN_FOLDER)) {
            return FashionMnist.DEBIAN_FOLDER;
        }
        Path cache = Path.of(System.getProperty("user.home"), ".selfsup4j", "fashion-mnist");
        if (FashionMnist.isPresent(cache)) {
            return cache;
        }
        try {
            download(cache, log);
            return cache;
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw new SelfSupException(ErrorCode.DATA_UNAVAILABLE, "Fashion-MNIST is not installed and could not be "
                    + "downloaded (" + e.getMessage() + "). Install it with: sudo apt-get install -y dataset-fashion-mnist"
                    + " (Debian/Ubuntu), or put the four files from " + OFFICIAL_URL + " in a folder and pass --data FOLDER",
                    null, List.of(), e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean aptInstall(PrintStream log) {
        log.println("Fashion-MNIST not found; installing the Debian package dataset-fashion-mnist ...");
        try {
            return run(List.of("apt-get", "update", "-qq")) == 0
                    && run(List.of("apt-get", "install", "-y", "-qq", "dataset-fashion-mnist")) == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor();
    }

    private static void download(Path folder, PrintStream log) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(java.time.Duration.ofSeconds(20)).build();
        for (Map.Entry<String, String> e : SHA256.entrySet()) {
            Path target = folder.resolve(e.getKey());
            if (Files.isRegularFile(target)) {
                continue;
            }
            log.println("downloading " + OFFICIAL_URL + e.getKey());
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(OFFICIAL_URL + e.getKey())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode() + " for " + e.getKey());
            }
            String actual = sha256OfGunzipped(r.body());
            if (!actual.equals(e.getValue())) {
                throw new IOException("checksum mismatch for " + e.getKey() + ": " + actual + ", expected " + e.getValue());
            }
            AtomicFiles.write(target, tmp -> Files.write(tmp, r.body()));
        }
    }

    static String sha256OfGunzipped(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

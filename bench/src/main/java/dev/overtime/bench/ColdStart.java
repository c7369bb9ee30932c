package dev.overtime.bench;

import dev.overtime.platform.server.Platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cold starts: a fresh function's first invoke, and a bare JVM start as its floor. */
final class ColdStart {
    private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");

    private ColdStart() {
    }

    /** Returns {invoke-to-response ms, Init Duration ms} for the first invoke of {@code function}. */
    static double[] measure(Platform platform, String function) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(platform.endpoint()
                            + "/2015-03-31/functions/" + function + "/invocations"))
                    .header("X-Amz-Log-Type", "Tail")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"cold\"}")).build();
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            double millis = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200 || response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
                throw new IllegalStateException("cold invoke failed: " + response.body());
            }
            String log = new String(Base64.getDecoder().decode(response.headers().firstValue("X-Amz-Log-Result")
                    .orElse("")), StandardCharsets.UTF_8);
            Matcher m = INIT.matcher(log);
            return new double[]{millis, m.find() ? Double.parseDouble(m.group(1)) : Double.NaN};
        }
    }

    /** Wall time of {@code java -version} with the flags Java functions start with. */
    static double[] bareJvmStarts(int n) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            out[i] = (System.nanoTime() - start) / 1e6;
        }
        return out;
    }
}

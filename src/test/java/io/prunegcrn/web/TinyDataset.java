package io.prunegcrn.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/** A small network uploaded over HTTP, so that a job started from a page trains in seconds. */
final class TinyDataset {

    private TinyDataset() {
    }

    /** 8 sensors, 150 steps, no coordinates; uploads with {@code apiKey} when not null. */
    static HttpResponse<String> upload(String base, String id, String roadGraph, String apiKey) throws Exception {
        String boundary = "----prunegcrn" + UUID.randomUUID();
        List<byte[]> parts = List.of(field(boundary, "id", null, id), field(boundary, "series", "series.csv", series(8, 150)),
                field(boundary, "roadGraph", "graph.csv", roadGraph), ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)).timeout(Duration.ofSeconds(60));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Whole-number counts of {@code sensors} stops over {@code steps} steps of {@code stepMinutes}, without a header row
     * (header=false), as a new user uploads an hourly bus network.
     */
    static HttpResponse<String> uploadCounts(String base, String id, int sensors, int steps, int stepMinutes) throws Exception {
        String boundary = "----prunegcrn" + UUID.randomUUID();
        Random rnd = new Random(5);
        StringBuilder csv = new StringBuilder();
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < sensors; i++) {
                csv.append(i == 0 ? "" : ",").append(Math.max(0, Math.round(20 + 15 * Math.sin(2 * Math.PI * (t + i) / 24.0) + 3 * rnd.nextGaussian())));
            }
            csv.append('\n');
        }
        List<byte[]> parts = List.of(field(boundary, "id", null, id), field(boundary, "header", null, "false"),
                field(boundary, "stepMinutes", null, Integer.toString(stepMinutes)),
                field(boundary, "series", "counts.csv", csv.toString()), ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)).timeout(Duration.ofSeconds(60)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] field(String boundary, String name, String filename, String value) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: text/csv") + "\r\n\r\n";
        return (head + value + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Sine waves with noise, one row per five-minute step. */
    private static String series(int sensors, int steps) {
        Random rnd = new Random(11);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sensors; i++) {
            sb.append(i == 0 ? "" : ",").append('s').append(i);
        }
        sb.append('\n');
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < sensors; i++) {
                double v = 50 + 10 * Math.sin(2 * Math.PI * (t + 3 * i) / 48.0) + rnd.nextGaussian();
                sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}

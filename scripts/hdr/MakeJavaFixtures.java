// Writes Tests/ReportTests/Fixtures/hdr/java-*.json: histograms encoded by HdrHistogram's
// Java original (the reference for the V2 format), with what Java reads back from them, so
// HistogramCodecTests can check that we decode Java's encoding, whose zero-run style (a lone
// empty bucket written as 0) differs from C's and Python's (-1).
//
// Usage (Debian: apt-get install libhdrhistogram-java, which ships HdrHistogram 2.1.11):
//   java -cp /usr/share/java/hdrhistogram.jar scripts/hdr/MakeJavaFixtures.java
//
// Not run by the tests: the fixtures it writes are checked in.
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

public class MakeJavaFixtures {
    static final String[] PERCENTILES = {"50", "90", "99", "99.9", "100"};

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("user.dir"), "Tests", "ReportTests", "Fixtures", "hdr");
        Files.createDirectories(out);
        long[][] latencySpan = {{1, 100}, {2, 50}, {3, 50}, {5, 50}, {7, 50}, {10, 100}, {999, 100}, {1000, 100},
            {1024, 50}, {2047, 50}, {2049, 50}, {4095, 50}, {100_000, 100}, {1_000_000, 50}, {10_000_000, 25}, {59_999_999, 20}, {60_000_000, 5}};
        write(out, "java-latency-span", "values from 1 µs to 60 s; lone empty buckets at 4 and 6 (written 0)",
            1, 60_000_000, 3, latencySpan);
        write(out, "java-large-counts", "bucket counts above 2^32", 1, 60_000_000, 3,
            new long[][] {{1500, 5_000_000_000L}, {20_000, 3_000_000_000L}, {750_000, 1_999_999_000L}, {30_000_000, 1000}});
        write(out, "java-empty", "nothing recorded (Java writes one count, 0)", 1, 60_000_000, 3, new long[][] {});
        write(out, "java-ns-lowest-1000", "other settings: nanoseconds, lowest 1000, up to 60 s", 1000, 60_000_000_000L, 3,
            new long[][] {{1000, 100}, {1500, 100}, {999_999, 300}, {2_000_000, 400}, {59_000_000_000L, 100}});
        write(out, "java-latency-typical", "5000 latencies around 2 ms from a fixed generator", 1, 60_000_000, 3,
            typicalLatencies(5000));
    }

    /** A fixed, roughly lognormal set of latencies in microseconds around 2 ms. */
    static long[][] typicalLatencies(int count) {
        java.util.Random random = new java.util.Random(7);
        TreeMap<Long, Long> counts = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            long value = Math.max(1, Math.round(2000 * Math.exp(0.6 * random.nextGaussian())));
            counts.merge(value, 1L, Long::sum);
        }
        long[][] pairs = new long[counts.size()][];
        int i = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) pairs[i++] = new long[] {e.getKey(), e.getValue()};
        return pairs;
    }

    static void write(Path out, String name, String note, long lowest, long highest, int digits, long[][] recorded) throws Exception {
        Histogram h = new Histogram(lowest, highest, digits);
        for (long[] pair : recorded) h.recordValueWithCount(pair[0], pair[1]);
        if (h.getTotalCount() % 1000 != 0) throw new IllegalStateException(name + ": total not a multiple of 1000");
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.rewind();
        buffer.get(bytes);

        StringBuilder json = new StringBuilder("{\n");
        field(json, "name", quote(name));
        field(json, "note", quote(note));
        field(json, "source", quote(String.format("Java HdrHistogram %s, new Histogram(%d, %d, %d).encodeIntoCompressedByteBuffer",
            Histogram.class.getPackage().getImplementationVersion(), lowest, highest, digits)));
        field(json, "lowestDiscernibleValue", Long.toString(lowest));
        field(json, "highestTrackableValue", Long.toString(highest));
        field(json, "significantDigits", Integer.toString(digits));
        field(json, "encoded", quote(Base64.getEncoder().encodeToString(bytes)));
        field(json, "totalCount", Long.toString(h.getTotalCount()));
        field(json, "min", Long.toString(h.getMinValue()));
        field(json, "max", Long.toString(h.getMaxValue()));
        List<String> percentiles = new ArrayList<>();
        for (String p : PERCENTILES) percentiles.add(quote(p) + ": " + h.getValueAtPercentile(Double.parseDouble(p)));
        field(json, "percentiles", "{" + String.join(", ", percentiles) + "}");
        List<String> pairs = new ArrayList<>();
        for (long[] pair : recorded) pairs.add("[" + pair[0] + ", " + pair[1] + "]");
        field(json, "recorded", "[" + String.join(", ", pairs) + "]");
        List<String> buckets = new ArrayList<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            buckets.add("[" + h.lowestEquivalentValue(v.getValueIteratedTo()) + ", " + v.getCountAtValueIteratedTo() + "]");
        }
        json.append("  \"buckets\": [").append(String.join(", ", buckets)).append("]\n}\n");
        Path path = out.resolve(name + ".json");
        Files.writeString(path, json.toString(), StandardCharsets.UTF_8);
        System.out.println("wrote " + path);
    }

    static void field(StringBuilder json, String key, String value) {
        json.append("  ").append(quote(key)).append(": ").append(value).append(",\n");
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

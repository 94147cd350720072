package dev.acpstream.topology.bench;

import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.topology.TestAudio;
import dev.acpstream.topology.TopologyHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Prints how many 1-s PCM chunks per second the chunk assembler handles in a TopologyTestDriver
 * (state serde, RocksDB stores, changelog capture, exactly-once commits) with the cheap
 * {@code WindowingProbe} extractor: the assembler's own overhead, without the 193-d features.
 * Run: {@code java -cp <test classpath> dev.acpstream.topology.bench.AssemblerThroughput [tracks] [seconds]}.
 */
public final class AssemblerThroughput {

  public static void main(String[] args) {
    int tracks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 70;
    float[] y = TestAudio.signal(seconds, 1);
    List<List<AudioChunk>> perTrack = new ArrayList<>();
    for (int t = 0; t < tracks; t++) {
      perTrack.add(TestAudio.chunks("bench-" + t, y));
    }
    try (TopologyHarness h = new TopologyHarness(new Properties())) {
      long start = System.nanoTime();
      int chunks = 0;
      for (int i = 0; i < perTrack.get(0).size(); i++) {
        for (List<AudioChunk> track : perTrack) {
          h.send(track.get(i));
          chunks++;
        }
      }
      double s = (System.nanoTime() - start) / 1e9;
      int segments = h.segments.readValuesToList().size();
      System.out.printf("tracks=%d audio=%ds chunks=%d segments=%d wall=%.2fs -> %.0f chunks/s (%.1f real-time streams)%n",
          tracks, seconds, chunks, segments, s, chunks / s, chunks / s);
    }
  }
}

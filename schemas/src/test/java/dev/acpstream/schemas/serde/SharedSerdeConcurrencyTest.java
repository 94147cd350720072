package dev.acpstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.acpstream.schemas.Samples;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** Kafka Streams shares one serde instance across its stream threads; it must be thread-safe. */
class SharedSerdeConcurrencyTest {

  @Test
  void oneSerdeUsedFromManyThreadsRoundTripsEveryRecord() throws Exception {
    Serde<AudioChunk> serde = Topics.MEDIA_AUDIO_CHUNKS.valueSerde(SerdeConfig.singleObject());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        final long thread = t;
        results.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < 500; i++) {
            AudioChunk chunk = AudioChunk.newBuilder(Samples.audioChunk())
                .setSeq(thread * 1_000_000 + i).setTrackId("track-" + thread).build();
            AudioChunk back = serde.deserializer().deserialize("media.audio-chunks",
                serde.serializer().serialize("media.audio-chunks", chunk));
            if (back.equals(chunk)) {
              ok++;
            }
          }
          return ok;
        }));
      }
      for (Future<Integer> f : results) {
        assertEquals(500, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

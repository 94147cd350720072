package dev.acpstream.deploy;

import dev.acpstream.core.audio.AudioDecoder;
import dev.acpstream.core.audio.AudioDecoders;
import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.core.audio.MusicFeatures193;
import dev.acpstream.core.audio.Resampler;
import dev.acpstream.core.audio.SegmentPlan;
import dev.acpstream.schemas.Keys;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.AudioEncoding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample songs as a live client sends them: decoded with core's pure-Java decoders, cut to
 * their first seconds, as 1-s mono PCM_S16LE {@link AudioChunk}s with {@code seq} from 0 and the
 * last marked end of stream; plus the segment keys the topology must emit for each.
 */
final class SongClips {

  /** One clip: its chunks in order and the output keys it must produce, once each. */
  record Clip(String trackId, Path file, List<AudioChunk> chunks, List<String> expectedKeys) {}

  private SongClips() {}

  /** The checkout's samples/audio/*.mp3. */
  static List<Path> sampleSongs() throws IOException {
    Path dir = Path.of(System.getProperty("acp.project.dir", "../..")).resolve("samples/audio");
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> songs = files.filter(p -> p.getFileName().toString().endsWith(".mp3")).sorted().toList();
      if (songs.isEmpty()) {
        throw new IllegalStateException("no .mp3 under " + dir.toAbsolutePath());
      }
      return songs;
    }
  }

  /** Each song's first {@code seconds}, under track ids {@code prefix + file name}. */
  static List<Clip> load(List<Path> songs, String prefix, double seconds) throws IOException {
    List<Clip> clips = new ArrayList<>();
    for (Path song : songs) {
      clips.add(clip(song, prefix + song.getFileName(), seconds));
    }
    return clips;
  }

  private static Clip clip(Path song, String trackId, double seconds) throws IOException {
    try (AudioDecoder decoder = AudioDecoders.open(song, DecodeLimits.DEFAULT)) {
      int rate = decoder.info().sampleRate();
      int channels = decoder.info().channels();
      if (channels != 1) {
        throw new IllegalStateException(song + " has " + channels + " channels; the soak sends mono clips");
      }
      float[] pcm = new float[(int) Math.floor(seconds * rate)];
      int n = 0;
      while (n < pcm.length) {
        int r = decoder.read(pcm, n, pcm.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
      pcm = Arrays.copyOf(pcm, n);
      List<AudioChunk> chunks = new ArrayList<>();
      for (int from = 0, seq = 0; from < n; from += rate, seq++) {
        int len = Math.min(rate, n - from);
        chunks.add(chunk(trackId, seq, rate, pcm, from, len, from + len >= n));
      }
      long modelSamples = new Resampler(rate, MusicFeatures193.SAMPLE_RATE).outputLength(n);
      List<String> keys = SegmentPlan.of(modelSamples).stream().map(s -> Keys.segment(trackId, s.index())).toList();
      return new Clip(trackId, song, List.copyOf(chunks), keys);
    }
  }

  private static AudioChunk chunk(String trackId, long seq, int rate, float[] pcm, int from, int len, boolean last) {
    ByteBuffer data = ByteBuffer.allocate(len * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = from; i < from + len; i++) {
      // The topology divides by 32768, so scale by the same.
      data.putShort((short) Math.max(-32768, Math.min(32767, Math.round(pcm[i] * 32768f))));
    }
    return AudioChunk.newBuilder()
        .setTrackId(trackId)
        .setPairingKey(trackId)
        .setSeq(seq)
        .setEncoding(AudioEncoding.PCM_S16LE)
        .setSampleRate(rate)
        .setChannels(1)
        .setData(data.flip())
        .setEndOfStream(last)
        .setProducedAt(Instant.now())
        .build();
  }
}

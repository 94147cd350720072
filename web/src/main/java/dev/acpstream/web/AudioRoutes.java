package dev.acpstream.web;

import dev.acpstream.core.audio.AudioStreamInfo;
import dev.acpstream.core.audio.DecodeLimits;
import dev.acpstream.schemas.Topics;
import dev.acpstream.schemas.avro.AudioChunk;
import dev.acpstream.schemas.avro.AudioEncoding;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Audio into the pipeline: a whole song uploaded (kept, decoded here and streamed as PCM chunks),
 * or raw PCM chunks a live source posts one by one; and the matched 60-s segment of a kept song
 * played back.
 */
final class AudioRoutes {

  private final MediaStore store;
  private final MediaProducers producers;
  private final AudioStreams streams;
  private final WebMetrics metrics;
  private final WebConfig config;

  AudioRoutes(MediaStore store, MediaProducers producers, AudioStreams streams, WebMetrics metrics, WebConfig config) {
    this.store = store;
    this.producers = producers;
    this.streams = streams;
    this.metrics = metrics;
    this.config = config;
  }

  void register(Javalin app) {
    app.post("/api/audio", this::upload);
    app.get("/api/audio/streams", ctx -> ctx.json(streams.all()));
    app.get("/api/audio/{trackId}/stream", this::streamStatus);
    app.post("/api/audio/{trackId}/chunks", this::chunk);
    app.get("/api/audio/{trackId}/segments/{index}", this::segment);
  }

  private void upload(Context ctx) throws Exception {
    try {
      UploadedFile file = Uploads.file(ctx, "file", config.maxAudioBytes(), "a song");
      String name = Uploads.name(file);
      if (file.size() == 0) {
        throw ApiException.badRequest(name, name + ": the file is empty");
      }
      if (file.size() > config.maxAudioBytes()) {
        throw ApiException.tooLarge(name, name + ": " + file.size() + " bytes is more than the "
            + config.maxAudioBytes() + " a song may have");
      }
      byte[] head = Uploads.head(file, 16);
      MediaSniffer.AudioType type = MediaSniffer.audio(head).orElseThrow(() -> ApiException.unsupported(name,
          name + ": not audio acp-stream reads (MP3, WAV, FLAC, Ogg Vorbis); the bytes look like "
              + MediaSniffer.describe(head)));
      String trackId = ImageRoutes.optionalId(ctx, "trackId", () -> Ids.fromFileName("track:", name));
      String pairingKey = ImageRoutes.optionalPairingKey(ctx);
      int chunkMs = intParam(ctx, "chunkMs", 1000, AudioChunkSender.MIN_CHUNK_MS, AudioChunkSender.MAX_CHUNK_MS);
      double speed = doubleParam(ctx, "speed", 0, 0, 1000);
      Path kept;
      try (InputStream in = file.content()) {
        kept = store.saveAudio(trackId, type, in);
      }
      AudioStreamInfo info;
      try {
        info = AudioChunkSender.probe(kept, DecodeLimits.DEFAULT);
      } catch (IOException e) {
        store.deleteAudio(trackId);
        throw ApiException.unsupported(name, name + ": cannot be decoded: " + e.getMessage());
      }
      AudioStreams.Status s = streams.start(kept, trackId, pairingKey, chunkMs, speed);
      metrics.countUpload("audio", "accepted");
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("trackId", trackId);
      body.put("pairingKey", pairingKey);
      body.put("codec", info.codec());
      body.put("sampleRate", info.sampleRate());
      body.put("channels", info.channels());
      body.put("state", s.state());
      body.put("streamUrl", "/api/audio/" + Views.enc(trackId) + "/stream");
      ctx.status(202).json(body);
    } catch (ApiException e) {
      metrics.countUpload("audio", "rejected");
      throw e;
    }
  }

  private void streamStatus(Context ctx) {
    String id = ctx.pathParam("trackId");
    AudioStreams.Status s = streams.status(id);
    if (s == null) {
      throw ApiException.notFound(id, "no song '" + id + "' was uploaded to this server since it started");
    }
    ctx.json(s);
  }

  /**
   * One raw PCM chunk of a live stream: the body is the samples, the query names their layout.
   * The topology orders chunks by seq, fills short gaps and closes the track on end=true.
   */
  private void chunk(Context ctx) {
    String trackId = checkedId("trackId", ctx.pathParam("trackId"));
    long seq = longParam(ctx, "seq");
    String enc = ctx.queryParam("encoding") == null ? "PCM_S16LE" : ctx.queryParam("encoding");
    AudioEncoding encoding;
    try {
      encoding = AudioEncoding.valueOf(enc);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("encoding", "encoding must be PCM_S16LE or PCM_F32LE, got '" + enc + "'");
    }
    if (encoding != AudioEncoding.PCM_S16LE && encoding != AudioEncoding.PCM_F32LE) {
      throw ApiException.badRequest("encoding", "live chunks are raw PCM: PCM_S16LE or PCM_F32LE, got " + enc);
    }
    int rate = intParam(ctx, "sampleRate", -1, 8000, 192_000);
    int channels = intParam(ctx, "channels", 1, 1, 8);
    boolean end = Boolean.parseBoolean(ctx.queryParam("end"));
    long declared = ctx.contentLength();
    if (declared > config.maxChunkBytes()) {
      throw ApiException.tooLarge("body", "a chunk may have at most " + config.maxChunkBytes() + " bytes, this one has "
          + declared);
    }
    byte[] data = ctx.bodyAsBytes();
    if (data.length > config.maxChunkBytes()) {
      throw ApiException.tooLarge("body", "a chunk may have at most " + config.maxChunkBytes() + " bytes, this one has "
          + data.length);
    }
    int frame = channels * (encoding == AudioEncoding.PCM_S16LE ? 2 : 4);
    if (data.length == 0 && !end) {
      throw ApiException.badRequest("body", "the chunk is empty (only the end=true marker may be)");
    }
    if (data.length % frame != 0) {
      throw ApiException.badRequest("body", data.length + " bytes is not a whole number of " + channels
          + "-channel " + encoding + " frames (" + frame + " bytes each)");
    }
    AudioChunk chunk = AudioChunk.newBuilder()
        .setTrackId(trackId)
        .setPairingKey(ImageRoutes.optionalPairingKey(ctx))
        .setSeq(seq)
        .setEncoding(encoding)
        .setSampleRate(rate)
        .setChannels(channels)
        .setData(ByteBuffer.wrap(data))
        .setEndOfStream(end)
        .setProducedAt(Instant.now())
        .build();
    RecordMetadata m = producers.send(Topics.MEDIA_AUDIO_CHUNKS, trackId, chunk);
    metrics.countProduced(Topics.MEDIA_AUDIO_CHUNKS.name(), 1);
    ctx.status(202).json(Map.of("trackId", trackId, "seq", seq, "partition", m.partition(), "offset", m.offset()));
  }

  private void segment(Context ctx) throws IOException {
    String trackId = ctx.pathParam("trackId");
    int index;
    try {
      index = Integer.parseInt(ctx.pathParam("index"));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("index", "segment index must be a whole number, got '" + ctx.pathParam("index") + "'");
    }
    if (index < 0) {
      throw ApiException.badRequest("index", "segment index must be >= 0, got " + index);
    }
    Path song = store.audio(trackId).orElseThrow(() -> ApiException.notFound(trackId, "the song '" + trackId
        + "' was not uploaded to this server, so its audio cannot be played (only its PCM chunks reached Kafka)"));
    byte[] wav;
    try {
      wav = SegmentAudio.wav(song, index, DecodeLimits.DEFAULT);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound(trackId + ":" + index, "segment " + index + " of '" + trackId + "': " + e.getMessage());
    }
    ctx.contentType("audio/wav");
    ctx.header("Cache-Control", "max-age=3600");
    ctx.result(wav);
  }

  private static String checkedId(String field, String v) {
    try {
      return Ids.check(field, v);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(field, e.getMessage());
    }
  }

  private static long longParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) {
      throw ApiException.badRequest(name, "query parameter '" + name + "' is required");
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw ApiException.badRequest(name, name + " must be >= 0, got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, name + " must be a whole number, got '" + v + "'");
    }
  }

  /** {@code dflt} when absent; a default of -1 makes the parameter required. */
  static int intParam(Context ctx, String name, int dflt, int min, int max) {
    String v = ImageRoutes.param(ctx, name);
    if (v == null || v.isBlank()) {
      if (dflt == -1) {
        throw ApiException.badRequest(name, "query parameter '" + name + "' is required");
      }
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < min || n > max) {
        throw ApiException.badRequest(name, name + " must be " + min + ".." + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, name + " must be a whole number, got '" + v + "'");
    }
  }

  static double doubleParam(Context ctx, String name, double dflt, double min, double max) {
    String v = ImageRoutes.param(ctx, name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      double d = Double.parseDouble(v.strip());
      if (!(d >= min && d <= max)) {
        throw ApiException.badRequest(name, name + " must be " + min + ".." + max + ", got " + v);
      }
      return d;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, name + " must be a number, got '" + v + "'");
    }
  }
}

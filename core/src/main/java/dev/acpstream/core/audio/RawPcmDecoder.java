package dev.acpstream.core.audio;

import java.io.IOException;
import java.io.InputStream;

/**
 * Headerless interleaved PCM (e.g. a producer's PCM_S16LE / PCM_F32LE chunk stream), whose rate
 * and layout come from outside. A trailing partial frame is an error: it means lost bytes.
 */
final class RawPcmDecoder extends BlockAudioDecoder {

  private static final int FRAMES_PER_BLOCK = 8192;

  private final InputStream in;
  private final PcmLayout layout;
  private final AudioStreamInfo info;
  private final byte[] bytes;
  private float[] mono = new float[FRAMES_PER_BLOCK];

  RawPcmDecoder(InputStream in, String source, PcmLayout layout, int sampleRate, DecodeLimits limits) {
    super(source, limits);
    if (sampleRate < Resampler.MIN_RATE || sampleRate > Resampler.MAX_RATE) {
      throw new IllegalArgumentException(source + ": unsupported sample rate " + sampleRate + " Hz");
    }
    this.in = in;
    this.layout = layout;
    String enc = layout.encoding() == PcmLayout.Encoding.FLOAT ? "float" : "PCM";
    this.info = new AudioStreamInfo("raw " + enc + " " + 8 * layout.bytesPerSample() + "-bit", sampleRate, layout.channels(), -1);
    this.bytes = new byte[FRAMES_PER_BLOCK * layout.bytesPerFrame()];
  }

  @Override
  public AudioStreamInfo info() {
    return info;
  }

  @Override
  protected boolean decodeMore() throws IOException {
    int got = in.readNBytes(bytes, 0, bytes.length);
    int frames = got / layout.bytesPerFrame();
    if (got % layout.bytesPerFrame() != 0) {
      throw new AudioDecodeException(source, "truncated PCM: the stream ends inside a frame (" + got % layout.bytesPerFrame()
          + " stray bytes after " + (emitted() + frames) + " frames)");
    }
    if (frames == 0) {
      return false;
    }
    layout.toMono(bytes, 0, frames, mono, 0);
    emit(mono, 0, frames);
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

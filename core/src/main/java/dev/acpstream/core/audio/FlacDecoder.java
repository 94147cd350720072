package dev.acpstream.core.audio;

import java.io.IOException;
import java.io.InputStream;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/** FLAC through JFLAC (org.jflac, LGPL-2.1), frame by frame. */
final class FlacDecoder extends BlockAudioDecoder {

  private final InputStream in;
  private final FLACDecoder flac;
  private final AudioStreamInfo info;
  private final float scale;
  private float[] mono = new float[4608];

  private FlacDecoder(InputStream in, FLACDecoder flac, String source, DecodeLimits limits, AudioStreamInfo info, int bits) {
    super(source, limits);
    this.in = in;
    this.flac = flac;
    this.info = info;
    this.scale = 1f / (1L << (bits - 1));
  }

  static FlacDecoder open(InputStream in, String source, DecodeLimits limits) throws IOException {
    FLACDecoder flac = new FLACDecoder(in);
    // JFLAC retries a bad frame header forever when the resync lands on the same bytes (found by
    // DecoderFuzzTest): every error it reports ends decoding instead, which is what a bad frame
    // already meant here.
    flac.addFrameListener(new FailOnError(source));
    StreamInfo si;
    try {
      flac.readMetadata();
      si = flac.getStreamInfo();
    } catch (IOException | RuntimeException e) {
      throw new AudioDecodeException(source, "corrupt or truncated FLAC header: " + e.getMessage(), e);
    }
    if (si == null) {
      throw new AudioDecodeException(source, "corrupt FLAC: no STREAMINFO block");
    }
    int rate = si.getSampleRate();
    if (rate < Resampler.MIN_RATE || rate > Resampler.MAX_RATE) {
      throw new AudioDecodeException(source, "unsupported FLAC sample rate " + rate + " Hz");
    }
    int bits = si.getBitsPerSample();
    if (bits < 4 || bits > 32) {
      throw new AudioDecodeException(source, "corrupt FLAC: " + bits + " bits per sample");
    }
    long total = si.getTotalSamples();
    long declared = total > 0 ? total : -1;
    if (declared > 0) {
      limits.check(source, declared, rate, "header declares");
    }
    AudioStreamInfo info = new AudioStreamInfo("FLAC " + bits + "-bit", rate, si.getChannels(), declared);
    return new FlacDecoder(in, flac, source, limits, info, bits);
  }

  @Override
  public AudioStreamInfo info() {
    return info;
  }

  @Override
  protected boolean decodeMore() throws IOException {
    Frame frame;
    try {
      frame = flac.readNextFrame();
    } catch (IOException | RuntimeException e) {
      throw new AudioDecodeException(source, "corrupt or truncated FLAC after " + emitted() + " frames: " + e.getMessage(), e);
    }
    if (flac.getBadFrames() > 0) {
      throw new AudioDecodeException(source, "corrupt or truncated FLAC: a frame failed to decode after " + emitted() + " samples");
    }
    if (frame == null) {
      if (info.declaredFrames() > 0 && emitted() < info.declaredFrames()) {
        throw new AudioDecodeException(
            source, String.format("truncated FLAC: header declares %d frames, the file ends after %d",
                info.declaredFrames(), emitted()));
      }
      return false;
    }
    int n = frame.header.blockSize;
    int channels = frame.header.channels;
    ChannelData[] data = flac.getChannelData();
    mono = ensure(mono, n);
    for (int i = 0; i < n; i++) {
      float sum = 0f;
      for (int c = 0; c < channels; c++) {
        sum += data[c].getOutput()[i] * scale;
      }
      mono[i] = channels == 1 ? sum : sum / channels;
    }
    emit(mono, 0, n);
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Turns JFLAC's error callback into an exception that leaves its retry loop. */
  private static final class FailOnError implements org.jflac.FrameListener {
    private final String source;

    FailOnError(String source) {
      this.source = source;
    }

    @Override
    public void processMetadata(org.jflac.metadata.Metadata metadata) {}

    @Override
    public void processFrame(Frame frame) {}

    @Override
    public void processError(String message) {
      throw new java.io.UncheckedIOException(new AudioDecodeException(source, "corrupt FLAC: " + message));
    }
  }
}

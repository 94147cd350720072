package dev.acpstream.core.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Ogg Vorbis through JOrbis (com.googlecode.soundlibs, LGPL), page by page. Only the first
 * logical stream is decoded. The end is trimmed to the last page's granule position, as
 * libvorbisfile does, since Vorbis' final block is padded.
 */
final class OggVorbisDecoder extends BlockAudioDecoder {

  private static final int READ_BYTES = 8192;

  private final InputStream in;
  private final SyncState sync = new SyncState();
  private final StreamState stream = new StreamState();
  private final Page page = new Page();
  private final Packet packet = new Packet();
  private final Info vorbis = new Info();
  private final Comment comment = new Comment();
  private final DspState dsp = new DspState();
  private final Block block = new Block(dsp);
  private final float[][][] pcm = new float[1][][];
  private int[] index;
  private AudioStreamInfo info;
  private float[] mono = new float[4096];
  private long limitFrames = Long.MAX_VALUE;
  private boolean sawEos;
  private int serial;

  private OggVorbisDecoder(InputStream in, String source, DecodeLimits limits) {
    super(source, limits);
    this.in = in;
    sync.init();
  }

  static OggVorbisDecoder open(InputStream in, String source, DecodeLimits limits) throws IOException {
    OggVorbisDecoder d = new OggVorbisDecoder(in, source, limits);
    d.readHeaders();
    return d;
  }

  private void readHeaders() throws IOException {
    if (!nextPage()) {
      throw new AudioDecodeException(source, "truncated Ogg: no complete first page");
    }
    serial = page.serialno();
    stream.init(serial);
    vorbis.init();
    comment.init();
    if (stream.pagein(page) < 0 || stream.packetout(packet) != 1) {
      throw new AudioDecodeException(source, "corrupt Ogg: cannot read the first packet");
    }
    if (vorbis.synthesis_headerin(comment, packet) < 0) {
      throw new AudioDecodeException(source, "unsupported codec in Ogg: " + codecOf(packet) + " (only Vorbis is read)");
    }
    int headers = 1;
    while (headers < 3) {
      int r = stream.packetout(packet);
      if (r == 1) {
        if (vorbis.synthesis_headerin(comment, packet) < 0) {
          throw new AudioDecodeException(source, "corrupt Ogg Vorbis: bad header packet " + (headers + 1));
        }
        headers++;
      } else if (r < 0) {
        throw new AudioDecodeException(source, "corrupt Ogg Vorbis: missing data in the headers");
      } else if (!nextPage()) {
        throw new AudioDecodeException(source, "truncated Ogg Vorbis: the file ends inside its headers");
      } else if (page.serialno() == serial) {
        stream.pagein(page);
      }
    }
    if (vorbis.rate < Resampler.MIN_RATE || vorbis.rate > Resampler.MAX_RATE) {
      throw new AudioDecodeException(source, "unsupported Ogg Vorbis sample rate " + vorbis.rate + " Hz");
    }
    dsp.synthesis_init(vorbis);
    block.init(dsp);
    index = new int[vorbis.channels];
    info = new AudioStreamInfo("Ogg Vorbis", vorbis.rate, vorbis.channels, -1);
  }

  private static String codecOf(Packet p) {
    String head = new String(p.packet_base, p.packet, Math.min(8, p.bytes), StandardCharsets.ISO_8859_1);
    if (head.startsWith("OpusHead")) {
      return "Opus";
    }
    if (head.startsWith("\u007fFLAC")) {
      return "FLAC";
    }
    if (head.startsWith("Speex")) {
      return "Speex";
    }
    if (head.startsWith("\u0080theora")) {
      return "Theora video";
    }
    return "unknown codec";
  }

  /** The next complete page of any stream, reading more input as needed; false at end of input. */
  private boolean nextPage() throws IOException {
    while (true) {
      int r = sync.pageout(page);
      if (r == 1) {
        return true;
      }
      if (r < 0) {
        throw new AudioDecodeException(source, "corrupt Ogg: lost page sync after " + emitted() + " samples");
      }
      int at = sync.buffer(READ_BYTES);
      int n = in.read(sync.data, at, READ_BYTES);
      if (n <= 0) {
        return false;
      }
      sync.wrote(n);
    }
  }

  @Override
  public AudioStreamInfo info() {
    return info;
  }

  @Override
  protected boolean decodeMore() throws IOException {
    if (sawEos) {
      return false;
    }
    if (!nextPage()) {
      throw new AudioDecodeException(
          source, "truncated Ogg Vorbis: the file ends after " + emitted() + " samples without its end-of-stream page");
    }
    if (page.serialno() != serial) {
      return true;
    }
    stream.pagein(page);
    if (page.eos() != 0) {
      sawEos = true;
      long granule = page.granulepos();
      if (granule >= 0) {
        limitFrames = granule;
      }
    }
    while (true) {
      int r = stream.packetout(packet);
      if (r == 0) {
        break;
      }
      if (r < 0) {
        throw new AudioDecodeException(source, "corrupt Ogg Vorbis: a packet is missing after " + emitted() + " samples");
      }
      if (block.synthesis(packet) == 0) {
        dsp.synthesis_blockin(block);
      }
      int n;
      while ((n = dsp.synthesis_pcmout(pcm, index)) > 0) {
        mono = ensure(mono, n);
        int channels = vorbis.channels;
        for (int i = 0; i < n; i++) {
          float sum = 0f;
          for (int c = 0; c < channels; c++) {
            sum += pcm[0][c][index[c] + i];
          }
          mono[i] = channels == 1 ? sum : sum / channels;
        }
        dsp.synthesis_read(n);
        int keep = (int) Math.max(0, Math.min(n, limitFrames - emitted()));
        emit(mono, 0, keep);
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

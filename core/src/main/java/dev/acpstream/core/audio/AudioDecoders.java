package dev.acpstream.core.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens the right decoder for an input by its content (never its file name): RIFF/WAVE, FLAC,
 * Ogg (Vorbis), or MPEG audio (with or without an ID3v2 tag). Everything is pure Java.
 */
public final class AudioDecoders {

  private AudioDecoders() {}

  /** Opens {@code file}; errors name the file. */
  public static AudioDecoder open(Path file, DecodeLimits limits) throws IOException {
    String source = file.toString();
    if (Files.isDirectory(file)) {
      throw new AudioDecodeException(source, "is a directory, not an audio file");
    }
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new AudioDecodeException(source, "no such file", e);
    }
    try {
      return open(in, source, limits);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Opens a stream; {@code source} names it in errors. The decoder owns (and closes) the stream. */
  public static AudioDecoder open(InputStream raw, String source, DecodeLimits limits) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 65536);
    in.mark(16);
    byte[] magic = in.readNBytes(12);
    in.reset();
    if (magic.length == 0) {
      throw new AudioDecodeException(source, "empty file");
    }
    String m4 = ascii(magic, 0, 4);
    if (m4.equals("RIFF") || m4.equals("RIFX") || m4.equals("RF64") || m4.equals("BW64")) {
      return WavDecoder.open(in, source, limits);
    }
    if (m4.equals("fLaC")) {
      return FlacDecoder.open(in, source, limits);
    }
    if (m4.equals("OggS")) {
      return OggVorbisDecoder.open(in, source, limits);
    }
    if (m4.equals("FORM")) {
      throw new AudioDecodeException(source, "unsupported format: AIFF/IFF (convert to WAV or FLAC)");
    }
    if (magic.length >= 8 && ascii(magic, 4, 4).equals("ftyp")) {
      throw new AudioDecodeException(source, "unsupported format: MPEG-4/AAC (m4a); convert to FLAC, Ogg Vorbis, MP3 or WAV");
    }
    if (ascii(magic, 0, Math.min(3, magic.length)).equals("ID3")) {
      skipId3v2(in, source);
      in.mark(16);
      byte[] after = in.readNBytes(4);
      in.reset();
      if (ascii(after, 0, after.length).equals("fLaC")) {
        return FlacDecoder.open(in, source, limits);
      }
    }
    return Mp3Decoder.open(in, source, limits);
  }

  private static void skipId3v2(InputStream in, String source) throws IOException {
    byte[] h = in.readNBytes(10);
    if (h.length < 10) {
      throw new AudioDecodeException(source, "truncated ID3v2 tag and no audio");
    }
    long size = ((h[6] & 0x7fL) << 21) | ((h[7] & 0x7fL) << 14) | ((h[8] & 0x7fL) << 7) | (h[9] & 0x7fL);
    if ((h[5] & 0x10) != 0) {
      size += 10; // footer
    }
    long skipped = in.skip(size);
    while (skipped < size) {
      if (in.read() < 0) {
        throw new AudioDecodeException(source, "truncated: the file ends inside its ID3v2 tag, before any audio");
      }
      skipped++;
      skipped += in.skip(size - skipped);
    }
  }

  private static String ascii(byte[] b, int off, int len) {
    return new String(b, off, Math.max(0, Math.min(len, b.length - off)), StandardCharsets.ISO_8859_1);
  }
}

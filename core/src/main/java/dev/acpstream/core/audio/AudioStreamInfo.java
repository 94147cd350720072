package dev.acpstream.core.audio;

/**
 * What a decoder learnt from an input's headers.
 *
 * @param codec a short human name, e.g. "WAV PCM 16-bit", "FLAC", "MP3", "Ogg Vorbis"
 * @param sampleRate the source rate in Hz (before resampling)
 * @param channels the source channel count (decoders deliver their channel mean)
 * @param declaredFrames frames per channel the header declares, or -1 when it does not say
 */
public record AudioStreamInfo(String codec, int sampleRate, int channels, long declaredFrames) {

  /** Declared duration in seconds, or NaN when unknown. */
  public double declaredSeconds() {
    return declaredFrames < 0 ? Double.NaN : (double) declaredFrames / sampleRate;
  }
}

package dev.acpstream.schemas;

/** The composite string keys the catalog uses, built in one place so producers and joins agree. */
public final class Keys {

  private Keys() {}

  /** Key of a music segment: {@code trackId:segmentIndex}. */
  public static String segment(String trackId, int segmentIndex) {
    if (segmentIndex < 0) {
      throw new IllegalArgumentException("segmentIndex must be >= 0, was " + segmentIndex);
    }
    return trackId + ":" + segmentIndex;
  }

  /** Key of a labelled pair: {@code imageId:musicId}. */
  public static String pair(String imageId, String musicId) {
    return imageId + ":" + musicId;
  }
}

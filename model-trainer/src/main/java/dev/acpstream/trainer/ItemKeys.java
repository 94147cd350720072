package dev.acpstream.trainer;

/**
 * How the trainer names items. A music label's item id is a track id (the label applies to every
 * segment of the track) or {@code trackId:segmentIndex} (one segment); an image label's item id
 * is the media id. Stores key labels by {@code image:<mediaId>} / {@code music:<itemId>}; every
 * event is routed by its root item ({@code image:<mediaId>} or {@code music:<trackId>}) so a
 * track's labels and all its segments share a task.
 */
final class ItemKeys {

  static final String IMAGE = "image:";
  static final String MUSIC = "music:";

  private ItemKeys() {}

  /** A music item id split into its track and segment (segment -1 for a whole-track label). */
  record MusicItem(String trackId, int segment) {
    String itemId() {
      return segment < 0 ? trackId : trackId + ":" + segment;
    }
  }

  static MusicItem music(String itemId) {
    int colon = itemId.lastIndexOf(':');
    if (colon > 0 && colon < itemId.length() - 1) {
      String tail = itemId.substring(colon + 1);
      if (tail.chars().allMatch(Character::isDigit) && tail.length() <= 9) {
        return new MusicItem(itemId.substring(0, colon), Integer.parseInt(tail));
      }
    }
    return new MusicItem(itemId, -1);
  }

  static String imageLabel(String mediaId) {
    return IMAGE + mediaId;
  }

  static String musicLabel(String itemId) {
    return MUSIC + itemId;
  }

  static String musicRoute(String trackId) {
    return MUSIC + trackId;
  }

  static String segment(String trackId, int index) {
    return trackId + ":" + index;
  }

  /** The holdout unit of a label key: the image, or the whole track (segments never straddle). */
  static String holdoutUnit(String labelKey) {
    if (labelKey.startsWith(MUSIC)) {
      return MUSIC + music(labelKey.substring(MUSIC.length())).trackId();
    }
    return labelKey;
  }
}

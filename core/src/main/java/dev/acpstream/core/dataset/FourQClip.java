package dev.acpstream.core.dataset;

import java.nio.file.Path;

/**
 * One clip of the 4Q dataset.
 *
 * @param relativePath the clip's path relative to the dataset root, with '/' (e.g.
 *     {@code Q1/MT0000040632.mp3}): the name test lists and feature files use
 */
public record FourQClip(String relativePath, String songId, Quadrant quadrant, Path file) {

  public EmotionClass emotionClass() {
    return quadrant.emotionClass();
  }
}

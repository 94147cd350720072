package dev.acpstream.core.image;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG (baseline, progressive, CMYK/YCCK), PNG, GIF (first frame), BMP and WebP into {@link DecodedImage}.
 *
 * <p>The header is read first and the image refused before any pixel memory is allocated when it exceeds
 * {@link ImageLimits#maxPixels()}. JPEG EXIF orientation is applied. Transparent pixels are composited over white
 * (the colour a viewer shows them on, so the affect of a logo on transparent ground is that of the logo on paper).
 * A decoder warning about lost data (a truncated JPEG, which ImageIO would otherwise fill with grey) is an error.
 *
 * <p>Thread-safe: each call uses its own ImageIO reader. Readers come from TwelveMonkeys where registered
 * (CMYK JPEG, WebP), otherwise from the JDK.
 */
public final class ImageDecoder {

  static {
    // Plugins on the classpath register lazily per context class loader; scanning once makes all threads see them.
    ImageIO.scanForPlugins();
    ImageIO.setUseCache(false); // no temp files: we decode from memory
  }

  private final ImageLimits limits;

  public ImageDecoder(ImageLimits limits) {
    this.limits = limits;
  }

  public ImageDecoder() {
    this(ImageLimits.DEFAULT);
  }

  public ImageLimits limits() {
    return limits;
  }

  public DecodedImage decode(Path file) throws ImageDecodeException {
    String source = file.toString();
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > limits.maxBytes()) {
        throw new ImageDecodeException(source, "file of " + size + " bytes exceeds the limit of " + limits.maxBytes() + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ImageDecodeException(source, "no such file", e);
    } catch (ImageDecodeException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageDecodeException(source, "cannot read: " + e.getMessage(), e);
    }
    return decode(source, bytes);
  }

  /**
   * Decodes bytes that arrived with a declared content type (an HTTP or Kafka header). A type that is not an image
   * is refused by name; an image type that disagrees with the bytes is ignored, since the signature decides.
   */
  public DecodedImage decode(String source, byte[] bytes, String contentType) throws ImageDecodeException {
    if (contentType != null && !contentType.isBlank()) {
      String type = contentType.strip().toLowerCase(java.util.Locale.ROOT);
      if (!type.startsWith("image/") && !type.startsWith("application/octet-stream")) {
        throw new ImageDecodeException(source, "content type '" + contentType.strip() + "' is not an image");
      }
    }
    return decode(source, bytes);
  }

  public DecodedImage decode(String source, byte[] bytes) throws ImageDecodeException {
    if (bytes.length == 0) {
      throw new ImageDecodeException(source, "empty input (0 bytes), not an image");
    }
    if (bytes.length > limits.maxBytes()) {
      throw new ImageDecodeException(source, bytes.length + " bytes exceeds the limit of " + limits.maxBytes() + " bytes");
    }
    ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> new ImageDecodeException(source,
        "not a JPEG, PNG, GIF, BMP or WebP image (content looks like " + ImageFormat.describeOther(bytes) + ")"));
    BufferedImage decoded = read(source, format, bytes);
    DecodedImage image = toOpaqueRgb(source, decoded);
    return format == ImageFormat.JPEG ? ExifOrientation.apply(image, ExifOrientation.ofJpeg(bytes)) : image;
  }

  private BufferedImage read(String source, ImageFormat format, byte[] bytes) throws ImageDecodeException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
    if (!readers.hasNext()) {
      throw new ImageDecodeException(source, "no ImageIO reader for " + format + " on the classpath");
    }
    ImageReader reader = readers.next();
    List<String> warnings = new ArrayList<>();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width <= 0 || height <= 0) {
        throw new ImageDecodeException(source, format + " header declares " + width + "x" + height + " pixels");
      }
      long pixels = (long) width * height;
      if (pixels > limits.maxPixels()) {
        throw new ImageDecodeException(source, format + " header declares " + width + "x" + height + " = " + pixels
            + " pixels, above the limit of " + limits.maxPixels() + " (possible decompression bomb); not decoded");
      }
      reader.addIIOReadWarningListener(collect(warnings));
      BufferedImage image = reader.read(0);
      if (!warnings.isEmpty()) {
        throw new ImageDecodeException(source, format + " is damaged or truncated: " + String.join("; ", warnings));
      }
      return image;
    } catch (ImageDecodeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // ImageIO readers throw IIOException, EOFException, IndexOutOfBounds... on corrupt data; all mean the same.
      throw new ImageDecodeException(source, format + " is damaged or truncated: " + e, e);
    } finally {
      reader.dispose();
    }
  }

  /**
   * Keeps the warnings that mean lost pixels ("Premature end of JPEG file", "Corrupt JPEG data: ..."), on which
   * ImageIO still returns a picture padded with grey; others (e.g. an approximate CMYK conversion) only inform.
   */
  private static IIOReadWarningListener collect(List<String> warnings) {
    return (reader, warning) -> {
      String w = warning.toLowerCase(java.util.Locale.ROOT);
      if (w.contains("premature") || w.contains("corrupt") || w.contains("truncat") || w.contains("end of")) {
        warnings.add(warning);
      }
    };
  }

  private static DecodedImage toOpaqueRgb(String source, BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] direct = packedFromRaster(image);
    if (direct != null) {
      return new DecodedImage(source, w, h, direct);
    }
    BufferedImage rgb = image;
    if (image.getType() != BufferedImage.TYPE_INT_RGB && image.getType() != BufferedImage.TYPE_INT_ARGB) {
      // Draws any colour model (grey, indexed, 16-bit, CMYK-converted) into sRGB, keeping alpha for compositing.
      rgb = new BufferedImage(w, h, image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
      Graphics2D g = rgb.createGraphics();
      g.drawImage(image, 0, 0, null);
      g.dispose();
    }
    int[] pixels = rgb.getRGB(0, 0, w, h, null, 0, w);
    if (rgb.getColorModel().hasAlpha()) {
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = overWhite(pixels[i]);
      }
    } else {
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] &= 0xFFFFFF;
      }
    }
    return new DecodedImage(source, w, h, pixels);
  }

  /**
   * Packs the common decoder outputs (8-bit BGR from JPEG, 8-bit grey) straight from their bytes: several times
   * faster than {@code getRGB}, which converts pixel by pixel through the colour model. Null for anything else.
   */
  private static int[] packedFromRaster(BufferedImage image) {
    int type = image.getType();
    if (type != BufferedImage.TYPE_3BYTE_BGR && type != BufferedImage.TYPE_BYTE_GRAY) {
      return null;
    }
    java.awt.image.WritableRaster raster = image.getRaster();
    if (!(raster.getDataBuffer() instanceof java.awt.image.DataBufferByte buffer)
        || !(raster.getSampleModel() instanceof java.awt.image.ComponentSampleModel model)
        || raster.getParent() != null || buffer.getNumBanks() != 1 || buffer.getOffset() != 0
        || !image.getColorModel().getColorSpace().isCS_sRGB() && type == BufferedImage.TYPE_3BYTE_BGR) {
      return null;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    int channels = type == BufferedImage.TYPE_3BYTE_BGR ? 3 : 1;
    if (model.getPixelStride() != channels || model.getScanlineStride() != w * channels) {
      return null;
    }
    byte[] data = buffer.getData();
    int[] out = new int[w * h];
    if (channels == 3) {
      for (int i = 0, j = 0; i < out.length; i++, j += 3) {
        out[i] = (data[j + 2] & 0xFF) << 16 | (data[j + 1] & 0xFF) << 8 | (data[j] & 0xFF);
      }
    } else {
      // Grey JPEGs and PNGs are decoded as linear-looking bytes but ImageIO treats TYPE_BYTE_GRAY as linear
      // grey; getRGB would gamma-convert it. We keep the stored value, which is what every other decoder shows.
      for (int i = 0; i < out.length; i++) {
        int v = data[i] & 0xFF;
        out[i] = v << 16 | v << 8 | v;
      }
    }
    return out;
  }

  /** Straight (non-premultiplied) ARGB over an opaque white ground, rounded to nearest. */
  static int overWhite(int argb) {
    int a = argb >>> 24;
    if (a == 255) {
      return argb & 0xFFFFFF;
    }
    int r = blend((argb >> 16) & 0xFF, a);
    int g = blend((argb >> 8) & 0xFF, a);
    int b = blend(argb & 0xFF, a);
    return r << 16 | g << 8 | b;
  }

  private static int blend(int c, int a) {
    return (c * a + 255 * (255 - a) + 127) / 255;
  }
}

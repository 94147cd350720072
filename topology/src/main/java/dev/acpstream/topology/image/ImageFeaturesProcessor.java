package dev.acpstream.topology.image;

import dev.acpstream.core.image.BackboneException;
import dev.acpstream.core.image.DecodedImage;
import dev.acpstream.core.image.ImageBackbone;
import dev.acpstream.core.image.ImageDecodeException;
import dev.acpstream.core.image.ImageDecoder;
import dev.acpstream.schemas.avro.ImageFeatures;
import dev.acpstream.schemas.avro.ImageUpload;
import dev.acpstream.topology.errors.DeadLetterRouter;
import dev.acpstream.topology.errors.Rejection;
import dev.acpstream.topology.errors.Rejection.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An uploaded image (inline or by reference) through the bounded decoder and the configured
 * backbone to {@link ImageFeatures}. Stateless: every image is scored on its own.
 */
public final class ImageFeaturesProcessor implements Processor<String, ImageUpload, String, Object> {

  private final ImageBytesSource bytes;
  private final ImageDecoder decoder;
  private final ImageBackbone backbone;
  private final DeadLetterRouter<ImageUpload> deadLetters;
  private final String featuresSink;
  private ProcessorContext<String, Object> context;

  public ImageFeaturesProcessor(
      ImageBytesSource bytes, ImageDecoder decoder, ImageBackbone backbone,
      DeadLetterRouter<ImageUpload> deadLetters, String featuresSink) {
    this.bytes = bytes;
    this.decoder = decoder;
    this.backbone = backbone;
    this.deadLetters = deadLetters;
    this.featuresSink = featuresSink;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, ImageUpload> record) {
    try {
      ImageFeatures features = extract(record.key(), record.value());
      context.forward(new Record<String, Object>(record.key(), features, record.timestamp()), featuresSink);
    } catch (Rejection r) {
      deadLetters.route(context, record, r.reason().name(), r);
    }
  }

  private ImageFeatures extract(String key, ImageUpload upload) throws Rejection {
    if (upload == null) {
      throw new Rejection(Reason.NULL_VALUE, "image record with key '" + key + "' has no value");
    }
    String mediaId = upload.getMediaId();
    if (!mediaId.equals(key)) {
      throw new Rejection(Reason.KEY_MISMATCH, "image '" + mediaId + "': record key '" + key + "' is not the mediaId");
    }
    byte[] encoded = bytes.read(mediaId, upload.getContent());
    DecodedImage image;
    try {
      image = decoder.decode("image '" + mediaId + "'", encoded);
    } catch (ImageDecodeException e) {
      // The decoder refuses oversize inputs and bombs before allocating pixels; its message says which.
      boolean tooLarge = e.getMessage().contains("limit");
      throw new Rejection(tooLarge ? Reason.IMAGE_TOO_LARGE : Reason.CORRUPT_IMAGE, e.getMessage(), e);
    }
    float[] vector;
    try {
      vector = backbone.features(image);
    } catch (BackboneException e) {
      throw new Rejection(Reason.BACKBONE_FAILED, "image '" + mediaId + "': " + e.getMessage(), e);
    }
    List<Float> values = new ArrayList<>(vector.length);
    for (float v : vector) {
      values.add(v);
    }
    return ImageFeatures.newBuilder()
        .setMediaId(mediaId)
        .setPairingKey(upload.getPairingKey())
        .setBackbone(backbone.id())
        .setDim(vector.length)
        .setFeatures(values)
        .setUploadedAt(upload.getUploadedAt())
        .setExtractedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
        .build();
  }
}

package dev.acpstream.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** POST /api/images (upload an image to score and catalogue) and GET of a kept image. */
final class ImageRoutes {

  private final ImageSender sender;
  private final MediaStore store;
  private final WebMetrics metrics;
  private final long maxBytes;

  ImageRoutes(ImageSender sender, MediaStore store, WebMetrics metrics, long maxBytes) {
    this.sender = sender;
    this.store = store;
    this.metrics = metrics;
    this.maxBytes = maxBytes;
  }

  void register(Javalin app) {
    app.post("/api/images", this::upload);
    app.get("/api/images/{mediaId}/content", this::content);
  }

  private void upload(Context ctx) throws Exception {
    try {
      UploadedFile file = Uploads.file(ctx, "file", maxBytes, "an image");
      String name = Uploads.name(file);
      byte[] data = Uploads.read(file, maxBytes);
      String mediaId = optionalId(ctx, "mediaId", () -> Ids.fromFileName("image:", name));
      String pairingKey = optionalPairingKey(ctx);
      ImageSender.Sent sent = sender.send(name, data, mediaId, pairingKey);
      metrics.countUpload("image", "accepted");
      metrics.countProduced("media.images", 1);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("mediaId", sent.mediaId());
      body.put("pairingKey", pairingKey);
      body.put("contentType", sent.type().mimeType);
      body.put("bytes", sent.bytes());
      body.put("sentAs", sent.inline() ? "inline" : "file reference");
      body.put("imageUrl", "/api/images/" + Views.enc(sent.mediaId()) + "/content");
      body.put("matchesUrl", "/api/matches/" + Views.enc(sent.mediaId()));
      ctx.status(201).json(body);
    } catch (ApiException e) {
      metrics.countUpload("image", "rejected");
      throw e;
    }
  }

  private void content(Context ctx) throws Exception {
    String id = ctx.pathParam("mediaId");
    Path file = store.image(id).orElseThrow(() -> ApiException.notFound(id,
        "no image '" + id + "' was uploaded to this server"));
    byte[] data = Files.readAllBytes(file);
    ctx.contentType(MediaSniffer.image(data).map(t -> t.mimeType).orElse("application/octet-stream"));
    ctx.header("Cache-Control", "max-age=3600");
    ctx.result(data);
  }

  /** The form/query field {@code field} checked as an id, or {@code fallback} when absent. */
  static String optionalId(Context ctx, String field, java.util.function.Supplier<String> fallback) {
    String v = param(ctx, field);
    if (v == null || v.isBlank()) {
      return fallback.get();
    }
    try {
      return Ids.check(field, v);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(field, e.getMessage());
    }
  }

  static String optionalPairingKey(Context ctx) {
    String v = param(ctx, "pairingKey");
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Ids.check("pairingKey", v);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("pairingKey", e.getMessage());
    }
  }

  /** A multipart form field, or else a query parameter. */
  static String param(Context ctx, String name) {
    String v = ctx.isMultipartFormData() ? ctx.formParam(name) : null;
    return v != null ? v : ctx.queryParam(name);
  }
}

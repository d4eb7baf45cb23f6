package dev.witness.evidence.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI 3.1 document of this API ({@code /openapi.json}, no token needed). */
final class OpenApiController {

  /** Classpath location of the document; a test checks it lists exactly the app's routes. */
  static final String RESOURCE = "/dev/witness/evidence/api/openapi.json";

  private final byte[] document;

  private OpenApiController(byte[] document) {
    this.document = document;
  }

  static void register(Javalin app) {
    app.get("/openapi.json", new OpenApiController(load())::serve);
  }

  void serve(Context ctx) {
    ctx.contentType("application/json").result(document);
  }

  static byte[] load() {
    try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("OpenAPI document " + RESOURCE + " is missing from the build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

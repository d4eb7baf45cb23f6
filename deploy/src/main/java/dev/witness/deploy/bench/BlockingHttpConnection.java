package dev.witness.deploy.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection driven by the calling thread: the benchmark's client, which
 * must not compete with what it measures. The JDK's HttpClient hands every exchange from the caller
 * to its selector thread and on to a worker (three threads woken per call, a few tenths of a
 * millisecond of CPU on a small machine), and that CPU is taken from Witness on the shared cores;
 * here the caller writes the request and reads the answer itself, as a separate agent process would.
 */
final class BlockingHttpConnection implements AutoCloseable {

  /** Status, body, and when the first body byte arrived. */
  record Response(int status, byte[] body, long firstBodyByteNanos) {}

  private static final int MAX_HEADER_LINE = 16 * 1024;

  private final String host;
  private final int port;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  BlockingHttpConnection(URI origin, int timeoutMillis) {
    this.host = origin.getHost();
    this.port = origin.getPort() < 0 ? 80 : origin.getPort();
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * POSTs {@code body} to {@code path} and reads the whole answer; reconnects first when the last
   * answer closed the connection or an exchange failed. {@code firstBodyByteNanos} is a
   * {@link System#nanoTime()} reading, or -1 for an empty body.
   */
  Response post(String path, Map<String, String> headers, byte[] body) throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      StringBuilder head = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\n")
          .append("Host: ").append(host).append(':').append(port).append("\r\n")
          .append("Content-Length: ").append(body.length).append("\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
      // One write, so the request leaves in one segment and the server wakes once.
      byte[] request = new byte[headBytes.length + body.length];
      System.arraycopy(headBytes, 0, request, 0, headBytes.length);
      System.arraycopy(body, 0, request, headBytes.length, body.length);
      out.write(request);
      out.flush();
      return readResponse();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private Response readResponse() throws IOException {
    String status = line();
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line: " + status);
    }
    int code = Integer.parseInt(parts[1]);
    long length = -1;
    boolean chunked = false;
    boolean closes = parts[0].equals("HTTP/1.0");
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed header line: " + header);
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> closes = value.contains("close") || (closes && !value.contains("keep-alive"));
        default -> { }
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    long first;
    if (chunked) {
      first = readChunked(body);
    } else if (length >= 0) {
      first = readFixed(body, length);
    } else {
      first = readToEnd(body);
      closes = true;
    }
    if (closes) {
      close();
    }
    return new Response(code, body.toByteArray(), first);
  }

  private long readChunked(ByteArrayOutputStream body) throws IOException {
    long first = -1;
    while (true) {
      String size = line();
      int extension = size.indexOf(';');
      long n = Long.parseLong((extension >= 0 ? size.substring(0, extension) : size).trim(), 16);
      if (n == 0) {
        while (!line().isEmpty()) {
          // trailers: none are used here
        }
        return first;
      }
      long at = readFixed(body, n);
      first = first < 0 ? at : first;
      if (!line().isEmpty()) {
        throw new IOException("chunk not followed by CRLF");
      }
    }
  }

  private long readFixed(ByteArrayOutputStream body, long n) throws IOException {
    long first = -1;
    byte[] buffer = new byte[8192];
    while (n > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, n));
      if (read < 0) {
        throw new EOFException("connection closed " + n + " bytes before the end of the body");
      }
      first = first < 0 ? System.nanoTime() : first;
      body.write(buffer, 0, read);
      n -= read;
    }
    return first;
  }

  private long readToEnd(ByteArrayOutputStream body) throws IOException {
    long first = -1;
    byte[] buffer = new byte[8192];
    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
      first = first < 0 ? System.nanoTime() : first;
      body.write(buffer, 0, read);
    }
    return first;
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("connection closed inside the response head");
      }
      if (line.length() >= MAX_HEADER_LINE) {
        throw new IOException("response line longer than " + MAX_HEADER_LINE + " bytes");
      }
      line.append((char) c);
    }
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout(timeoutMillis);
      s.connect(new InetSocketAddress(host, port), timeoutMillis);
      in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
      out = s.getOutputStream();
      socket = s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a socket we no longer use
      }
      socket = null;
    }
  }
}

package dev.witness.proxy.http.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class McpToolListTest {

  private static final String RESULT = """
      {"jsonrpc":"2.0","id":3,"result":{"tools":[{"name":"get_a","inputSchema":{}},{"name":"run_shell"},{"name":"drop_b"}],"nextCursor":"x"}}""";

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void readsAndRemovesToolsOfAJsonResult() {
    assertThat(McpToolList.names(bytes(RESULT), false)).containsExactly("get_a", "run_shell", "drop_b");

    String filtered = text(McpToolList.without(bytes(RESULT), false, Set.of("run_shell", "drop_b")));

    assertThat(McpToolList.names(bytes(filtered), false)).containsExactly("get_a");
    assertThat(filtered).contains("\"nextCursor\":\"x\"", "\"id\":3", "\"inputSchema\":{}");
  }

  @Test
  void filtersInsideSseEventsAndKeepsOtherEventsByteForByte() {
    String note = "event: message\r\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}\r\n\r\n";
    String split = RESULT.substring(0, 16) + "\ndata: " + RESULT.substring(16);
    String stream = note + ": comment\nevent: message\nid: 9\ndata: " + split + "\n\n";

    assertThat(McpToolList.names(bytes(stream), true)).containsExactly("get_a", "run_shell", "drop_b");
    String filtered = text(McpToolList.without(bytes(stream), true, List.of("run_shell")));

    assertThat(filtered).startsWith(note).endsWith("\n\n").contains(": comment\nevent: message\nid: 9\ndata: {");
    assertThat(McpToolList.names(bytes(filtered), true)).containsExactly("get_a", "drop_b");
  }

  @Test
  void leavesWhatIsNotAToolsListResultAlone() {
    byte[] error = bytes("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-1,\"message\":\"no\"}}");
    byte[] notJson = bytes("not json {");

    assertThat(McpToolList.names(error, false)).isEmpty();
    assertThat(McpToolList.without(error, false, Set.of("x"))).isSameAs(error);
    assertThat(McpToolList.without(notJson, true, Set.of("x"))).isEqualTo(notJson);
    assertThat(McpToolList.without(bytes(RESULT), false, Set.of())).isEqualTo(bytes(RESULT));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"a,b", "a,a", "'x\\ny',z", "'da\\\"ta: ',data:", "\u00fc,\u00a0"})
  void anHiddenToolIsNeverLeftAndEveryOtherIsKept(String a, String b) {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":" + quote(a) + "},{\"name\":" + quote(b) + "}]}}";
    String sse = "data: " + body + "\n\n";

    List<String> left = McpToolList.names(McpToolList.without(bytes(sse), true, Set.of(a)), true);

    assertThat(left).doesNotContain(a);
    assertThat(left).isEqualTo(a.equals(b) ? List.of() : List.of(b));
  }

  private static String quote(String s) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.witness.streams.policy;

import com.google.protobuf.Timestamp;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.witness.streams.classify.ClassifiedRequest;
import dev.witness.streams.classify.SqlFacts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CEL environment of policy {@code when} conditions: the variables a condition may use
 * (documented in docs/configuration.md, "CEL variables") and how a request fills them. Conditions
 * are compiled once, type-checked to {@code bool}; the standard macros ({@code exists}, {@code all},
 * {@code has}...) and the string extension functions ({@code lowerAscii}, {@code split}...) are on.
 */
public final class PolicyConditions {

  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addLibraries(CelExtensions.strings())
      .addVar("request", MapType.create(SimpleType.STRING, SimpleType.DYN))
      .addVar("agent", MapType.create(SimpleType.STRING, SimpleType.STRING))
      .addVar("purpose", SimpleType.STRING)
      .addVar("resource", SimpleType.STRING)
      .addVar("protocol", SimpleType.STRING)
      .addVar("time", SimpleType.TIMESTAMP)
      .setResultType(SimpleType.BOOL)
      .build();

  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
      .addLibraries(CelExtensions.strings())
      .build();

  private PolicyConditions() {}

  /** A compiled condition. */
  public static final class Condition {
    private final CelRuntime.Program program;

    private Condition(CelRuntime.Program program) {
      this.program = program;
    }

    /**
     * Whether the condition holds for {@code variables}.
     *
     * @throws CelEvaluationException when it cannot be evaluated (e.g. a key that is not there)
     * @throws IllegalStateException when it yields something other than a bool
     */
    public boolean test(Map<String, Object> variables) throws CelEvaluationException {
      Object result = program.eval(variables);
      if (result instanceof Boolean b) {
        return b;
      }
      // A dyn expression (e.g. request.sql.kind alone) type-checks as bool but may yield anything.
      throw new IllegalStateException("condition yielded " + (result == null ? "null" : result.getClass().getSimpleName())
          + ", not a bool");
    }
  }

  /**
   * Compiles {@code expression}.
   *
   * @throws IllegalArgumentException with CEL's message when it does not compile to a {@code bool}
   */
  public static Condition compile(String expression) {
    try {
      CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
      return new Condition(RUNTIME.createProgram(ast));
    } catch (CelValidationException e) {
      throw new IllegalArgumentException(e.getMessage().strip(), e);
    } catch (CelEvaluationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The variables of {@code request}. Every key is always present, empty when it does not apply. */
  public static Map<String, Object> variables(PolicyRequest request) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("request", requestMap(request.classified()));
    vars.put("agent", Map.of(
        "id", request.agentId(),
        "issuer", text(request.issuer()),
        "delegatingHuman", text(request.delegatingHuman())));
    vars.put("purpose", text(request.purpose()));
    vars.put("resource", request.resource());
    vars.put("protocol", request.protocol());
    Instant t = request.time();
    vars.put("time", Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build());
    return vars;
  }

  private static Map<String, Object> requestMap(ClassifiedRequest c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", c.kind().name());
    m.put("risk", c.risk().name());
    m.put("reasons", c.reasons());
    m.put("sql", sqlMap(c.sql()));
    ClassifiedRequest.HttpFacts http = c.http();
    m.put("http", Map.of(
        "method", http == null ? "" : http.method(),
        "path", http == null ? "" : http.path(),
        "template", http == null ? "" : http.template()));
    ClassifiedRequest.McpFacts mcp = c.mcp();
    m.put("mcp", Map.of(
        "method", mcp == null ? "" : mcp.method(),
        "tool", mcp == null ? "" : mcp.tool(),
        "arguments", mcp == null ? Map.of() : mcp.arguments(),
        "sql", sqlMap(mcp == null ? null : mcp.sql())));
    ClassifiedRequest.KubernetesFacts k8s = c.kubernetes();
    m.put("k8s", Map.of(
        "verb", k8s == null ? "" : k8s.verb(),
        "resource", k8s == null ? "" : k8s.resource(),
        "subresource", k8s == null ? "" : k8s.subresource(),
        "namespace", k8s == null ? "" : k8s.namespace(),
        "name", k8s == null ? "" : k8s.name()));
    return m;
  }

  private static Map<String, Object> sqlMap(SqlFacts sql) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", sql == null ? "" : sql.kind().name());
    m.put("commands", sql == null ? List.of() : sql.commands());
    m.put("tables", sql == null ? List.of() : sql.tables());
    m.put("qualifiedTables", sql == null ? List.of() : sql.qualifiedTables());
    m.put("columns", sql == null ? List.of() : sql.columns());
    m.put("functions", sql == null ? List.of() : sql.functions());
    m.put("hasWhere", sql == null || sql.hasWhere());
    m.put("hasLimit", sql != null && sql.hasLimit());
    m.put("statements", sql == null ? 0L : (long) sql.statementCount());
    m.put("parseError", sql == null || sql.parseError() == null ? "" : sql.parseError());
    return m;
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}

package dev.witness.streams.classify;

import dev.witness.streams.classify.SimpleSqlTokens.Token;
import dev.witness.streams.classify.SimpleSqlTokens.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jsqlparser.parser.CCJSqlParserTokenManager;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.ParserKeywordsUtils;
import net.sf.jsqlparser.parser.SimpleCharStream;
import net.sf.jsqlparser.parser.StringProvider;

/**
 * Reads the statement forms agents send most (plain SELECT with joins, INSERT ... VALUES, UPDATE,
 * DELETE, simple CREATE/ALTER/DROP TABLE, CREATE INDEX, TRUNCATE) in a few microseconds, giving the
 * facts {@link SqlClassifier}'s walk of JSqlParser's parse tree gives for them, where JSqlParser
 * alone costs hundreds of microseconds. It never guesses: a token or construct outside the forms it
 * knows (or any JSqlParser keyword where a name stands) makes it decline, and the statement is
 * parsed by JSqlParser as before. {@code SimpleStatementReaderProperties} holds it to JSqlParser's
 * results.
 */
final class SimpleStatementReader {

  /** Which classification rule applies to what was read (a SELECT with writing CTEs is a SELECT with writes). */
  enum Form { SELECT, INSERT, UPDATE, DELETE, DDL }

  /**
   * What was read from one statement.
   *
   * @param command as {@link SqlClassifier#command} names it, e.g. {@code ALTER TABLE}, {@code DROP}
   * @param tables the tables named, as written, in the order the JSqlParser path reports them: its table finder's
   *     hash set, or for a SELECT over writing CTEs each part's set in turn
   * @param tablesUnknown whether JSqlParser's table finder cannot walk this statement (CREATE INDEX)
   * @param columns the columns walked, lower case, in the order the classifier collects them
   * @param functions the functions called, lower case, in walk order
   * @param hasLimit for a SELECT, whether it has a LIMIT
   * @param writes for an UPDATE or DELETE, that statement; for a SELECT, the UPDATEs and DELETEs of its CTEs
   */
  record Read(String command, Form form, Set<String> tables, boolean tablesUnknown, List<String> columns,
      List<String> functions, boolean hasLimit, List<Write> writes) {}

  /**
   * An UPDATE or DELETE.
   *
   * @param hasWhere whether it has a WHERE
   * @param whereRefersToAColumn whether its WHERE names a column outside subqueries
   */
  record Write(String command, boolean hasWhere, boolean whereRefersToAColumn) {}

  /** Words JSqlParser's grammar has a token for: never read as a name here. */
  private static final Set<String> KEYWORDS = keywords();

  /**
   * Words JSqlParser's own lexer reads as a plain identifier, learned word by word: some keyword tokens are
   * patterns ({@code CURRENT_DATE} is a {@code K_TIME_KEY_EXPR}) that the token list does not spell out.
   */
  private static final Map<String, Boolean> PLAIN_IDENTIFIERS = new ConcurrentHashMap<>();

  /** How many words {@link #PLAIN_IDENTIFIERS} keeps; past that, words are looked up each time. */
  private static final int MAX_KNOWN_WORDS = 10_000;

  /** Keywords JSqlParser also reads as a name where one stands (checked by the properties). */
  private static final Set<String> NAMES_THAT_ARE_KEYWORDS = Set.of("NAME");

  /** Keywords that are also plain functions. */
  private static final Set<String> FUNCTIONS_THAT_ARE_KEYWORDS = Set.of("COUNT", "MAX", "MIN", "COALESCE");

  /** Column types of CREATE TABLE and ALTER TABLE ... ADD read here, with whether they take a length. */
  private static final Set<String> TYPES = Set.of("INT", "INTEGER", "BIGINT", "SMALLINT", "TEXT", "VARCHAR",
      "NUMERIC", "DECIMAL", "BOOLEAN", "DATE", "TIMESTAMP", "TIMESTAMPTZ", "JSONB", "JSON", "UUID", "SERIAL",
      "BIGSERIAL", "REAL");

  /** Thrown to give up on a statement; no stack trace, as declining is an ordinary outcome. */
  private static final class Decline extends RuntimeException {
    private static final Decline INSTANCE = new Decline();

    private Decline() {
      super(null, null, false, false);
    }
  }

  private final String source;
  private final List<Token> tokens;
  private int pos;
  private final List<String> tables = new ArrayList<>();
  private final List<String> columns = new ArrayList<>();
  private final List<String> functions = new ArrayList<>();
  /** How deep inside subqueries the reader is: a write's WHERE counts only its own columns. */
  private int subqueryDepth;
  private int directColumns;
  /** Inside an INSERT's VALUES, where JSqlParser does not read {@code INTERVAL '...'}. */
  private boolean inValues;

  private SimpleStatementReader(String source, List<Token> tokens) {
    this.source = source;
    this.tokens = tokens;
  }

  /** What {@code statement} (one statement, comments removed) does, or null when it is not a form read here. */
  static Read read(String statement) {
    List<Token> tokens = SimpleSqlTokens.of(statement);
    if (tokens == null || tokens.isEmpty()) {
      return null;
    }
    try {
      return new SimpleStatementReader(statement, tokens).statement();
    } catch (Decline declined) {
      return null;
    }
  }

  private Read statement() {
    Token first = tokens.get(0);
    Read read = switch (first.text()) {
      case "SELECT" -> {
        boolean limit = select();
        yield read("SELECT", Form.SELECT, false, limit, List.of());
      }
      case "WITH" -> with();
      case "INSERT" -> insert();
      case "UPDATE" -> update();
      case "DELETE" -> delete();
      case "CREATE" -> create();
      case "ALTER" -> alter();
      case "DROP" -> drop();
      case "TRUNCATE" -> truncate();
      default -> throw Decline.INSTANCE;
    };
    if (pos != tokens.size()) {
      throw Decline.INSTANCE;
    }
    return read;
  }

  private Read read(String command, Form form, boolean tablesUnknown, boolean limit, List<Write> writes) {
    Set<String> found = new HashSet<>();
    // JSqlParser's table finder keeps tables in a HashSet; filled in the same order, this one iterates alike.
    found.addAll(tables);
    return read(command, form, found, tablesUnknown, limit, writes);
  }

  private Read read(String command, Form form, Set<String> found, boolean tablesUnknown, boolean limit,
      List<Write> writes) {
    return new Read(command, form, found, tablesUnknown, List.copyOf(columns), List.copyOf(functions), limit,
        List.copyOf(writes));
  }

  /**
   * WITH name AS (SELECT | UPDATE | DELETE ...), ... SELECT. Its tables are what JSqlParser's classification
   * finds: for reading CTEs, the table finder's set less every name a CTE has (also where it names a real table
   * inside a CTE); with a writing CTE, which the finder cannot walk whole, each CTE's tables then the SELECT's
   * that are not CTE names ({@code ReferenceFinder.tablesPartByPart}).
   */
  private Read with() {
    expect("WITH");
    List<String> names = new ArrayList<>();
    List<Set<String>> parts = new ArrayList<>();
    List<Write> writes = new ArrayList<>();
    do {
      Token name = next();
      requireName(name);
      names.add(original(name));
      expect("AS");
      expect("(");
      int first = tables.size();
      if (peekIs(0, "SELECT")) {
        select();
      } else if (peekIs(0, "UPDATE")) {
        writes.add(updateBody());
      } else if (peekIs(0, "DELETE")) {
        writes.add(deleteBody());
      } else {
        throw Decline.INSTANCE;
      }
      expect(")");
      parts.add(new HashSet<>(tables.subList(first, tables.size())));
    } while (accept(","));
    int main = tables.size();
    boolean limit = select();
    for (String table : tables) {
      for (String name : names) {
        // The finder and the part-by-part walk compare CTE names differently; a name that differs from a
        // table only in case is left to them.
        if (table.equalsIgnoreCase(name) && !table.equals(name)) {
          throw Decline.INSTANCE;
        }
      }
    }
    Set<String> found;
    if (writes.isEmpty()) {
      found = new HashSet<>(tables);
      found.removeAll(names);
    } else {
      found = new java.util.LinkedHashSet<>();
      parts.forEach(found::addAll);
      Set<String> mainTables = new HashSet<>(tables.subList(main, tables.size()));
      for (String table : mainTables) {
        if (!names.contains(table)) {
          found.add(table);
        }
      }
    }
    return read("SELECT", Form.SELECT, found, false, limit, writes);
  }

  // --- statements -------------------------------------------------------------------------------------------

  /** A SELECT at {@link #pos}; whether it has a LIMIT. */
  private boolean select() {
    expect("SELECT");
    accept("DISTINCT");
    selectItem();
    while (accept(",")) {
      selectItem();
    }
    if (accept("FROM")) {
      tableReference();
      while (accept(",") || join()) {
        if (tokens.get(pos - 1).is(",")) {
          tableReference();
        }
      }
    }
    if (accept("WHERE")) {
      expression();
    }
    if (accept("GROUP")) {
      expect("BY");
      // JSqlParser's table finder does not walk GROUP BY: plain references only, so nothing is missed.
      plainReference();
      while (accept(",")) {
        plainReference();
      }
    }
    if (accept("HAVING")) {
      expression();
    }
    if (accept("ORDER")) {
      expect("BY");
      orderItem();
      while (accept(",")) {
        orderItem();
      }
    }
    boolean limit = false;
    if (accept("LIMIT")) {
      limit = true;
      if (!accept("ALL")) {
        number();
      }
      if (accept("OFFSET")) {
        number();
      }
    } else if (accept("OFFSET")) {
      number();
      if (accept("LIMIT")) {
        limit = true;
        number();
      }
    }
    return limit;
  }

  private Read insert() {
    expect("INSERT");
    expect("INTO");
    tables.add(qualifiedName());
    List<String> defined = new ArrayList<>();
    if (accept("(")) {
      defined.add(name());
      while (accept(",")) {
        defined.add(name());
      }
      expect(")");
    }
    expect("VALUES");
    int width = defined.isEmpty() ? -1 : defined.size();
    inValues = true;
    boolean firstRow = true;
    do {
      expect("(");
      int values = 1;
      // JSqlParser reads only some expressions here (not id + 1 nor (a, b, c) in a second row): single values in
      // the first row, literals in the others.
      value(firstRow);
      while (accept(",")) {
        value(firstRow);
        values++;
      }
      expect(")");
      // JSqlParser rejects rows of different widths; PostgreSQL rejects rows wider or narrower than the columns.
      if (width >= 0 && values != width) {
        throw Decline.INSTANCE;
      }
      width = values;
      firstRow = false;
    } while (accept(","));
    inValues = false;
    returning();
    // The columns an INSERT names come after those its values refer to (ReferenceFinder.definedColumns).
    columns.addAll(defined);
    return read("INSERT", Form.INSERT, false, false, List.of());
  }

  private Read update() {
    Write write = updateBody();
    return read("UPDATE", Form.UPDATE, false, false, List.of(write));
  }

  private Write updateBody() {
    expect("UPDATE");
    tables.add(qualifiedName());
    alias();
    expect("SET");
    do {
      columns.add(name());
      expect("=");
      expression();
    } while (accept(","));
    return where("UPDATE");
  }

  private Read delete() {
    Write write = deleteBody();
    return read("DELETE", Form.DELETE, false, false, List.of(write));
  }

  private Write deleteBody() {
    expect("DELETE");
    expect("FROM");
    tables.add(qualifiedName());
    alias();
    return where("DELETE");
  }

  /** The WHERE and RETURNING of an UPDATE or DELETE. */
  private Write where(String command) {
    boolean where = accept("WHERE");
    boolean refers = false;
    if (where) {
      int before = directColumns;
      expression();
      refers = directColumns > before;
    }
    returning();
    return new Write(command, where, refers);
  }

  /** RETURNING, whose columns the classifier does not collect: a plain list only. */
  private void returning() {
    if (accept("RETURNING")) {
      if (!accept("*")) {
        name();
        while (accept(",")) {
          name();
        }
      }
    }
  }

  private Read create() {
    expect("CREATE");
    if (accept("INDEX")) {
      name();
      expect("ON");
      qualifiedName();
      expect("(");
      name();
      while (accept(",")) {
        name();
      }
      expect(")");
      // JSqlParser's table finder does not walk CREATE INDEX: its tables are unknown to the classifier.
      return read("CREATE INDEX", Form.DDL, true, false, List.of());
    }
    expect("TABLE");
    tables.add(qualifiedName());
    expect("(");
    do {
      columns.add(name());
      columnType();
      while (columnConstraint()) {
        // constraints read one by one
      }
    } while (accept(","));
    expect(")");
    return read("CREATE TABLE", Form.DDL, false, false, List.of());
  }

  private Read alter() {
    expect("ALTER");
    expect("TABLE");
    tables.add(qualifiedName());
    if (accept("ADD")) {
      accept("COLUMN");
      columns.add(name());
      columnType();
      while (columnConstraint()) {
        // constraints read one by one
      }
    } else {
      expect("DROP");
      accept("COLUMN");
      columns.add(name());
    }
    return read("ALTER TABLE", Form.DDL, false, false, List.of());
  }

  private Read drop() {
    expect("DROP");
    expect("TABLE");
    if (accept("IF")) {
      expect("EXISTS");
    }
    tables.add(qualifiedName());
    return read("DROP", Form.DDL, false, false, List.of());
  }

  private Read truncate() {
    expect("TRUNCATE");
    accept("TABLE");
    tables.add(qualifiedName());
    return read("TRUNCATE", Form.DDL, false, false, List.of());
  }

  // --- clauses ----------------------------------------------------------------------------------------------

  private void selectItem() {
    if (accept("*")) {
      return;
    }
    if (peekIsName() && peekIs(1, ".") && peekIs(2, "*") && adjacent(0) && adjacent(1)) {
      // t.*: no column.
      pos += 3;
      return;
    }
    expression();
    if (accept("AS")) {
      name();
    } else if (peekIsName()) {
      pos++;
    }
  }

  private void tableReference() {
    tables.add(qualifiedName());
    alias();
  }

  private void alias() {
    if (accept("AS")) {
      name();
    } else if (peekIsName()) {
      pos++;
    }
  }

  private boolean join() {
    int start = pos;
    if (accept("CROSS")) {
      expect("JOIN");
      tableReference();
      return true;
    }
    if (accept("LEFT") || accept("RIGHT") || accept("FULL")) {
      accept("OUTER");
    } else {
      accept("INNER");
    }
    if (!accept("JOIN")) {
      if (pos != start) {
        throw Decline.INSTANCE;
      }
      return false;
    }
    tableReference();
    expect("ON");
    expression();
    return true;
  }

  private void orderItem() {
    if (peek() != null && peek().type() == Type.NUMBER) {
      pos++;
    } else {
      plainReference();
    }
    if (!accept("ASC")) {
      accept("DESC");
    }
    if (accept("NULLS")) {
      if (!accept("FIRST")) {
        expect("LAST");
      }
    }
  }

  /** A column reference or position in GROUP BY/ORDER BY, which are not walked. */
  private void plainReference() {
    if (peek() != null && peek().type() == Type.NUMBER) {
      pos++;
      return;
    }
    name();
    if (peekIs(0, ".") && adjacent(-1) && adjacent(0)) {
      pos++;
      name();
    }
  }

  private void columnType() {
    Token type = next();
    if (type.type() != Type.WORD) {
      throw Decline.INSTANCE;
    }
    if (type.is("DOUBLE")) {
      expect("PRECISION");
      return;
    }
    if (!TYPES.contains(type.text())) {
      throw Decline.INSTANCE;
    }
    if (accept("(")) {
      number();
      if (accept(",")) {
        number();
      }
      expect(")");
    }
  }

  private boolean columnConstraint() {
    if (accept("NOT")) {
      expect("NULL");
      return true;
    }
    if (accept("PRIMARY")) {
      expect("KEY");
      return true;
    }
    return accept("NULL") || accept("UNIQUE");
  }

  // --- expressions ------------------------------------------------------------------------------------------

  private void expression() {
    conjunction();
    while (accept("OR")) {
      conjunction();
    }
  }

  private void conjunction() {
    negation();
    while (accept("AND")) {
      negation();
    }
  }

  private void negation() {
    if (accept("NOT")) {
      negation();
    } else {
      predicate();
    }
  }

  private void predicate() {
    if (accept("EXISTS")) {
      expect("(");
      subquery();
      expect(")");
      return;
    }
    additive();
    Token t = peek();
    if (t == null) {
      return;
    }
    if (t.type() == Type.SYMBOL && isComparison(t.text())) {
      pos++;
      additive();
      return;
    }
    if (accept("IS")) {
      accept("NOT");
      expect("NULL");
      return;
    }
    boolean negated = accept("NOT");
    if (accept("IN")) {
      expect("(");
      if (peekIs(0, "SELECT")) {
        subquery();
      } else {
        expression();
        while (accept(",")) {
          expression();
        }
      }
      expect(")");
    } else if (accept("BETWEEN")) {
      additive();
      expect("AND");
      additive();
    } else if (accept("LIKE") || accept("ILIKE")) {
      additive();
    } else if (negated) {
      throw Decline.INSTANCE;
    }
  }

  /** One value of an INSERT's VALUES: as {@link #unary}, or only a literal when not {@code anyValue}. */
  private void value(boolean anyValue) {
    if (anyValue) {
      unary();
      return;
    }
    accept("-");
    Token t = next();
    if (!(t.type() == Type.NUMBER || t.type() == Type.STRING || t.is("NULL") || t.is("TRUE") || t.is("FALSE"))) {
      throw Decline.INSTANCE;
    }
  }

  private static boolean isComparison(String symbol) {
    return switch (symbol) {
      case "=", "<>", "!=", "<", ">", "<=", ">=" -> true;
      default -> false;
    };
  }

  private void additive() {
    multiplicative();
    while (accept("+") || accept("-")) {
      multiplicative();
    }
  }

  private void multiplicative() {
    unary();
    while (accept("*") || accept("/")) {
      unary();
    }
  }

  private void unary() {
    if (accept("-") || accept("+")) {
      unary();
    } else {
      primary();
    }
  }

  private void primary() {
    Token t = next();
    switch (t.type()) {
      case NUMBER, STRING -> { }
      case SYMBOL -> {
        if (!t.is("(")) {
          throw Decline.INSTANCE;
        }
        if (peekIs(0, "SELECT")) {
          subquery();
        } else {
          expression();
        }
        expect(")");
      }
      case WORD -> word(t);
    }
  }

  private void word(Token t) {
    switch (t.text()) {
      case "NULL", "TRUE", "FALSE" -> { }
      case "INTERVAL" -> {
        if (inValues || next().type() != Type.STRING) {
          throw Decline.INSTANCE;
        }
      }
      default -> {
        if (peekIs(0, "(")) {
          function(t);
        } else {
          column(t);
        }
      }
    }
  }

  private void function(Token name) {
    if (!FUNCTIONS_THAT_ARE_KEYWORDS.contains(name.text()) && (KEYWORDS.contains(name.text())
        || !plainIdentifier(name.text()))) {
      throw Decline.INSTANCE;
    }
    functions.add(name.text().toLowerCase(Locale.ROOT));
    expect("(");
    if (accept(")")) {
      return;
    }
    if (name.is("COUNT") && accept("*")) {
      expect(")");
      return;
    }
    expression();
    while (accept(",")) {
      expression();
    }
    expect(")");
  }

  private void column(Token first) {
    requireName(first);
    Token column = first;
    if (peekIs(0, ".")) {
      if (!adjacent(-1) || !adjacent(0)) {
        throw Decline.INSTANCE;
      }
      pos++;
      column = next();
      requireName(column);
    }
    columns.add(column.text().toLowerCase(Locale.ROOT));
    if (subqueryDepth == 0) {
      directColumns++;
    }
  }

  private void subquery() {
    subqueryDepth++;
    select();
    subqueryDepth--;
  }

  // --- tokens -----------------------------------------------------------------------------------------------

  /** A table name as JSqlParser's table finder reports it: {@code name} or {@code schema.name}, as written. */
  private String qualifiedName() {
    Token first = next();
    boolean qualified = peekIs(0, ".") && adjacent(-1) && adjacent(0);
    if (!(qualified && first.is("PUBLIC"))) {
      // PUBLIC is a JSqlParser keyword, read as a name where it qualifies one (public.orders).
      requireName(first);
    }
    if (qualified) {
      pos++;
      Token second = next();
      requireName(second);
      return original(first) + "." + original(second);
    }
    return original(first);
  }

  private String original(Token token) {
    // Tokens keep the upper-cased word; the finder reports names as written. Rebuilt from the source offsets.
    return source.substring(token.start(), token.end());
  }

  private String name() {
    Token t = next();
    requireName(t);
    return t.text().toLowerCase(Locale.ROOT);
  }

  private static void requireName(Token t) {
    if (!isName(t)) {
      throw Decline.INSTANCE;
    }
  }

  private boolean peekIsName() {
    Token t = peek();
    return t != null && isName(t);
  }

  private static boolean isName(Token t) {
    return t.type() == Type.WORD
        && (NAMES_THAT_ARE_KEYWORDS.contains(t.text()) || (!KEYWORDS.contains(t.text()) && plainIdentifier(t.text())));
  }

  /** Whether JSqlParser's lexer reads {@code word} as an identifier rather than a keyword. */
  private static boolean plainIdentifier(String word) {
    Boolean known = PLAIN_IDENTIFIERS.get(word);
    if (known != null) {
      return known;
    }
    boolean plain;
    try {
      net.sf.jsqlparser.parser.Token token =
          new CCJSqlParserTokenManager(new SimpleCharStream(new StringProvider(word))).getNextToken();
      plain = token.kind == CCJSqlParserConstants.S_IDENTIFIER && word.equalsIgnoreCase(token.image)
          && token.next == null;
    } catch (RuntimeException | Error notAToken) {
      plain = false;
    }
    if (PLAIN_IDENTIFIERS.size() < MAX_KNOWN_WORDS) {
      PLAIN_IDENTIFIERS.put(word, plain);
    }
    return plain;
  }

  private void number() {
    if (next().type() != Type.NUMBER) {
      throw Decline.INSTANCE;
    }
  }

  /** Whether the token at {@code pos + offset} ends where the next one starts. */
  private boolean adjacent(int offset) {
    int i = pos + offset;
    return i >= 0 && i + 1 < tokens.size() && tokens.get(i).end() == tokens.get(i + 1).start();
  }

  private Token peek() {
    return pos < tokens.size() ? tokens.get(pos) : null;
  }

  private boolean peekIs(int offset, String text) {
    int i = pos + offset;
    return i < tokens.size() && tokens.get(i).is(text);
  }

  private Token next() {
    if (pos >= tokens.size()) {
      throw Decline.INSTANCE;
    }
    return tokens.get(pos++);
  }

  private boolean accept(String text) {
    if (peekIs(0, text)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(String text) {
    if (!accept(text)) {
      throw Decline.INSTANCE;
    }
  }

  private static Set<String> keywords() {
    Set<String> words = new HashSet<>();
    for (String image : CCJSqlParserConstants.tokenImage) {
      // Keyword tokens are spelled "\"TABLE\"", or "<K_SELECT>" when they have several spellings (SEL).
      String word = null;
      if (image.length() > 2 && image.charAt(0) == '"' && image.charAt(image.length() - 1) == '"') {
        word = image.substring(1, image.length() - 1);
      } else if (image.startsWith("<K_") && image.endsWith(">")) {
        word = image.substring(3, image.length() - 1);
      }
      if (word != null && word.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9'))) {
        words.add(word);
      }
    }
    for (Object[] reserved : ParserKeywordsUtils.ALL_RESERVED_KEYWORDS) {
      words.add(String.valueOf(reserved[0]).toUpperCase(Locale.ROOT));
    }
    return Set.copyOf(words);
  }
}

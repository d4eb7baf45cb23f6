package dev.witness.proxy.pg;

import dev.witness.proxy.pg.message.ExtendedQueryMessages.Parse;

/**
 * What Witness sends the backend in place of a refused statement: a Parse that cannot succeed
 * (a syntax error) and executes nothing. The backend then fails the sequence exactly as for any
 * error of the agent's own (an explicit transaction is aborted, an implicit one rolled back, the
 * rest is skipped up to Sync), and the agent gets the refusal in place of the syntax error.
 */
final class RefusalProbe {

  static final Parse PARSE = new Parse("", "WITNESS REFUSED THIS STATEMENT", new int[0]);

  private RefusalProbe() {}
}

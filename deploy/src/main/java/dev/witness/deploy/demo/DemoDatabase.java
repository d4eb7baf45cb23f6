package dev.witness.deploy.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the demo target schema ({@code customers}, {@code orders}) once, with synthetic PII. */
public final class DemoDatabase {

  private static final Logger LOG = LoggerFactory.getLogger(DemoDatabase.class);

  public static final int CUSTOMERS = 200;
  /** Seed of the synthetic rows: tests regenerate them to know the values that must never leak. */
  public static final long SEED = 20261125L;

  private DemoDatabase() {}

  /** Creates and fills the tables unless they exist. */
  public static void initialize(DataSource demo) {
    try (Connection c = demo.getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("""
          CREATE TABLE IF NOT EXISTS customers (
            id integer PRIMARY KEY,
            full_name text NOT NULL,
            email text NOT NULL,
            phone text NOT NULL,
            card_number text NOT NULL,
            iban text NOT NULL,
            ssn text NOT NULL,
            date_of_birth date NOT NULL,
            city text NOT NULL,
            notes text,
            created_at timestamptz NOT NULL DEFAULT now())""");
      s.execute("""
          CREATE TABLE IF NOT EXISTS orders (
            id serial PRIMARY KEY,
            customer_id integer NOT NULL REFERENCES customers(id),
            amount_cents bigint NOT NULL,
            status text NOT NULL,
            placed_at timestamptz NOT NULL DEFAULT now())""");
      var rs = s.executeQuery("SELECT count(*) FROM customers");
      rs.next();
      if (rs.getLong(1) == 0) {
        insertCustomers(c);
        s.execute("INSERT INTO orders (customer_id, amount_cents, status) SELECT 1 + (g % " + CUSTOMERS
            + "), 1000 + (g * 37) % 90000, (ARRAY['new','paid','shipped'])[1 + g % 3] FROM generate_series(1, 500) g");
        LOG.info("demo database filled customers={} orders=500", CUSTOMERS);
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot initialize the demo database: " + e.getMessage(), e);
    }
  }

  private static void insertCustomers(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO customers (id, full_name, email, phone, card_number, iban, ssn, date_of_birth, city, notes)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      for (SyntheticCustomers.Customer cu : SyntheticCustomers.generate(CUSTOMERS, SEED)) {
        ps.setInt(1, cu.id());
        ps.setString(2, cu.fullName());
        ps.setString(3, cu.email());
        ps.setString(4, cu.phone());
        ps.setString(5, cu.cardNumber());
        ps.setString(6, cu.iban());
        ps.setString(7, cu.ssn());
        ps.setObject(8, cu.dateOfBirth());
        ps.setString(9, cu.city());
        ps.setString(10, cu.notes());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}

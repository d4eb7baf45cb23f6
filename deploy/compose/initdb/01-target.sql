-- The sample target database agents reach through the PostgreSQL proxy (database `app`), next to
-- the evidence database `witness` that POSTGRES_DB creates. Runs once, on an empty volume.
CREATE DATABASE app;
\connect app
CREATE TABLE parts (id int PRIMARY KEY, label text NOT NULL, supplier_email text);
INSERT INTO parts VALUES (1, 'bolt', 'orders@bolts.example.com'), (2, 'nut', 'sales@nuts.example.com');
\getenv target_password WITNESS_TARGET_DB_PASSWORD
CREATE ROLE witness_gateway LOGIN PASSWORD :'target_password';
GRANT SELECT, INSERT, UPDATE, DELETE ON parts TO witness_gateway;

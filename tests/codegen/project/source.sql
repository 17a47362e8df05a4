-- CRM export (PostgreSQL): the source of the codegen CLI tests.
CREATE TABLE crm.customers (
  id INTEGER PRIMARY KEY,
  first_name VARCHAR(40),
  last_name VARCHAR(40),
  gender CHAR(1),
  signup VARCHAR(10)
);
CREATE TABLE crm.orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES crm.customers (id),
  amount NUMERIC(12, 2),
  ordered_at TIMESTAMP
);

-- Analytics model (PostgreSQL types; each platform writes its own): the target of the
-- codegen CLI tests.
CREATE TABLE analytics.customer (
  customer_id BIGINT NOT NULL PRIMARY KEY,
  full_name TEXT,
  gender TEXT,
  signup_date DATE
);
COMMENT ON TABLE analytics.customer IS 'One row per customer';
COMMENT ON COLUMN analytics.customer.gender IS 'male, female or unknown';
CREATE TABLE analytics.sale_fact (
  sale_id BIGINT NOT NULL PRIMARY KEY,
  customer_id BIGINT REFERENCES analytics.customer (customer_id),
  amount NUMERIC(12, 2),
  customer_name TEXT,
  sale_date TIMESTAMP
);

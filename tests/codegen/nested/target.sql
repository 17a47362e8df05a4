-- A BigQuery target with a STRUCT filled member by member and an ARRAY built by a formula.
CREATE TABLE analytics.customer (
  customer_id INT64 NOT NULL,
  address STRUCT<city STRING, zip STRING, country STRING>,
  phones ARRAY<STRING>,
  PRIMARY KEY (customer_id) NOT ENFORCED
);

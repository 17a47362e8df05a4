-- A flat CRM table whose address and phone columns land in a nested BigQuery target.
CREATE TABLE crm.customers (
  id INTEGER PRIMARY KEY,
  city VARCHAR(40),
  zip VARCHAR(10),
  phone TEXT,
  mobile TEXT
);

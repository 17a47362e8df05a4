// Live-database introspection: reads a connected database's tables, views, columns
// (type text and canonical type), nullability, defaults, primary, unique and foreign
// keys, comments, row counts, sizes and, when asked, sample values, into a
// schema::Catalog. Engine code: the connector is passed in, the catalog comes out. Every
// statement is fixed text with bound parameters; table and column names read from the
// catalogs are quoted with the connector's quote_identifier when used in SQL.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "schema/catalog.hpp"
#include "validation/connectors/connector.hpp"

namespace godwit::validation {

struct IntrospectOptions {
  /// Schemas (MariaDB: databases) to read; empty: every non-system schema (MariaDB: the
  /// connection's database, or every non-system one when none was given; SQLite: main).
  std::vector<std::string> schemas;
  /// count(*) every table instead of the catalog's estimate (slow on big tables).
  bool exact_row_counts = false;
  /// Up to this many distinct non-null values per column, read from the first
  /// `sample_scan_rows` rows of each table; 0 reads none.
  std::size_t sample_values = 0;
  std::size_t sample_scan_rows = 1000;
  /// Stop with a diagnostic after this many tables and views.
  std::size_t max_tables = 20000;
};

/// Reads the database behind `db`. Throws ConnectorError when a catalog query fails
/// (permissions, timeout); per-table problems (a view that no longer compiles, a table
/// the user may not read for samples) become warnings in catalog.diagnostics.
schema::Catalog introspect(Connector& db, const IntrospectOptions& options = {});

/// How many base tables introspect() would read with default options: one cheap catalog
/// query (for "test connection"). Throws ConnectorError.
std::int64_t count_tables(Connector& db);

}  // namespace godwit::validation

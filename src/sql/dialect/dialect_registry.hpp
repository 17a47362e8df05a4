// The factory of each dialect folder, for the registry in dialect.cpp only.
#pragma once

#include "sql/dialect/dialect.hpp"

namespace godwit::sql {

const Dialect& ansi_dialect();
const Dialect& bigquery_dialect();
const Dialect& databricks_dialect();
const Dialect& hive_dialect();
const Dialect& mysql_dialect();
const Dialect& oracle_dialect();
const Dialect& postgres_dialect();
const Dialect& redshift_dialect();
const Dialect& snowflake_dialect();
const Dialect& sqlite_dialect();
const Dialect& teradata_dialect();
const Dialect& tsql_dialect();

}  // namespace godwit::sql

// The keyed diff on the fixture's real PostgreSQL, with planted differences: changed
// values, missing and extra rows, rounded decimals, shifted time zones, a
// representation-only difference. Each is found and explained, and nothing else.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>

#include "connector_test_support.hpp"
#include "core/error.hpp"
#include "validation/diff.hpp"

namespace godwit::validation {
namespace {

using sql::LogicalType;

const LogicalType kTimestampTz = LogicalType::timestamp(6, sql::TimeZoneKind::kWithLocalTimeZone);

class DiffPgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    auto spec = testing::postgres_spec(&why);
    ASSERT_TRUE(spec.has_value()) << why;
    spec->read_only = false;
    admin_ = connect(*spec);
    schema_ = "diff_test_" + std::to_string(::getpid());
    admin_->query("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    admin_->query("CREATE SCHEMA " + schema_);
    spec->read_only = true;
    source_ = connect(*spec);
    target_ = connect(*spec);
  }
  void TearDown() override {
    if (admin_) admin_->query("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }

  void exec(const std::string& sql) { admin_->query(sql); }

  /// orders(id bigint key, qty int, name text, amount numeric(12,4), at timestamptz,
  /// flag boolean, price float8) with `rows` rows, under `table`.
  void create_orders(const std::string& table, int rows,
                     const std::string& amount_type = "numeric(12,4)") {
    exec("CREATE TABLE " + schema_ + "." + table +
         " (id bigint PRIMARY KEY, qty int, name text, amount " + amount_type +
         ", at timestamptz, flag boolean, price float8)");
    exec("INSERT INTO " + schema_ + "." + table +
         " SELECT g, g % 97, 'name ' || g, (g * 7919 % 100000) / 10000.0, "
         "timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute 0.001 second', "
         "g % 3 = 0, g / 7.0 FROM generate_series(1, " +
         std::to_string(rows) + ") g");
  }

  std::vector<ComparedColumn> order_columns(LogicalType target_amount = LogicalType::decimal(12,
                                                                                             4)) {
    return {{"qty", "qty", LogicalType::integer(32), LogicalType::integer(32)},
            {"name", "name", LogicalType::text(), LogicalType::text()},
            {"amount", "amount", LogicalType::decimal(12, 4), target_amount},
            {"at", "at", kTimestampTz, kTimestampTz},
            {"flag", "flag", LogicalType::boolean(), LogicalType::boolean()},
            {"price", "price", LogicalType::floating(64), LogicalType::floating(64)}};
  }

  TableDiffRequest orders_request(const std::string& source, const std::string& target) {
    TableDiffRequest request;
    request.source_table = {schema_, source};
    request.target_table = {schema_, target};
    request.key = {{"id", "id", LogicalType::integer(64), LogicalType::integer(64)}};
    request.columns = order_columns();
    return request;
  }

  /// The planted differences, applied to the target copy.
  void plant(const std::string& table) {
    const std::string t = schema_ + "." + table;
    exec("UPDATE " + t + " SET qty = qty + 1 WHERE id = 17");
    exec("UPDATE " + t + " SET name = 'renamed' WHERE id = 4000");
    exec("UPDATE " + t + " SET amount = 12.35 WHERE id = 300");
    exec("UPDATE " + t + " SET at = at - interval '2 hours' WHERE id = 1234");
    exec("DELETE FROM " + t + " WHERE id IN (100, 2500)");
    exec("INSERT INTO " + t +
         " VALUES (6001, 1, 'new', 1, now(), true, 1), "
         "(7000, 2, 'new', 2, now(), false, 2), (-5, 3, 'new', 3, now(), true, 3)");
    exec("UPDATE " + schema_ + ".src SET amount = 12.3456 WHERE id = 300");
  }

  std::unique_ptr<Connector> admin_, source_, target_;
  std::string schema_;
};

std::map<std::string, const RowDifference*> by_key(const TableDiff& diff) {
  std::map<std::string, const RowDifference*> rows;
  for (const auto& row : diff.rows) rows[row.key.at(0).value_or("NULL")] = &row;
  return rows;
}

void expect_planted(const TableDiff& diff) {
  EXPECT_EQ(diff.missing, 2u);
  EXPECT_EQ(diff.extra, 3u);
  EXPECT_EQ(diff.changed, 4u);
  EXPECT_FALSE(diff.detail_truncated);
  auto rows = by_key(diff);
  ASSERT_EQ(rows.size(), 9u);
  EXPECT_EQ(rows["100"]->kind, RowDifferenceKind::kMissing);
  EXPECT_EQ(rows["2500"]->kind, RowDifferenceKind::kMissing);
  EXPECT_EQ(rows["100"]->values.at(1), "name 100");
  for (const char* extra : {"6001", "7000", "-5"}) {
    EXPECT_EQ(rows[extra]->kind, RowDifferenceKind::kExtra) << extra;
  }
  auto single = [&](const char* key) -> const ColumnDifference& {
    const RowDifference* row = rows[key];
    EXPECT_EQ(row->kind, RowDifferenceKind::kChanged) << key;
    EXPECT_EQ(row->columns.size(), 1u) << key;
    return row->columns.at(0);
  };
  const ColumnDifference& qty = single("17");
  EXPECT_EQ(qty.source_column, "qty");
  EXPECT_EQ(qty.source_value, "17");
  EXPECT_EQ(qty.target_value, "18");
  EXPECT_EQ(qty.comparison.symptom, "changed");
  EXPECT_EQ(single("4000").comparison.reason, "'name 4000' in the source, 'renamed' in the target");
  const ColumnDifference& amount = single("300");
  EXPECT_EQ(amount.source_column, "amount");
  EXPECT_EQ(amount.comparison.kind, DifferenceKind::kValue);
  EXPECT_EQ(amount.comparison.symptom, "rounded");
  const ColumnDifference& at = single("1234");
  EXPECT_EQ(at.source_column, "at");
  EXPECT_EQ(at.comparison.symptom, "time_zone_shift");
  EXPECT_EQ(at.comparison.reason.substr(0, 17), "shifted by -02:00");
}

TEST_F(DiffPgTest, IdenticalTablesAreEqualWithRowCounts) {
  create_orders("src", 3000);
  create_orders("dst", 3000);
  TableDiff diff = diff_table(*source_, *target_, orders_request("src", "dst"));
  EXPECT_TRUE(diff.equal());
  EXPECT_TRUE(diff.rows.empty());
  EXPECT_EQ(diff.stats.source_rows, 3000u);
  EXPECT_EQ(diff.stats.target_rows, 3000u);
  EXPECT_EQ(diff.stats.hash, "postgres-typed-hash");
  EXPECT_EQ(diff.stats.rows_listed, 0u);
  EXPECT_EQ(diff.stats.rows_fetched, 0u);
}

TEST_F(DiffPgTest, FindsAndExplainsEveryPlantedDifferenceAndNothingElse) {
  create_orders("src", 5000);
  create_orders("dst", 5000);
  plant("dst");
  TableDiff diff = diff_table(*source_, *target_, orders_request("src", "dst"));
  expect_planted(diff);
  EXPECT_EQ(diff.representation_only, 0u);
  EXPECT_EQ(diff.stats.source_rows, 5000u);
  EXPECT_EQ(diff.stats.target_rows, 5001u);
  // Point look-ups of the differing keys, not whole segments: 4 changed rows on both
  // sides plus 2 missing and 3 extra rows.
  EXPECT_EQ(diff.stats.rows_fetched, 13u);
}

TEST_F(DiffPgTest, TypedHashTellsNullFromEmptyAndSwappedValuesApart) {
  // Same engine, same types: every column is hashed as a binary value by its type's hash.
  for (const char* t : {"a", "b"}) {
    exec("CREATE TABLE " + schema_ + "." + t +
         " (id bigint PRIMARY KEY, s text, u text, d date, n numeric(8,2), x int)");
    exec("INSERT INTO " + schema_ + "." + t +
         " SELECT g, 'v' || g, 'w' || g, date '2024-01-01' + g, g / 4.0, g FROM "
         "generate_series(1, 500) g");
  }
  const std::string b = schema_ + ".b";
  exec("UPDATE " + b + " SET s = '' WHERE id = 10");  // NULL in a, '' in b
  exec("UPDATE " + schema_ + ".a SET s = NULL WHERE id = 10");
  exec("UPDATE " + b + " SET s = u, u = s WHERE id = 20");  // two values swapped
  exec("UPDATE " + b + " SET x = NULL WHERE id = 30");      // a value lost
  exec("UPDATE " + b + " SET n = NULL, x = NULL WHERE id = 40");
  exec("UPDATE " + schema_ + ".a SET n = NULL, x = NULL WHERE id = 41");  // NULLs moved
  exec("UPDATE " + b + " SET n = NULL, x = NULL WHERE id = 42");
  exec("UPDATE " + schema_ + ".a SET n = NULL, x = NULL WHERE id = 42");  // equal NULLs
  TableDiffRequest request;
  request.source_table = {schema_, "a"};
  request.target_table = {schema_, "b"};
  request.key = {{"id", "id", LogicalType::integer(64), LogicalType::integer(64)}};
  request.columns = {{"s", "s", LogicalType::text(), LogicalType::text()},
                     {"u", "u", LogicalType::text(), LogicalType::text()},
                     {"d", "d", LogicalType::date(), LogicalType::date()},
                     {"n", "n", LogicalType::decimal(8, 2), LogicalType::decimal(8, 2)},
                     {"x", "x", LogicalType::integer(32), LogicalType::integer(32)}};
  const TableDiff diff = diff_table(*source_, *target_, request);
  EXPECT_EQ(diff.stats.hash, "postgres-typed-hash");
  EXPECT_FALSE(diff.stats.normalized);
  EXPECT_EQ(diff.changed, 5u);
  auto rows = by_key(diff);
  for (const char* id : {"10", "20", "30", "40", "41"}) EXPECT_TRUE(rows.count(id)) << id;
  EXPECT_FALSE(rows.count("42"));
}

TEST_F(DiffPgTest, ComputedColumnsAndJoinedSourcesAreComparedByKey) {
  exec("CREATE TABLE " + schema_ + ".person (id bigint PRIMARY KEY, first text, last text)");
  exec("CREATE TABLE " + schema_ + ".score (person_id bigint PRIMARY KEY, points int)");
  exec("INSERT INTO " + schema_ +
       ".person SELECT g, 'F' || g, 'L' || g FROM "
       "generate_series(1, 400) g");
  exec("INSERT INTO " + schema_ + ".score SELECT g, g * 3 FROM generate_series(1, 400) g");
  exec("CREATE TABLE " + schema_ +
       ".loaded (id bigint PRIMARY KEY, full_name text, "
       "double_points int)");
  exec("INSERT INTO " + schema_ +
       ".loaded SELECT g, 'F' || g || ' L' || g, g * 6 FROM "
       "generate_series(1, 400) g");
  exec("UPDATE " + schema_ + ".loaded SET full_name = 'wrong' WHERE id = 77");
  exec("UPDATE " + schema_ + ".loaded SET double_points = 0 WHERE id = 300");

  // A computed column over one source table: its formula is evaluated on the source.
  TableDiffRequest computed;
  computed.source_table = {schema_, "person"};
  computed.target_table = {schema_, "loaded"};
  computed.key = {{"id", "id", LogicalType::integer(64), LogicalType::integer(64)}};
  computed.columns = {
      {"full_name", "full_name", LogicalType::text(), LogicalType::text(), "first || ' ' || last"}};
  TableDiff diff = diff_table(*source_, *target_, computed);
  EXPECT_EQ(diff.changed, 1u);
  ASSERT_EQ(diff.rows.size(), 1u);
  EXPECT_EQ(diff.rows[0].key.at(0), "77");
  ASSERT_EQ(diff.rows[0].columns.size(), 1u);
  EXPECT_EQ(diff.rows[0].columns[0].source_value, "F77 L77");
  EXPECT_EQ(diff.rows[0].columns[0].target_value, "wrong");

  // A join of two source tables: the target is compared with the joined SELECT.
  TableDiffRequest joined;
  joined.source_table = {schema_, "person"};
  joined.source_query =
      "SELECT s1.id AS id, s1.first || ' ' || s1.last AS full_name, "
      "s2.points * 2 AS double_points FROM " +
      schema_ + ".person AS s1 JOIN " + schema_ + ".score AS s2 ON s1.id = s2.person_id";
  joined.target_table = {schema_, "loaded"};
  joined.key = computed.key;
  joined.columns = {
      {"full_name", "full_name", LogicalType::text(), LogicalType::text()},
      {"double_points", "double_points", LogicalType::integer(32), LogicalType::integer(32)}};
  diff = diff_table(*source_, *target_, joined);
  EXPECT_EQ(diff.changed, 2u);
  EXPECT_EQ(diff.missing + diff.extra, 0u);
  auto rows = by_key(diff);
  ASSERT_TRUE(rows.count("300"));
  EXPECT_EQ(rows["300"]->columns.at(0).target_column, "double_points");
  EXPECT_EQ(rows["300"]->columns.at(0).source_value, "1800");
}

TEST_F(DiffPgTest, DeepBisectionFindsTheSameRows) {
  create_orders("src", 5000);
  create_orders("dst", 5000);
  plant("dst");
  TableDiffRequest request = orders_request("src", "dst");
  request.options.leaf_rows = 8;
  request.options.first_level_segments = 4;
  request.options.max_segments_per_query = 16;
  TableDiff diff = diff_table(*source_, *target_, request);
  expect_planted(diff);
  EXPECT_GE(diff.stats.levels, 4u);
  EXPECT_LE(diff.stats.rows_listed, 9u * 2 * 8 + 16);
}

TEST_F(DiffPgTest, PortableHashAndDifferentTypesNormaliseTheSameData) {
  // The target keeps amounts at scale 6: 1.5 and 1.500000 are the same value, so only the
  // planted rows differ, with the MD5 hash the cross-engine pairs use.
  create_orders("src", 5000);
  create_orders("dst", 5000, "numeric(14,6)");
  plant("dst");
  TableDiffRequest request = orders_request("src", "dst");
  request.columns = order_columns(LogicalType::decimal(14, 6));
  request.options.hash = RowHash::kPortableMd5;
  TableDiff diff = diff_table(*source_, *target_, request);
  EXPECT_EQ(diff.stats.hash, "md5-60");
  EXPECT_TRUE(diff.stats.normalized);
  expect_planted(diff);
}

TEST_F(DiffPgTest, RepresentationOnlyDifferencesAreReportedApart) {
  create_orders("src", 500);
  create_orders("dst", 500);
  exec("UPDATE " + schema_ + ".dst SET name = name || '  ' WHERE id = 50");
  TableDiff diff = diff_table(*source_, *target_, orders_request("src", "dst"));
  EXPECT_TRUE(diff.equal());
  EXPECT_EQ(diff.representation_only, 1u);
  ASSERT_EQ(diff.rows.size(), 1u);
  EXPECT_EQ(diff.rows[0].kind, RowDifferenceKind::kRepresentation);
  ASSERT_EQ(diff.rows[0].columns.size(), 1u);
  EXPECT_EQ(diff.rows[0].columns[0].comparison.kind, DifferenceKind::kRepresentation);
  EXPECT_EQ(diff.rows[0].columns[0].comparison.reason,
            "written differently ('name 50' vs 'name 50  ')");
}

TEST_F(DiffPgTest, CompoundKeys) {
  for (const char* table : {"lines_a", "lines_b"}) {
    exec("CREATE TABLE " + schema_ + "." + table +
         " (order_id int, line int, sku text, PRIMARY KEY (order_id, line))");
    exec("INSERT INTO " + schema_ + "." + table +
         " SELECT o, l, 'sku-' || (o * l) FROM generate_series(1, 400) o, generate_series(1, 5) l");
  }
  exec("UPDATE " + schema_ + ".lines_b SET sku = 'other' WHERE order_id = 77 AND line = 3");
  exec("DELETE FROM " + schema_ + ".lines_b WHERE order_id = 200 AND line = 5");
  TableDiffRequest request;
  request.source_table = {schema_, "lines_a"};
  request.target_table = {schema_, "lines_b"};
  request.key = {{"order_id", "order_id", LogicalType::integer(32), LogicalType::integer(32)},
                 {"line", "line", LogicalType::integer(32), LogicalType::integer(32)}};
  request.columns = {{"sku", "sku", LogicalType::text(), LogicalType::text()}};
  TableDiff diff = diff_table(*source_, *target_, request);
  EXPECT_EQ(diff.changed, 1u);
  EXPECT_EQ(diff.missing, 1u);
  EXPECT_EQ(diff.extra, 0u);
  ASSERT_EQ(diff.rows.size(), 2u);
  EXPECT_EQ(diff.rows[0].kind, RowDifferenceKind::kMissing);
  EXPECT_EQ(diff.rows[0].key, (std::vector<Value>{"200", "5"}));
  EXPECT_EQ(diff.rows[1].key, (std::vector<Value>{"77", "3"}));
  EXPECT_EQ(diff.rows[1].columns.at(0).target_value, "other");
}

TEST_F(DiffPgTest, TextKeysAreListed) {
  for (const char* table : {"codes_a", "codes_b"}) {
    exec("CREATE TABLE " + schema_ + "." + table + " (code text PRIMARY KEY, label text)");
    exec("INSERT INTO " + schema_ + "." + table +
         " SELECT 'c' || g, 'label ' || g FROM generate_series(1, 300) g");
  }
  exec("UPDATE " + schema_ + ".codes_b SET label = 'LABEL 12' WHERE code = 'c12'");
  TableDiffRequest request;
  request.source_table = {schema_, "codes_a"};
  request.target_table = {schema_, "codes_b"};
  request.key = {{"code", "code", LogicalType::text(), LogicalType::text()}};
  request.columns = {{"label", "label", LogicalType::text(), LogicalType::text()}};
  TableDiff diff = diff_table(*source_, *target_, request);
  EXPECT_EQ(diff.changed, 1u);
  ASSERT_EQ(diff.rows.size(), 1u);
  EXPECT_EQ(diff.rows[0].columns.at(0).comparison.symptom, "letter_case");
}

TEST_F(DiffPgTest, TablesWithoutKeyCompareRowMultisets) {
  for (const char* table : {"log_a", "log_b"}) {
    exec("CREATE TABLE " + schema_ + "." + table + " (event text, n int)");
    exec("INSERT INTO " + schema_ + "." + table +
         " SELECT 'e' || (g % 50), g % 7 FROM generate_series(1, 1000) g");
  }
  // One duplicate fewer in the target, and one new row.
  exec("DELETE FROM " + schema_ + ".log_b WHERE ctid = (SELECT min(ctid) FROM " + schema_ +
       ".log_b WHERE event = 'e1' AND n = 1)");
  exec("INSERT INTO " + schema_ + ".log_b VALUES ('new', 0)");
  TableDiffRequest request;
  request.source_table = {schema_, "log_a"};
  request.target_table = {schema_, "log_b"};
  request.columns = {{"event", "event", LogicalType::text(), LogicalType::text()},
                     {"n", "n", LogicalType::integer(32), LogicalType::integer(32)}};
  TableDiff diff = diff_table(*source_, *target_, request);
  EXPECT_EQ(diff.missing, 1u);
  EXPECT_EQ(diff.extra, 1u);
  ASSERT_EQ(diff.rows.size(), 2u);
  EXPECT_EQ(diff.rows[0].kind, RowDifferenceKind::kMissing);
  EXPECT_EQ(diff.rows[0].values, (std::vector<Value>{"e1", "1"}));
  EXPECT_EQ(diff.rows[1].values, (std::vector<Value>{"new", "0"}));
}

TEST_F(DiffPgTest, ReportsProgressAndHonoursCancellation) {
  create_orders("src", 2000);
  create_orders("dst", 2000);
  plant("dst");
  TableDiffRequest request = orders_request("src", "dst");
  std::vector<std::pair<double, std::string>> seen;
  request.progress = [&](double percent, std::string_view stage) {
    seen.emplace_back(percent, std::string(stage));
  };
  diff_table(*source_, *target_, request);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), (std::pair<double, std::string>{100.0, "done"}));
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].first, seen[i - 1].first);

  std::atomic<bool> cancel{false};
  request.cancel = &cancel;
  request.progress = [&](double percent, std::string_view) {
    if (percent >= 50) cancel = true;
  };
  EXPECT_THROW(diff_table(*source_, *target_, request), DiffCancelled);
  // The connections stay usable.
  EXPECT_EQ(source_->query("SELECT 1").rows.at(0).at(0), "1");
}

TEST_F(DiffPgTest, RefusesRequestsItCannotRun) {
  create_orders("src", 10);
  TableDiffRequest request;
  request.source_table = {schema_, "src"};
  request.target_table = {schema_, "src"};
  EXPECT_THROW(diff_table(*source_, *target_, request), Error);
  TableDiffRequest missing = orders_request("src", "no_such_table");
  EXPECT_THROW(diff_table(*source_, *target_, missing), ConnectorError);
}

}  // namespace
}  // namespace godwit::validation

namespace godwit::validation {
namespace {

TEST_F(DiffPgTest, OneConnectionCanServeBothSides) {
  create_orders("src", 1000);
  create_orders("dst", 1000);
  exec("UPDATE " + schema_ + ".dst SET qty = 0 WHERE id = 999");
  TableDiff diff = diff_table(*source_, *source_, orders_request("src", "dst"));
  EXPECT_EQ(diff.changed, 1u);
  EXPECT_EQ(diff.missing + diff.extra, 0u);
}

}  // namespace
}  // namespace godwit::validation

namespace godwit::validation {
namespace {

// SQLite has no hash function: Godwit streams its normalised row text and hashes it with
// the same md5-60 PostgreSQL computes inside the database.
TEST_F(DiffPgTest, SqliteSourceIsHashedByGodwitAndAgreesWithPostgres) {
  const std::string dir = testing::make_temp_dir("godwit-diff-sqlite");
  ConnectionSpec spec;
  spec.engine = Engine::kSqlite;
  spec.path = dir + "/source.db";
  spec.read_only = false;
  std::ofstream(spec.path).close();  // an empty file is an empty SQLite database
  {
    auto writer = connect(spec);
    writer->query("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, amount REAL, at TEXT)");
    writer->query(
        "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 2000) "
        "INSERT INTO items SELECT g, 'item ' || g, (g * 7919 % 100000) / 100.0, "
        "strftime('%Y-%m-%d %H:%M:%S', '2024-01-01', '+' || g || ' minutes') FROM s");
  }
  exec("CREATE TABLE " + schema_ +
       ".items (id bigint PRIMARY KEY, name text, amount numeric(12,2), at timestamp(0))");
  exec("INSERT INTO " + schema_ +
       ".items SELECT g, 'item ' || g, (g * 7919 % 100000) / 100.0, "
       "timestamp '2024-01-01' + g * interval '1 minute' FROM generate_series(1, 2000) g");
  spec.read_only = true;
  auto sqlite = connect(spec);
  TableDiffRequest request;
  request.source_table = {"items"};
  request.target_table = {schema_, "items"};
  request.key = {{"id", "id", LogicalType::integer(64), LogicalType::integer(64)}};
  request.columns = {{"name", "name", LogicalType::text(), LogicalType::text()},
                     {"amount", "amount", LogicalType::decimal(12, 2), LogicalType::decimal(12, 2)},
                     {"at", "at", LogicalType::timestamp(0), LogicalType::timestamp(0)}};
  TableDiff diff = diff_table(*sqlite, *target_, request);
  EXPECT_TRUE(diff.equal()) << diff.changed << " changed";
  EXPECT_EQ(diff.stats.source_rows, 2000u);
  EXPECT_EQ(diff.stats.rows_hashed_by_godwit, 2000u);

  exec("UPDATE " + schema_ + ".items SET at = at + interval '3 hours' WHERE id = 42");
  exec("DELETE FROM " + schema_ + ".items WHERE id = 43");
  diff = diff_table(*sqlite, *target_, request);
  EXPECT_EQ(diff.changed, 1u);
  EXPECT_EQ(diff.missing, 1u);
  EXPECT_EQ(diff.extra, 0u);
  ASSERT_EQ(diff.rows.size(), 2u);
  EXPECT_EQ(diff.rows[0].key.at(0), "43");
  ASSERT_EQ(diff.rows[1].columns.size(), 1u);
  EXPECT_EQ(diff.rows[1].columns[0].comparison.symptom, "time_zone_shift");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace godwit::validation

// The keyed diff (see diff.hpp and docs/validation.md for the algorithm). Both sides'
// statements of one step run concurrently, one thread per connection.
#include "validation/diff.hpp"

#include <algorithm>
#include <cmath>
#include <future>
#include <limits>
#include <map>
#include <unordered_map>
#include <utility>

#include "core/error.hpp"
#include "core/text.hpp"

namespace godwit::validation {

std::string_view to_string(RowDifferenceKind kind) {
  switch (kind) {
    case RowDifferenceKind::kMissing: return "missing";
    case RowDifferenceKind::kExtra: return "extra";
    case RowDifferenceKind::kChanged: return "changed";
    case RowDifferenceKind::kRepresentation: return "representation";
  }
  return "changed";
}

namespace {

__extension__ typedef __int128 Int128;  // GCC and Clang; exact checksum sums

/// Count and checksum of one key segment on one side.
struct SegmentSum {
  std::uint64_t count = 0;
  Int128 sum = 0;
};

/// A key range [lo, hi] of the leading key column, with what each side holds in it.
struct Segment {
  std::int64_t lo = 0;
  std::int64_t hi = 0;
  SegmentSum source;
  SegmentSum target;
};

/// One row of a (key, hash) listing.
struct KeyedHash {
  std::vector<Value> key;  ///< as stored, to look the row up again
  std::uint64_t hash = 0;
};

Int128 parse_int128(const Value& value) {
  if (!value || value->empty()) return 0;
  const std::string& text = *value;
  std::size_t i = 0;
  bool negative = false;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  Int128 result = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    result = result * 10 + (text[i] - '0');
  }
  return negative ? -result : result;
}

std::uint64_t parse_hash(const Value& value) {
  return static_cast<std::uint64_t>(static_cast<std::int64_t>(parse_int128(value)));
}

std::int64_t parse_int64(const Value& value) {
  return static_cast<std::int64_t>(parse_int128(value));
}

/// One row fetched by key: the key as stored, and each compared column's raw and
/// normalised text.
struct FetchedRow {
  std::vector<Value> key;
  std::vector<Value> raw;
  std::vector<Value> normalized;
};

/// Everything one side needs to build its statements.
struct Side {
  Connector* connection = nullptr;
  Engine engine = Engine::kPostgres;
  std::string table;
  std::vector<std::string> key_refs;   ///< quoted key columns
  std::vector<std::string> key_texts;  ///< normalised key texts (the key's identity)
  std::vector<ParamType> key_types;    ///< how a key value of this side is bound
  std::vector<std::string> raw_texts;  ///< per compared column
  std::vector<std::string> normalized_texts;
  std::string row_text;  ///< what is hashed
  std::string hash;      ///< hash expression; empty: Godwit hashes row_text itself
  std::size_t* queries = nullptr;
  std::uint64_t* hashed_by_godwit = nullptr;

  std::string int_param(int index) const {
    const std::string p = "$" + std::to_string(index);
    switch (engine) {
      case Engine::kPostgres: return p + "::bigint";
      case Engine::kMariaDb: return "CAST(" + p + " AS SIGNED)";
      case Engine::kSqlite: return "CAST(" + p + " AS INTEGER)";
      case Engine::kOdbc: return "CAST(" + p + " AS BIGINT)";
      case Engine::kBigQuery: return "CAST(" + p + " AS INT64)";
      case Engine::kDatabricks: return "CAST(" + p + " AS BIGINT)";
    }
    return p;
  }

  /// PostgreSQL's planner often groups a scanned key range into segments by sorting it
  /// (spilling to disk, in parallel workers that compete with the other side's scan on the
  /// same cores), where hashing it into at most `max_segments_per_query` groups costs
  /// 1.5-2x less server CPU (bench/RESULTS.md, "Validation diff"): the segment scans run
  /// with enable_sort off, which also keeps the planner from a parallel sort.
  void prefer_hash_grouping(bool on) {
    if (engine != Engine::kPostgres) return;
    connection->query(on ? "SET enable_sort = off" : "RESET enable_sort", {});
  }

  ResultSet query(const std::string& sql, const std::vector<Param>& params) {
    ++*queries;
    return connection->query(sql, params);
  }
  void each(const std::string& sql, const std::vector<Param>& params,
            const std::function<bool(const std::vector<Value>&)>& row) {
    ++*queries;
    connection->query_each(sql, params, row);
  }

  std::uint64_t godwit_hash(const Value& text) {
    ++*hashed_by_godwit;
    return portable_md5_hash(text ? std::string_view(*text) : std::string_view());
  }

  std::string range_predicate(std::size_t ranges) const {
    std::string out;
    for (std::size_t i = 0; i < ranges; ++i) {
      if (i > 0) out += " OR ";
      out += "(" + key_refs[0] + " >= " + int_param(static_cast<int>(2 * i + 1)) + " AND " +
             key_refs[0] + " <= " + int_param(static_cast<int>(2 * i + 2)) + ")";
    }
    return out;
  }

  /// Count and checksum of [lo, hi] split into segments of `step` keys, one scan.
  std::map<std::int64_t, SegmentSum> segment_sums(std::int64_t lo, std::int64_t hi,
                                                  std::int64_t step) {
    const std::string group =
        integer_division_sql(engine, key_refs[0] + " - " + int_param(1), int_param(3));
    const std::string where = " FROM " + table + " WHERE " + key_refs[0] + " >= " + int_param(1) +
                              " AND " + key_refs[0] + " <= " + int_param(2);
    const std::vector<Param> params{{std::to_string(lo), ParamType::kInteger},
                                    {std::to_string(hi), ParamType::kInteger},
                                    {std::to_string(step), ParamType::kInteger}};
    std::map<std::int64_t, SegmentSum> sums;
    if (!hash.empty()) {
      const std::string sql =
          "SELECT " + group + ", count(*), coalesce(sum(" + hash + "), 0)" + where + " GROUP BY 1";
      each(sql, params, [&](const std::vector<Value>& row) {
        auto& sum = sums[parse_int64(row[0])];
        sum.count = static_cast<std::uint64_t>(parse_int64(row[1]));
        sum.sum = parse_int128(row[2]);
        return true;
      });
    } else {
      const std::string sql = "SELECT " + group + ", " + row_text + where;
      each(sql, params, [&](const std::vector<Value>& row) {
        auto& sum = sums[parse_int64(row[0])];
        ++sum.count;
        sum.sum += godwit_hash(row[1]);
        return true;
      });
    }
    return sums;
  }

  /// Count and checksum of the whole table.
  SegmentSum table_sum() {
    SegmentSum total;
    if (!hash.empty()) {
      auto result = query("SELECT count(*), coalesce(sum(" + hash + "), 0) FROM " + table, {});
      total.count = static_cast<std::uint64_t>(parse_int64(result.rows.at(0).at(0)));
      total.sum = parse_int128(result.rows.at(0).at(1));
    } else {
      each("SELECT " + row_text + " FROM " + table, {}, [&](const std::vector<Value>& row) {
        ++total.count;
        total.sum += godwit_hash(row[0]);
        return true;
      });
    }
    return total;
  }

  /// (key, hash) of every row in the ranges (all rows when `ranges` is empty), keyed by
  /// the normalised key text.
  void list_keys(const std::vector<std::pair<std::int64_t, std::int64_t>>& ranges,
                 std::unordered_map<std::string, KeyedHash>& out) {
    std::string sql = "SELECT ";
    for (const auto& k : key_refs) sql += k + ", ";
    for (const auto& k : key_texts) sql += k + ", ";
    sql += hash.empty() ? row_text : hash;
    sql += " FROM " + table;
    std::vector<Param> params;
    if (!ranges.empty()) {
      sql += " WHERE " + range_predicate(ranges.size());
      for (const auto& [lo, hi] : ranges) {
        params.emplace_back(std::to_string(lo), ParamType::kInteger);
        params.emplace_back(std::to_string(hi), ParamType::kInteger);
      }
    }
    const std::size_t n = key_refs.size();
    each(sql, params, [&](const std::vector<Value>& row) {
      std::vector<Value> identity(row.begin() + static_cast<std::ptrdiff_t>(n),
                                  row.begin() + static_cast<std::ptrdiff_t>(2 * n));
      KeyedHash entry;
      entry.key.assign(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(n));
      entry.hash = hash.empty() ? godwit_hash(row[2 * n]) : parse_hash(row[2 * n]);
      out.insert_or_assign(validation::row_text(identity), std::move(entry));
      return true;
    });
  }

  /// Full rows of the given keys, by normalised key text.
  void fetch_rows(const std::vector<std::vector<Value>>& keys,
                  std::unordered_map<std::string, FetchedRow>& out) {
    if (keys.empty()) return;
    const std::size_t n = key_refs.size();
    const std::size_t c = raw_texts.size();
    std::string sql = "SELECT ";
    for (const auto& k : key_refs) sql += k + ", ";
    for (const auto& k : key_texts) sql += k + ", ";
    for (const auto& t : raw_texts) sql += t + ", ";
    for (const auto& t : normalized_texts) sql += t + ", ";
    sql += "1 FROM " + table + " WHERE ";
    std::vector<Param> params;
    int index = 1;
    if (n == 1) {
      sql += key_refs[0] + " IN (";
      for (std::size_t i = 0; i < keys.size(); ++i) {
        sql += (i > 0 ? ", $" : "$") + std::to_string(index++);
        params.emplace_back(keys[i][0], key_types[0]);
      }
      sql += ")";
    } else {
      for (std::size_t i = 0; i < keys.size(); ++i) {
        sql += i > 0 ? " OR (" : "(";
        for (std::size_t k = 0; k < n; ++k) {
          sql += (k > 0 ? " AND " : "") + key_refs[k] + " = $" + std::to_string(index++);
          params.emplace_back(keys[i][k], key_types[k]);
        }
        sql += ")";
      }
    }
    each(sql, params, [&](const std::vector<Value>& row) {
      auto at = [&](std::size_t offset) {
        return row.begin() + static_cast<std::ptrdiff_t>(offset);
      };
      FetchedRow fetched;
      fetched.key.assign(at(0), at(n));
      fetched.raw.assign(at(2 * n), at(2 * n + c));
      fetched.normalized.assign(at(2 * n + c), at(2 * n + 2 * c));
      out.insert_or_assign(validation::row_text(std::vector<Value>(at(n), at(2 * n))),
                           std::move(fetched));
      return true;
    });
  }

  /// Tables without key: multiplicity of each row hash.
  void hash_counts(std::unordered_map<std::uint64_t, std::int64_t>& counts, int sign) {
    if (!hash.empty()) {
      each("SELECT " + hash + ", count(*) FROM " + table + " GROUP BY 1", {},
           [&](const std::vector<Value>& row) {
             counts[parse_hash(row[0])] += sign * parse_int64(row[1]);
             return true;
           });
    } else {
      each("SELECT " + row_text + " FROM " + table, {}, [&](const std::vector<Value>& row) {
        counts[godwit_hash(row[0])] += sign;
        return true;
      });
    }
  }

  /// Tables without key: raw values of rows whose hash is among `hashes`.
  void rows_with_hashes(const std::unordered_map<std::uint64_t, std::int64_t>& hashes,
                        std::unordered_map<std::uint64_t, std::vector<Value>>& out) {
    std::string sql = "SELECT " + (hash.empty() ? row_text : hash);
    for (const auto& c : raw_texts) sql += ", " + c;
    sql += " FROM " + table;
    each(sql, {}, [&](const std::vector<Value>& row) {
      const std::uint64_t h = hash.empty() ? godwit_hash(row[0]) : parse_hash(row[0]);
      if (hashes.contains(h) && !out.contains(h))
        out.emplace(h, std::vector<Value>(row.begin() + 1, row.end()));
      return true;
    });
  }
};

/// Runs both sides' work concurrently, or one after the other when both sides are the
/// same connection (one connection serves one statement at a time).
template <typename F, typename G>
auto on_both(bool concurrent, F&& source_work, G&& target_work) {
  auto source_result = std::async(concurrent ? std::launch::async : std::launch::deferred,
                                  std::forward<F>(source_work));
  auto target_result = target_work();
  return std::make_pair(source_result.get(), std::move(target_result));
}

class Differ {
 public:
  Differ(Connector& source, Connector& target, const TableDiffRequest& request)
      : request_(request), options_(request.options) {
    if (request.columns.empty() && request.key.empty()) {
      throw Error(ErrorKind::kInvalidInput,
                  "nothing to compare: give the key columns and/or the compared columns");
    }
    if ((request.source_table.empty() && request.source_query.empty()) ||
        request.target_table.empty()) {
      throw Error(ErrorKind::kInvalidInput,
                  "the source table (or source query) and the target table are required");
    }
    const bool both_postgres =
        source.sql_engine() == Engine::kPostgres && target.sql_engine() == Engine::kPostgres;
    const RowHash hash =
        options_.hash.value_or(both_postgres ? RowHash::kNativePostgres : RowHash::kPortableMd5);
    if (hash == RowHash::kNativePostgres && !both_postgres) {
      throw Error(ErrorKind::kInvalidInput,
                  "the native PostgreSQL row hash needs PostgreSQL on both sides; use the "
                  "portable MD5 hash for other engines");
    }
    concurrent_ = &source != &target;
    typed_hash_available_ = hash == RowHash::kNativePostgres && postgres_at_least_11(source) &&
                            postgres_at_least_11(target);
    result_.stats.normalized = false;
    result_.stats.hash = hash != RowHash::kNativePostgres ? "md5-60"
                         : typed_hash_available_          ? "postgres-typed-hash"
                                                          : "postgres-hashtextextended";
    const bool same_engine = source.sql_engine() == target.sql_engine();
    setup(source_, source, request.source_table, hash, true, same_engine);
    if (!request.source_query.empty())
      source_.table = "(" + request.source_query + ") AS godwit_source";
    setup(target_, target, request.target_table, hash, false, same_engine);
  }

  TableDiff run() {
    if (request_.key.empty()) {
      run_without_key();
    } else if (segmentable()) {
      run_segmented();
    } else {
      run_listed();
    }
    report("done", 100);
    std::sort(result_.rows.begin(), result_.rows.end(),
              [](const RowDifference& a, const RowDifference& b) {
                if (a.kind != b.kind) return a.kind < b.kind;
                return a.key < b.key;
              });
    return std::move(result_);
  }

 private:
  void setup(Side& side, Connector& connection, const std::vector<std::string>& name, RowHash hash,
             bool is_source, bool same_engine) {
    side.connection = &connection;
    side.engine = connection.sql_engine();
    if (!name.empty()) side.table = connection.quote_name(name);
    side.queries = &result_.stats.queries;
    side.hashed_by_godwit = &result_.stats.rows_hashed_by_godwit;
    std::vector<std::string> hashed;
    // kNativePostgres on PostgreSQL 11+: each column is hashed by its type's own extended
    // hash function (binary values, seeded by position) and the hashes are XORed: 1.5x
    // faster than hash_record_extended(ROW(...)) and 2-3x faster than hashing the row text
    // (bench/RESULTS.md). Columns not compared as stored hash their canonical text.
    const bool typed_hash = hash == RowHash::kNativePostgres && typed_hash_available_;
    std::vector<std::string> typed_items;
    auto typed_item = [&](const std::string& ref, const sql::LogicalType* binary_type,
                          const std::string& text) {
      const std::string seed = std::to_string(typed_items.size() + 1);
      const std::string h = binary_type ? typed_hash_sql(ref, *binary_type, seed)
                                        : "hashtextextended(" + text + ", " + seed + ")";
      // Hash functions are strict: a NULL takes a constant of its position instead (an
      // empty string hashes to something else, so NULL and '' still differ).
      typed_items.push_back("coalesce(" + h + ", " + seed + "000000007)");
    };
    auto render = [&](const ComparedColumn& column, bool raw_allowed) {
      // Both sides must hash a computed column the same way: normalised.
      if (!column.source_expression.empty()) raw_allowed = false;
      const bool computed = is_source && !column.source_expression.empty();
      // A formula filling an integer column may compute a decimal (amount * 100 is
      // 142857.00) that the load casts: both sides are compared as rounded to an integer.
      sql::LogicalType source_type = column.source_type, target_type = column.target_type;
      if (!column.source_expression.empty() && source_type.kind == sql::TypeKind::kInteger &&
          target_type.kind == sql::TypeKind::kInteger)
        source_type = target_type = sql::LogicalType::decimal(38, 0);
      ColumnRendering rendering{
          side.engine,
          computed ? "(" + column.source_expression + ")"
                   : connection.quote_identifier(is_source ? column.source : column.target),
          is_source ? source_type : target_type};
      const ColumnCanon canon = column_canon({source_type, target_type}, options_.normalize);
      std::string normalized = normalized_text_sql(rendering, canon, options_.normalize);
      std::string raw = raw_text_sql(rendering);
      // Same engine and same type: the stored text is already comparable, and cheaper.
      const bool as_stored = raw_allowed && same_engine &&
                             column.source_type == column.target_type &&
                             column.source_type.time_zone == sql::TimeZoneKind::kNone &&
                             column.source_type.kind != sql::TypeKind::kUnknown;
      return std::make_tuple(rendering.column_sql, std::move(raw), std::move(normalized),
                             as_stored);
    };
    for (const auto& key : request_.key) {
      auto [ref, raw, normalized, as_stored] = render(key, false);
      const bool binary = key.source_type == key.target_type && hashes_as_stored(key.source_type);
      typed_item(ref, binary ? &key.source_type : nullptr, normalized);
      side.key_refs.push_back(ref);
      side.key_texts.push_back(normalized);
      side.key_types.push_back(param_type_of(is_source ? key.source_type : key.target_type));
      hashed.push_back(normalized);
    }
    for (const auto& column : request_.columns) {
      auto [ref, raw, normalized, as_stored] = render(column, true);
      if (!as_stored) result_.stats.normalized = true;
      hashed.push_back(as_stored ? raw : normalized);
      const bool binary = as_stored && hashes_as_stored(column.source_type);
      typed_item(ref, binary ? &column.source_type : nullptr, as_stored ? raw : normalized);
      side.raw_texts.push_back(std::move(raw));
      side.normalized_texts.push_back(std::move(normalized));
    }
    side.row_text = row_text_sql(side.engine, hashed);
    if (typed_hash) {
      side.hash = "(" + join(typed_items, " # ") + ")";
    } else if (computes_hash_in_database(side.engine, hash)) {
      side.hash = row_hash_sql(side.engine, hash, side.row_text);
    }
  }

  /// Types whose PostgreSQL values have an extended hash function consistent with
  /// equality that typed_hash_sql calls (json, geometric, binary and unknown types, and
  /// values with a time zone, whose hash would depend on the session, do not).
  static bool hashes_as_stored(const sql::LogicalType& type) {
    using sql::TypeKind;
    if (type.time_zone != sql::TimeZoneKind::kNone) return false;
    switch (type.kind) {
      case TypeKind::kInteger:
      case TypeKind::kDecimal:
      case TypeKind::kFloat:
      case TypeKind::kString:
      case TypeKind::kBoolean:
      case TypeKind::kDate:
      case TypeKind::kTime:
      case TypeKind::kTimestamp:
      case TypeKind::kUuid: return true;
      default: return false;
    }
  }

  /// PostgreSQL's extended hash of a column of `type` (hashes_as_stored), seeded. Integers
  /// are widened and dates hashed as timestamps, which are exact conversions.
  static std::string typed_hash_sql(const std::string& ref, const sql::LogicalType& type,
                                    const std::string& seed) {
    using sql::TypeKind;
    switch (type.kind) {
      case TypeKind::kInteger: return "hashint8extended((" + ref + ")::bigint, " + seed + ")";
      case TypeKind::kDecimal: return "hash_numeric_extended((" + ref + ")::numeric, " + seed + ")";
      case TypeKind::kFloat:
        return "hashfloat8extended((" + ref + ")::double precision, " + seed + ")";
      case TypeKind::kBoolean: return "hashint4extended((" + ref + ")::int, " + seed + ")";
      case TypeKind::kDate:
      case TypeKind::kTimestamp:
        return "timestamp_hash_extended((" + ref + ")::timestamp, " + seed + ")";
      case TypeKind::kTime: return "time_hash_extended((" + ref + ")::time, " + seed + ")";
      case TypeKind::kUuid: return "uuid_hash_extended((" + ref + ")::uuid, " + seed + ")";
      default: return "hashtextextended((" + ref + ")::text, " + seed + ")";
    }
  }

  /// The extended hash functions exist from PostgreSQL 11.
  static bool postgres_at_least_11(Connector& connection) {
    const std::string version = connection.server_version();  // "PostgreSQL 15.10 ..."
    const auto digit = version.find_first_of("0123456789");
    return digit != std::string::npos && std::atoi(version.c_str() + digit) >= 11;
  }

  bool segmentable() const {
    return request_.key[0].source_type.kind == sql::TypeKind::kInteger &&
           request_.key[0].target_type.kind == sql::TypeKind::kInteger;
  }

  void check_cancel() const {
    if (request_.cancel != nullptr && request_.cancel->load()) throw DiffCancelled();
  }
  void report(std::string_view stage, double percent) {
    if (request_.progress) request_.progress(percent, stage);
  }

  /// Keeps the sides' `prefer_hash_grouping` for one bisection, restored on every exit.
  class HashGrouping {
   public:
    HashGrouping(Side& source, Side& target) : source_(source), target_(target) {
      source_.prefer_hash_grouping(true);
      target_.prefer_hash_grouping(true);
    }
    ~HashGrouping() {
      for (Side* side : {&source_, &target_}) {
        try {
          side->prefer_hash_grouping(false);
        } catch (const std::exception&) {
          // A broken connection has no session to restore; the error that broke it is
          // already on its way to the caller.
        }
      }
    }
    HashGrouping(const HashGrouping&) = delete;
    HashGrouping& operator=(const HashGrouping&) = delete;

   private:
    Side& source_;
    Side& target_;
  };

  // Keyed tables whose leading key is an integer: bisection over key ranges.
  void run_segmented() {
    const HashGrouping grouping(source_, target_);
    report("bounds", 0);
    check_cancel();
    auto bounds = [](Side& side) {
      return side.query(
          "SELECT min(" + side.key_refs[0] + "), max(" + side.key_refs[0] + ") FROM " + side.table,
          {});
    };
    auto [source_bounds, target_bounds] = on_both(
        concurrent_, [&] { return bounds(source_); }, [&] { return bounds(target_); });
    std::optional<std::int64_t> lo, hi;
    for (const ResultSet* r : {&source_bounds, &target_bounds}) {
      const auto& row = r->rows.at(0);
      if (!row.at(0) || !row.at(1)) continue;
      const std::int64_t a = parse_int64(row[0]);
      const std::int64_t b = parse_int64(row[1]);
      lo = lo ? std::min(*lo, a) : a;
      hi = hi ? std::max(*hi, b) : b;
    }
    if (!lo) return;  // both tables are empty
    if (static_cast<Int128>(*hi) - *lo >= std::numeric_limits<std::int64_t>::max()) {
      throw Error(ErrorKind::kUnprocessable,
                  "the key range " + std::to_string(*lo) + ".." + std::to_string(*hi) +
                      " is wider than 2^63; compare the table in two parts (a filter on the "
                      "key) or without a key");
    }
    const Int128 width = static_cast<Int128>(*hi) - *lo + 1;
    const std::size_t wanted = std::max<std::size_t>(
        1, options_.first_level_segments.value_or(static_cast<std::size_t>(
               width / static_cast<Int128>(std::max<std::size_t>(1, options_.leaf_rows / 8)))));
    // Level 1: the whole key range, in chunks of at most max_segments_per_query segments.
    std::vector<Segment> differing;
    const std::int64_t step = static_cast<std::int64_t>((width + static_cast<Int128>(wanted) - 1) /
                                                        static_cast<Int128>(wanted));
    compare_range(*lo, *hi, step, differing, true, 0, 50);
    result_.stats.levels = 1;
    // Deeper levels: split segments that are too large to list.
    std::vector<Segment> leaves;
    while (!differing.empty()) {
      std::vector<Segment> next;
      ++result_.stats.levels;
      report("bisecting", 50);
      for (const Segment& segment : differing) {
        const std::uint64_t rows = std::max(segment.source.count, segment.target.count);
        const Int128 keys = static_cast<Int128>(segment.hi) - segment.lo + 1;
        if (rows <= options_.leaf_rows || keys <= 1) {
          leaves.push_back(segment);
          continue;
        }
        const std::size_t parts = std::clamp<std::size_t>(
            static_cast<std::size_t>(rows / std::max<std::size_t>(1, options_.leaf_rows / 4)), 2,
            options_.max_segments_per_query);
        const std::int64_t sub_step = static_cast<std::int64_t>(std::max<Int128>(
            1, (keys + static_cast<Int128>(parts) - 1) / static_cast<Int128>(parts)));
        compare_range(segment.lo, segment.hi, sub_step, next, false, 50, 50);
      }
      differing = std::move(next);
    }
    compare_leaves(leaves);
  }

  /// Compares [lo, hi] in segments of `step` keys; differing segments go to `out`.
  void compare_range(std::int64_t lo, std::int64_t hi, std::int64_t step, std::vector<Segment>& out,
                     bool count_rows, double from, double to) {
    const Int128 per_query =
        static_cast<Int128>(step) * static_cast<Int128>(options_.max_segments_per_query);
    const Int128 total = static_cast<Int128>(hi) - lo + 1;
    for (Int128 start = lo; start <= hi; start += per_query) {
      check_cancel();
      const std::int64_t chunk_lo = static_cast<std::int64_t>(start);
      const std::int64_t chunk_hi =
          static_cast<std::int64_t>(std::min<Int128>(hi, start + per_query - 1));
      auto [source_sums, target_sums] = on_both(
          concurrent_, [&] { return source_.segment_sums(chunk_lo, chunk_hi, step); },
          [&] { return target_.segment_sums(chunk_lo, chunk_hi, step); });
      std::map<std::int64_t, Segment> segments;
      for (const auto& [index, sum] : source_sums) segments[index].source = sum;
      for (const auto& [index, sum] : target_sums) segments[index].target = sum;
      for (auto& [index, segment] : segments) {
        ++result_.stats.segments;
        if (count_rows) {
          result_.stats.source_rows += segment.source.count;
          result_.stats.target_rows += segment.target.count;
        }
        if (segment.source.count == segment.target.count &&
            segment.source.sum == segment.target.sum) {
          continue;
        }
        segment.lo = static_cast<std::int64_t>(chunk_lo + static_cast<Int128>(index) * step);
        segment.hi = static_cast<std::int64_t>(
            std::min<Int128>(chunk_hi, static_cast<Int128>(segment.lo) + step - 1));
        out.push_back(segment);
      }
      const double done = static_cast<double>(start - lo + per_query) / static_cast<double>(total);
      report("checksums", from + (to - from) * std::min(1.0, done));
    }
  }

  void compare_leaves(const std::vector<Segment>& leaves) {
    report("listing keys", 70);
    for (std::size_t at = 0; at < leaves.size(); at += options_.leaf_batch) {
      check_cancel();
      std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
      for (std::size_t i = at; i < std::min(leaves.size(), at + options_.leaf_batch); ++i) {
        ranges.emplace_back(leaves[i].lo, leaves[i].hi);
      }
      compare_listings(ranges);
    }
    fetch_details();
  }

  // Keyed tables whose leading key is not an integer: one checksum, then one listing.
  void run_listed() {
    report("checksums", 0);
    check_cancel();
    auto [source_sum, target_sum] = on_both(
        concurrent_, [&] { return source_.table_sum(); }, [&] { return target_.table_sum(); });
    result_.stats.source_rows = source_sum.count;
    result_.stats.target_rows = target_sum.count;
    ++result_.stats.segments;
    if (source_sum.count == target_sum.count && source_sum.sum == target_sum.sum) return;
    report("listing keys", 50);
    compare_listings({});
    fetch_details();
  }

  void compare_listings(const std::vector<std::pair<std::int64_t, std::int64_t>>& ranges) {
    auto list = [&ranges](Side& side) {
      std::unordered_map<std::string, KeyedHash> rows;
      side.list_keys(ranges, rows);
      return rows;
    };
    auto [source_rows, target_rows] = on_both(
        concurrent_, [&] { return list(source_); }, [&] { return list(target_); });
    result_.stats.rows_listed += source_rows.size() + target_rows.size();
    for (auto& [identity, entry] : source_rows) {
      auto found = target_rows.find(identity);
      if (found == target_rows.end()) {
        ++result_.missing;
        pending_missing_.push_back(entry.key);
      } else if (found->second.hash != entry.hash) {
        pending_changed_.emplace_back(entry.key, found->second.key);
      }
    }
    for (auto& [identity, entry] : target_rows) {
      if (!source_rows.contains(identity)) {
        ++result_.extra;
        pending_extra_.push_back(entry.key);
      }
    }
  }

  bool room() const { return result_.rows.size() < options_.max_detailed_rows; }

  /// Point look-ups of the differing keys, for column detail and the reason.
  void fetch_details() {
    report("fetching rows", 85);
    const std::size_t batch = std::max<std::size_t>(1, options_.lookup_batch);
    // Changed candidates: every one is fetched, since only the values tell whether the
    // row differs in value or only in representation.
    for (std::size_t at = 0; at < pending_changed_.size(); at += batch) {
      check_cancel();
      std::vector<std::vector<Value>> source_keys, target_keys;
      for (std::size_t i = at; i < std::min(pending_changed_.size(), at + batch); ++i) {
        source_keys.push_back(pending_changed_[i].first);
        target_keys.push_back(pending_changed_[i].second);
      }
      auto fetch = [](Side& side, const std::vector<std::vector<Value>>& keys) {
        std::unordered_map<std::string, FetchedRow> rows;
        side.fetch_rows(keys, rows);
        return rows;
      };
      auto [source_rows, target_rows] = on_both(
          concurrent_, [&] { return fetch(source_, source_keys); },
          [&] { return fetch(target_, target_keys); });
      result_.stats.rows_fetched += source_rows.size() + target_rows.size();
      for (const auto& [identity, source_row] : source_rows) {
        auto found = target_rows.find(identity);
        if (found == target_rows.end()) continue;  // deleted between the listing and now
        record_changed(source_row, found->second);
      }
    }
    detail_only(pending_missing_, source_, RowDifferenceKind::kMissing);
    detail_only(pending_extra_, target_, RowDifferenceKind::kExtra);
  }

  void record_changed(const FetchedRow& source_row, const FetchedRow& target_row) {
    RowDifference row;
    bool value_differs = false;
    for (std::size_t i = 0; i < request_.columns.size(); ++i) {
      const ComparedColumn& column = request_.columns[i];
      ObservedValue s{source_row.raw[i], source_row.normalized[i]};
      ObservedValue t{target_row.raw[i], target_row.normalized[i]};
      ValueComparison comparison = compare_values({column.source_type, column.target_type}, s, t);
      if (comparison.kind == DifferenceKind::kSame) continue;
      if (comparison.kind == DifferenceKind::kValue) value_differs = true;
      row.columns.push_back({column.source, column.target, s.raw, t.raw, std::move(comparison)});
    }
    if (row.columns.empty()) return;  // equal after all (changed while the diff ran)
    if (value_differs) {
      // Columns of different types differ in representation on every row; in a changed
      // row only the values that differ are news.
      std::erase_if(row.columns, [](const ColumnDifference& column) {
        return column.comparison.kind != DifferenceKind::kValue;
      });
    }
    row.kind = value_differs ? RowDifferenceKind::kChanged : RowDifferenceKind::kRepresentation;
    ++(value_differs ? result_.changed : result_.representation_only);
    if (!room()) {
      result_.detail_truncated = true;
      return;
    }
    row.key = source_row.key;
    result_.rows.push_back(std::move(row));
  }

  void detail_only(const std::vector<std::vector<Value>>& keys, Side& side,
                   RowDifferenceKind kind) {
    const std::size_t batch = std::max<std::size_t>(1, options_.lookup_batch);
    for (std::size_t at = 0; at < keys.size(); at += batch) {
      if (!room()) {
        result_.detail_truncated = true;
        return;
      }
      check_cancel();
      const std::size_t end = std::min(
          keys.size(), at + std::min(batch, options_.max_detailed_rows - result_.rows.size()));
      std::vector<std::vector<Value>> chunk(keys.begin() + static_cast<std::ptrdiff_t>(at),
                                            keys.begin() + static_cast<std::ptrdiff_t>(end));
      std::unordered_map<std::string, FetchedRow> rows;
      side.fetch_rows(chunk, rows);
      result_.stats.rows_fetched += rows.size();
      for (auto& [identity, fetched] : rows) {
        RowDifference row;
        row.kind = kind;
        row.key = std::move(fetched.key);
        row.values = std::move(fetched.raw);
        result_.rows.push_back(std::move(row));
      }
      if (end < std::min(keys.size(), at + batch)) {
        result_.detail_truncated = true;
        return;
      }
    }
  }

  // Tables without key: a multiset of full-row hashes.
  void run_without_key() {
    report("checksums", 0);
    check_cancel();
    auto [source_sum, target_sum] = on_both(
        concurrent_, [&] { return source_.table_sum(); }, [&] { return target_.table_sum(); });
    result_.stats.source_rows = source_sum.count;
    result_.stats.target_rows = target_sum.count;
    ++result_.stats.segments;
    if (source_sum.count == target_sum.count && source_sum.sum == target_sum.sum) return;
    report("listing rows", 40);
    check_cancel();
    std::unordered_map<std::uint64_t, std::int64_t> source_counts, target_counts;
    on_both(
        concurrent_,
        [&] {
          source_.hash_counts(source_counts, 1);
          return 0;
        },
        [&] {
          target_.hash_counts(target_counts, 1);
          return 0;
        });
    result_.stats.rows_listed += source_counts.size() + target_counts.size();
    std::unordered_map<std::uint64_t, std::int64_t> only_source, only_target;
    for (const auto& [hash, count] : source_counts) {
      auto found = target_counts.find(hash);
      const std::int64_t other = found == target_counts.end() ? 0 : found->second;
      if (count > other) only_source[hash] = count - other;
    }
    for (const auto& [hash, count] : target_counts) {
      auto found = source_counts.find(hash);
      const std::int64_t other = found == source_counts.end() ? 0 : found->second;
      if (count > other) only_target[hash] = count - other;
    }
    for (const auto& [hash, count] : only_source)
      result_.missing += static_cast<std::uint64_t>(count);
    for (const auto& [hash, count] : only_target)
      result_.extra += static_cast<std::uint64_t>(count);
    report("fetching rows", 80);
    check_cancel();
    auto sample = [&](Side& side, std::unordered_map<std::uint64_t, std::int64_t>& hashes,
                      RowDifferenceKind kind) {
      if (hashes.size() > options_.max_detailed_rows) {
        result_.detail_truncated = true;
        auto it = hashes.begin();
        std::advance(it, static_cast<std::ptrdiff_t>(options_.max_detailed_rows));
        hashes.erase(it, hashes.end());
      }
      std::unordered_map<std::uint64_t, std::vector<Value>> rows;
      if (!hashes.empty()) side.rows_with_hashes(hashes, rows);
      result_.stats.rows_fetched += rows.size();
      for (auto& [hash, values] : rows) {
        if (!room()) {
          result_.detail_truncated = true;
          return;
        }
        RowDifference row;
        row.kind = kind;
        row.key = values;
        row.values = std::move(values);
        row.count = static_cast<std::uint64_t>(hashes[hash]);
        result_.rows.push_back(std::move(row));
      }
    };
    sample(source_, only_source, RowDifferenceKind::kMissing);
    sample(target_, only_target, RowDifferenceKind::kExtra);
  }

  const TableDiffRequest& request_;
  const DiffOptions& options_;
  bool typed_hash_available_ = false;
  bool concurrent_ = true;
  Side source_;
  Side target_;
  TableDiff result_;
  std::vector<std::vector<Value>> pending_missing_;
  std::vector<std::vector<Value>> pending_extra_;
  std::vector<std::pair<std::vector<Value>, std::vector<Value>>> pending_changed_;
};

}  // namespace

TableDiff diff_table(Connector& source, Connector& target, const TableDiffRequest& request) {
  Differ differ(source, target, request);
  return differ.run();
}

}  // namespace godwit::validation

// The generic type reader: matches the longest type name of a dialect's read table,
// reads its parameters the way the row says, then applies the modifiers every dialect
// shares (UNSIGNED, WITH TIME ZONE, CHARACTER SET, ARRAY, []).
#include "sql/types/type_reader.hpp"

#include <algorithm>
#include <charconv>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "core/text.hpp"
#include "sql/types/type_name_syntax.hpp"

namespace godwit::sql {
namespace {

constexpr std::size_t kMaxNameWords = 5;

std::optional<std::int64_t> parse_number(std::string_view text) {
  std::int64_t value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last) return std::nullopt;
  return value;
}

std::int32_t clamp32(std::int64_t v) {
  if (v > 1'000'000'000) return 1'000'000'000;
  if (v < -1'000'000'000) return -1'000'000'000;
  return static_cast<std::int32_t>(v);
}

std::optional<IntervalField> interval_field(std::string_view word) {
  if (word == "YEAR" || word == "YEARS") return IntervalField::kYear;
  if (word == "MONTH" || word == "MONTHS") return IntervalField::kMonth;
  if (word == "DAY" || word == "DAYS") return IntervalField::kDay;
  if (word == "HOUR" || word == "HOURS") return IntervalField::kHour;
  if (word == "MINUTE" || word == "MINUTES") return IntervalField::kMinute;
  if (word == "SECOND" || word == "SECONDS") return IntervalField::kSecond;
  return std::nullopt;
}

// Read rows grouped by their first word, longest names first: one hash lookup per type
// instead of a scan of the table for every candidate name length.
struct IndexedRule {
  const ReadRule* rule;
  std::vector<std::string> words;
};
using ReadIndex = std::unordered_map<std::string, std::vector<IndexedRule>>;

ReadIndex build_index(const DialectTypeTable& table) {
  ReadIndex index;
  for (const ReadRule& rule : table.read) {
    std::vector<std::string> words;
    for (const std::string& w : split(to_upper(rule.name), ' ')) {
      if (!w.empty()) words.push_back(w);
    }
    if (words.empty()) continue;
    std::string first = words[0];
    index[first].push_back({&rule, std::move(words)});
  }
  for (auto& [word, rules] : index) {
    std::stable_sort(rules.begin(), rules.end(), [](const IndexedRule& a, const IndexedRule& b) {
      return a.words.size() > b.words.size();
    });
  }
  return index;
}

// Built once per table and kept for the life of the process (tables are static data).
const ReadIndex& read_index(const DialectTypeTable& table) {
  thread_local const DialectTypeTable* last_table = nullptr;
  thread_local const ReadIndex* last_index = nullptr;
  if (last_table == &table) return *last_index;
  static std::mutex mutex;
  static std::unordered_map<const DialectTypeTable*, std::unique_ptr<ReadIndex>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  std::unique_ptr<ReadIndex>& slot = cache[&table];
  if (!slot) slot = std::make_unique<ReadIndex>(build_index(table));
  last_table = &table;
  last_index = slot.get();
  return *slot;
}

class Reader {
 public:
  Reader(const TypeTokens& tokens, const DialectTypeTable& table, const ReadOptions& options,
         ReadTypeResult& result)
      : tokens_(tokens), table_(table), options_(options), result_(result) {}

  LogicalType read(TokenRange range, int depth) {
    const std::string_view text = trim(tokens_.text_of(range));
    if (depth > kMaxTypeNesting) return unknown(text, "the type is nested too deeply");
    TypeSyntax syntax = tokens_.parse(range);
    if (!syntax.ok) {
      // Trailing text that is not a type (CHECK (a > 0)) must not lose the type before it.
      if (syntax.segments.empty() || syntax.array_dims > 0) return unknown(text, syntax.error);
      ignore(tokens_.text_of({syntax.stop, range.end}));
    }
    const auto& segs = syntax.segments;

    const ReadRule* rule = nullptr;
    std::size_t used = 0;
    if (!segs[0].is_string && !segs[0].is_number) std::tie(rule, used) = match(segs);

    LogicalType type;
    if (rule == nullptr) {
      std::optional<LogicalType> resolved = resolve_user_type(segs[0]);
      if (resolved) {
        type = std::move(*resolved);
        used = 1;
      } else if (table_.fallback == ReadFallback::kSqliteAffinity) {
        return wrap_arrays(sqlite_affinity(text), syntax, segs.size());
      } else {
        return unknown(text, "not a known " +
                                 std::string(table_.display_name.empty() ? table_.dialect
                                                                         : table_.display_name) +
                                 " type");
      }
    } else {
      type = build(*rule, segs[used - 1], segs, used, depth);
      if (!rule->note_message.empty()) note(rule->note, std::string(rule->note_message));
      if (rule->auto_increment) result_.auto_increment = true;
    }
    const std::size_t consumed = apply_modifiers(type, segs, used);
    // A length unit means nothing without a length; one form keeps equal types equal.
    if (type.kind == TypeKind::kString && !type.length) type.unit = LengthUnit::kCharacters;
    return wrap_arrays(std::move(type), syntax, consumed);
  }

 private:
  LogicalType unknown(std::string_view text, const std::string& why) {
    note(LossCode::kUnknownType, "'" + std::string(text) + "' is kept verbatim: " + why);
    return LogicalType::unknown(text);
  }

  void note(LossCode code, std::string message) {
    TypeLoss loss{code, std::move(message)};
    for (const TypeLoss& existing : result_.notes) {
      if (existing == loss) return;
    }
    result_.notes.push_back(std::move(loss));
  }

  std::pair<const ReadRule*, std::size_t> match(const std::vector<TypeSegment>& segs) const {
    const ReadIndex& index = read_index(table_);
    const TypeSegment& head = segs[0];
    if (head.qualified) {
      // A qualified builtin (pg_catalog.int4, MDSYS.SDO_GEOMETRY): match the last part.
      const std::string_view w = head.word;
      const std::string last = to_upper(w.substr(w.rfind('.') + 1));
      if (auto it = index.find(last); it != index.end()) {
        for (const IndexedRule& r : it->second) {
          if (r.words.size() == 1) return {r.rule, 1};
        }
      }
      return {nullptr, 0};
    }
    auto it = index.find(head.quoted ? to_upper(head.word) : head.word);
    if (it == index.end()) return {nullptr, 0};
    // Candidates are ordered longest name first, so DOUBLE PRECISION beats DOUBLE.
    for (const IndexedRule& r : it->second) {
      const std::size_t n = r.words.size();
      if (n > segs.size() || n > kMaxNameWords) continue;
      bool same = true;
      for (std::size_t i = 0; i < n && same; ++i) {
        const TypeSegment& s = segs[i];
        if (s.is_string || s.is_number || s.qualified || (i + 1 < n && s.bracket != 0)) {
          same = false;
        } else if (i > 0) {
          same = iequals(s.word, r.words[i]);
        }
      }
      if (same) return {r.rule, n};
    }
    return {nullptr, 0};
  }

  std::optional<LogicalType> resolve_user_type(const TypeSegment& seg) const {
    if (!options_.user_types || seg.is_string || seg.is_number) return std::nullopt;
    return options_.user_types(seg.word);
  }

  // The number of a one-token argument, or nullopt.
  std::optional<std::int64_t> number_arg(const TypeSegment& seg, std::size_t index) const {
    if (index >= seg.args.size()) return std::nullopt;
    const TokenRange r = seg.args[index];
    if (r.size() != 1) return std::nullopt;
    const TypeToken& t = tokens_.tokens()[r.begin];
    if (t.kind != TypeTokenKind::kNumber) return std::nullopt;
    return parse_number(t.text);
  }

  bool arg_is_word(const TypeSegment& seg, std::size_t index, std::string_view word) const {
    if (index >= seg.args.size() || seg.args[index].size() != 1) return false;
    const TypeToken& t = tokens_.tokens()[seg.args[index].begin];
    return (t.kind == TypeTokenKind::kWord || t.is('*')) && iequals(t.text, word);
  }

  LogicalType build(const ReadRule& rule, const TypeSegment& seg,
                    const std::vector<TypeSegment>& segs, std::size_t& used, int depth) {
    LogicalType t;
    t.kind = rule.kind;
    switch (rule.params) {
      case ReadParams::kNone:
        t = base_of(rule);
        if (!seg.args.empty()) ignore(tokens_.text_of(seg.range));
        return t;
      case ReadParams::kDisplayWidth:
        t = LogicalType::integer(rule.bits, rule.is_unsigned);
        if (rule.boolean_if_one && number_arg(seg, 0) == 1) {
          note(LossCode::kBooleanConvention,
               seg.word +
                   "(1) is the usual way to store a boolean here; it is read as an "
                   "integer, and values other than 0 and 1 are allowed");
        }
        return t;
      case ReadParams::kBits: {
        const std::int64_t n = seg.args.empty() ? 1 : number_arg(seg, 0).value_or(1);
        if (n <= 1 && rule.boolean_if_one) {
          note(LossCode::kBooleanConvention, seg.word + "(1) is read as BOOLEAN");
          return LogicalType::boolean();
        }
        if (n <= 64) {
          const int bits = n <= 8 ? 8 : n <= 16 ? 16 : n <= 32 ? 32 : 64;
          return LogicalType::integer(bits, true);
        }
        return LogicalType::binary((n + 7) / 8, true);
      }
      case ReadParams::kLength: return read_length(rule, seg);
      case ReadParams::kDecimal: {
        if (seg.args.empty()) return base_of(rule);
        std::optional<std::int32_t> p;
        if (arg_is_word(seg, 0, "*")) {
          p = rule.star_precision;
        } else if (auto n = number_arg(seg, 0)) {
          p = clamp32(*n);
        } else {
          ignore(tokens_.text_of(seg.range));
          return base_of(rule);
        }
        std::optional<std::int32_t> s = 0;
        if (seg.args.size() >= 2) {
          if (auto n = number_arg(seg, 1)) s = clamp32(*n);
        } else if (arg_is_word(seg, 0, "*")) {
          s = std::nullopt;  // NUMBER(*) is NUMBER: a floating decimal
          p = std::nullopt;
        }
        return LogicalType::decimal(p, s);
      }
      case ReadParams::kFloatBits: {
        if (rule.kind == TypeKind::kDecimal) return LogicalType::decimal();
        const auto p = number_arg(seg, 0);
        if (!p) return LogicalType::floating(rule.bits);
        if (seg.args.size() != 1) return LogicalType::floating(rule.bits);  // MySQL FLOAT(M,D)
        return LogicalType::floating(*p <= 24 ? 32 : 64);
      }
      case ReadParams::kFraction: {
        t = base_of(rule);
        if (auto p = number_arg(seg, 0)) t.precision = clamp32(*p);
        return t;
      }
      case ReadParams::kInterval: return read_interval(seg, segs, used);
      case ReadParams::kVerbatimName: {
        // The name is everything between the brackets, commas and nesting included.
        const TokenRange inner{seg.range.begin + 2, seg.range.end > 0 ? seg.range.end - 1 : 0};
        return LogicalType::unknown(seg.bracket != 0 ? tokens_.text_of(inner) : "");
      }
      case ReadParams::kElement:
        if (seg.args.size() == 1) return LogicalType::array(read(seg.args[0], depth + 1));
        return LogicalType::array(LogicalType::simple(TypeKind::kVariant));
      case ReadParams::kPeriod:
        if (seg.args.size() == 1) return LogicalType::period(read(seg.args[0], depth + 1));
        return LogicalType::period(LogicalType::timestamp(6));
      case ReadParams::kFields: return read_fields(seg, depth);
      case ReadParams::kKeyValue:
        if (seg.args.empty()) {
          return LogicalType::map(LogicalType::text(), LogicalType::simple(TypeKind::kVariant));
        }
        if (seg.args.size() == 2 && !looks_like_field(seg.args[0]) &&
            !looks_like_field(seg.args[1])) {
          return LogicalType::map(read(seg.args[0], depth + 1), read(seg.args[1], depth + 1));
        }
        return read_fields(seg, depth);
      case ReadParams::kEnumValues: {
        std::vector<std::string> values;
        for (const TokenRange& r : seg.args) values.push_back(unquote(tokens_.text_of(r)));
        return LogicalType::enumeration(std::move(values), rule.is_set);
      }
    }
    return t;
  }

  // A row's type with its bare-name defaults.
  static LogicalType base_of(const ReadRule& rule) {
    LogicalType t;
    t.kind = rule.kind;
    switch (rule.kind) {
      case TypeKind::kInteger: return LogicalType::integer(rule.bits, rule.is_unsigned);
      case TypeKind::kFloat: return LogicalType::floating(rule.bits);
      case TypeKind::kDecimal: {
        std::optional<std::int32_t> p, s;
        if (rule.default_precision >= 0) p = rule.default_precision;
        if (rule.default_scale >= 0) s = rule.default_scale;
        return LogicalType::decimal(p, s);
      }
      case TypeKind::kString:
      case TypeKind::kBinary: {
        t.fixed = rule.fixed;
        t.large = rule.large;
        t.unit = rule.kind == TypeKind::kBinary ? LengthUnit::kBytes : rule.unit;
        t.charset = rule.charset;
        if (rule.default_length >= 0) t.length = rule.default_length;
        return t;
      }
      case TypeKind::kTime:
      case TypeKind::kTimestamp:
        if (rule.default_precision >= 0) t.precision = rule.default_precision;
        t.time_zone = rule.time_zone;
        return t;
      case TypeKind::kArray: return LogicalType::array(LogicalType::simple(TypeKind::kVariant));
      case TypeKind::kMap:
        return LogicalType::map(LogicalType::text(), LogicalType::simple(TypeKind::kVariant));
      case TypeKind::kStruct: return LogicalType::structure({});
      case TypeKind::kEnum: return LogicalType::enumeration({});
      default: return t;
    }
  }

  LogicalType read_length(const ReadRule& rule, const TypeSegment& seg) {
    LogicalType t = base_of(rule);
    if (seg.args.empty()) {
      if (rule.large_when_bare) {
        t.large = true;
        t.unit = LengthUnit::kBytes;
      }
      return t;
    }
    const TokenRange r = seg.args[0];
    const auto& toks = tokens_.tokens();
    const TypeToken& first = toks[r.begin];
    if (r.size() == 1 && first.kind == TypeTokenKind::kWord && iequals(first.text, "MAX")) {
      t.large = true;
      t.length.reset();
      if (rule.max_length >= 0) t.length = rule.max_length;
      return t;
    }
    auto n = first.kind == TypeTokenKind::kNumber ? parse_number(first.text) : std::nullopt;
    if (!n || *n < 0) {
      ignore(tokens_.text_of(seg.range));
      return t;
    }
    std::int64_t length = *n;
    for (std::size_t i = r.begin + 1; i < r.end; ++i) {
      const std::string word = to_upper(toks[i].text);
      if (word == "K") length *= 1024;
      if (word == "M") length *= 1024 * 1024;
      if (word == "G") length *= 1024LL * 1024 * 1024;
      if (word == "BYTE" || word == "BYTES" || word == "OCTETS") t.unit = LengthUnit::kBytes;
      if (word == "CHAR" || word == "CHARACTER" || word == "CHARACTERS") {
        if (t.kind == TypeKind::kString) t.unit = LengthUnit::kCharacters;
      }
    }
    t.length = length;
    return t;
  }

  LogicalType read_interval(const TypeSegment& seg, const std::vector<TypeSegment>& segs,
                            std::size_t& used) {
    LogicalType t = LogicalType::interval();
    if (auto p = number_arg(seg, 0)) t.scale = clamp32(*p);  // PostgreSQL INTERVAL(3)
    std::size_t i = used;
    auto field_at = [&](std::size_t at) -> std::optional<IntervalField> {
      if (at >= segs.size()) return std::nullopt;
      return interval_field(segs[at].word);
    };
    if (auto from = field_at(i)) {
      t.from_field = *from;
      if (auto p = number_arg(segs[i], 0)) t.precision = clamp32(*p);
      if (*from == IntervalField::kSecond) {
        if (auto s = number_arg(segs[i], 1)) t.scale = clamp32(*s);
      }
      ++i;
      if (i + 1 < segs.size() && segs[i].word == "TO") {
        if (auto to = field_at(i + 1)) {
          t.to_field = *to;
          if (auto s = number_arg(segs[i + 1], 0)) t.scale = clamp32(*s);
          i += 2;
        }
      }
    }
    used = i;
    return t;
  }

  // `name type` or `name: type` rather than a bare type.
  bool looks_like_field(TokenRange r) const {
    if (r.size() < 2) return false;
    const auto& toks = tokens_.tokens();
    const TypeToken& a = toks[r.begin];
    const TypeToken& b = toks[r.begin + 1];
    if (a.kind != TypeTokenKind::kWord && a.kind != TypeTokenKind::kQuotedName) return false;
    return b.is(':') || b.kind == TypeTokenKind::kWord || b.kind == TypeTokenKind::kQuotedName;
  }

  LogicalType read_fields(const TypeSegment& seg, int depth) {
    std::vector<StructField> fields;
    for (const TokenRange& r : seg.args) {
      if (r.empty()) continue;
      StructField f;
      TokenRange type_range = r;
      if (looks_like_field(r)) {
        const TypeToken& name = tokens_.tokens()[r.begin];
        f.name =
            name.kind == TypeTokenKind::kQuotedName ? unquote(name.text) : std::string(name.text);
        type_range.begin = r.begin + 1;
        if (tokens_.tokens()[type_range.begin].is(':')) ++type_range.begin;
      }
      f.type = type_range.empty() ? LogicalType::unknown("") : read(type_range, depth + 1);
      fields.push_back(std::move(f));
    }
    return LogicalType::structure(std::move(fields));
  }

  // Modifiers every dialect shares; returns the index of the first segment not used.
  std::size_t apply_modifiers(LogicalType& t, const std::vector<TypeSegment>& segs, std::size_t i) {
    auto word_at = [&](std::size_t at) -> std::string_view {
      return at < segs.size() && !segs[at].is_string ? std::string_view(segs[at].word)
                                                     : std::string_view();
    };
    while (i < segs.size()) {
      const std::string_view w = word_at(i);
      if (w == "UNSIGNED" || w == "ZEROFILL") {
        if (t.kind == TypeKind::kInteger) t.is_unsigned = true;
        ++i;
      } else if (w == "SIGNED") {
        ++i;
      } else if (w == "WITH" && word_at(i + 1) == "TIME" && word_at(i + 2) == "ZONE") {
        t.time_zone =
            t.kind == TypeKind::kTimestamp ? table_.with_time_zone : TimeZoneKind::kWithTimeZone;
        i += 3;
      } else if (w == "WITH" && word_at(i + 1) == "LOCAL" && word_at(i + 2) == "TIME" &&
                 word_at(i + 3) == "ZONE") {
        t.time_zone = TimeZoneKind::kWithLocalTimeZone;
        i += 4;
      } else if (w == "WITHOUT" && word_at(i + 1) == "TIME" && word_at(i + 2) == "ZONE") {
        t.time_zone = TimeZoneKind::kNone;
        i += 3;
      } else if ((w == "CHARACTER" || w == "CHAR") && word_at(i + 1) == "SET" &&
                 i + 2 < segs.size()) {
        apply_charset(t, segs[i + 2].word);
        i += 3;
      } else if ((w == "CHARSET" || w == "COLLATE") && i + 1 < segs.size()) {
        if (w == "CHARSET") apply_charset(t, segs[i + 1].word);
        i += 2;
      } else if ((w == "ARRAY" || w == "MULTISET") && segs[i].bracket == 0) {
        t = LogicalType::array(std::move(t));
        ++i;
      } else if (w == "FOR" && word_at(i + 1) == "BIT" && word_at(i + 2) == "DATA") {
        if (t.kind == TypeKind::kString) t = LogicalType::binary(t.length, t.fixed);
        i += 3;
      } else {
        break;
      }
    }
    if (i < segs.size()) {
      TokenRange rest{segs[i].range.begin, segs.back().range.end};
      ignore(tokens_.text_of(rest));
    }
    return segs.size();
  }

  static void apply_charset(LogicalType& t, std::string_view charset) {
    if (t.kind != TypeKind::kString) return;
    const std::string c = to_upper(charset);
    const bool unicode = c.find("UTF") != std::string::npos ||
                         c.find("UNICODE") != std::string::npos ||
                         c.find("UCS") != std::string::npos || c == "GRAPHIC";
    t.charset = unicode ? Charset::kUnicode : Charset::kDefault;
  }

  LogicalType wrap_arrays(LogicalType t, const TypeSyntax& syntax, std::size_t /*consumed*/) {
    // `INTEGER ARRAY[5]` is one dimension, already wrapped by the ARRAY modifier.
    int dims = syntax.array_dims;
    if (dims > 0 && !syntax.segments.empty() && syntax.segments.back().word == "ARRAY" &&
        syntax.segments.size() > 1) {
      --dims;
    }
    for (int d = 0; d < dims; ++d) t = LogicalType::array(std::move(t));
    return t;
  }

  void ignore(std::string_view text) {
    if (!text.empty()) result_.ignored.emplace_back(text);
  }

  // SQLite section 3.1: the first matching rule decides the column's affinity.
  LogicalType sqlite_affinity(std::string_view text) {
    const std::string upper = to_upper(text);
    auto has = [&](std::string_view s) { return upper.find(s) != std::string::npos; };
    LogicalType t;
    if (has("INT")) {
      t = LogicalType::integer(64);
    } else if (has("CHAR") || has("CLOB") || has("TEXT")) {
      t = LogicalType::text();
    } else if (has("BLOB") || upper.empty()) {
      t = LogicalType::simple(TypeKind::kVariant);
    } else if (has("REAL") || has("FLOA") || has("DOUB")) {
      t = LogicalType::floating(64);
    } else {
      t = LogicalType::decimal();
    }
    note(LossCode::kAffinity, "'" + std::string(text) + "' has SQLite " +
                                  std::string(t.kind == TypeKind::kInteger   ? "INTEGER"
                                              : t.kind == TypeKind::kString  ? "TEXT"
                                              : t.kind == TypeKind::kVariant ? "BLOB"
                                              : t.kind == TypeKind::kFloat   ? "REAL"
                                                                             : "NUMERIC") +
                                  " affinity; any value may be stored in it");
    return t;
  }

  const TypeTokens& tokens_;
  const DialectTypeTable& table_;
  const ReadOptions& options_;
  ReadTypeResult& result_;
};

}  // namespace

ReadTypeResult read_type(std::string_view text, const DialectTypeTable& table,
                         const ReadOptions& options) {
  ReadTypeResult result;
  const std::string_view trimmed = trim(text);
  if (trimmed.empty()) {
    if (table.fallback == ReadFallback::kSqliteAffinity) {
      result.type = LogicalType::simple(TypeKind::kVariant);
      result.notes.push_back({LossCode::kAffinity,
                              "a column without a declared type has SQLite BLOB affinity; any "
                              "value may be stored in it"});
      return result;
    }
    result.type = LogicalType::unknown("");
    result.notes.push_back({LossCode::kUnknownType, "the type is empty"});
    return result;
  }
  TypeTokens tokens(trimmed);
  if (!tokens.ok()) {
    result.type = LogicalType::unknown(trimmed);
    result.notes.push_back({LossCode::kUnknownType,
                            "'" + std::string(trimmed) + "' is kept verbatim: " + tokens.error()});
    return result;
  }
  Reader reader(tokens, table, options, result);
  result.type = reader.read(tokens.all(), 0);
  return result;
}

}  // namespace godwit::sql

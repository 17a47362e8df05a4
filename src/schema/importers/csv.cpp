// CSV/TSV samples to one catalog table: the separator (comma, semicolon, tab, pipe) and
// quote character are sniffed from the first lines unless given, records are split with
// RFC 4180 quoting (separators, quotes and line breaks inside quoted fields, CRLF), the
// header row is recognised by comparing it with the data under it, and each column's type
// is inferred from its values: boolean, integer (SMALLINT/INTEGER/BIGINT by range),
// decimal (precision and scale), float (exponents), date, time and timestamp (ISO, US and
// EU layouts; the layout goes into the column comment), else a string with its longest
// length. Empty cells, NULL and \N make a column nullable. Up to max_samples distinct
// values are kept per column, and the table's row_count is the number of data rows.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "core/text.hpp"
#include "schema/importers/import_context.hpp"

namespace godwit::schema::importers {
namespace {

using sql::LogicalType;

constexpr std::size_t kSniffLines = 50;
constexpr std::size_t kMaxSampleBytes = 256;
constexpr std::size_t kMaxHeaderName = 128;

/// Replaces bytes that are not UTF-8 with U+FFFD (names and samples end up in JSON).
std::string valid_utf8(std::string_view s, bool* changed = nullptr) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = n > 0 && i + n <= s.size();
    for (std::size_t k = 1; ok && k < n; ++k)
      ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && n == 2 && c < 0xC2) ok = false;  // overlong
    if (ok && n == 3) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d >= 0xA0)) ok = false;  // overlong, surrogate
    }
    if (ok && n == 4) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xF0 && d < 0x90) || c > 0xF4 || (c == 0xF4 && d >= 0x90)) ok = false;
    }
    if (!ok) {
      out += "\xEF\xBF\xBD";
      if (changed) *changed = true;
      ++i;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// One record: its fields and the line it starts on.
struct Record {
  std::vector<std::string> fields;
  std::size_t line = 1;
  std::size_t offset = 0;
};

/// Splits delimited text into records (RFC 4180). Stops after `limit` records when given.
class RecordReader {
 public:
  RecordReader(std::string_view text, char delimiter, char quote)
      : text_(text), delimiter_(delimiter), quote_(quote) {}

  /// The next record, or false at the end. Blank lines are skipped.
  bool next(Record& record) {
    record.fields.clear();
    while (pos_ < text_.size()) {
      record.line = line_;
      record.offset = pos_;
      std::string field;
      bool quoted = false, any = false, was_quoted = false;
      while (pos_ < text_.size()) {
        char c = text_[pos_];
        if (quoted) {
          if (c == quote_) {
            if (pos_ + 1 < text_.size() && text_[pos_ + 1] == quote_) {
              field.push_back(c);
              pos_ += 2;
              continue;
            }
            quoted = false;
            ++pos_;
            continue;
          }
          if (c == '\n') ++line_;
          field.push_back(c);
          ++pos_;
          continue;
        }
        if (c == quote_ && field.empty() && !was_quoted) {
          quoted = was_quoted = any = true;
          ++pos_;
        } else if (c == delimiter_) {
          record.fields.push_back(std::move(field));
          field.clear();
          was_quoted = false;
          any = true;
          ++pos_;
        } else if (c == '\n' || c == '\r') {
          pos_ += (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ? 2 : 1;
          ++line_;
          break;
        } else {
          field.push_back(c);
          any = true;
          ++pos_;
        }
      }
      if (quoted) unterminated_ = true;
      if (any || !field.empty()) {
        record.fields.push_back(std::move(field));
        return true;
      }
      record.fields.clear();
    }
    return false;
  }

  bool unterminated_quote() const { return unterminated_; }

 private:
  std::string_view text_;
  char delimiter_;
  char quote_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  bool unterminated_ = false;
};

/// The separator whose field count is the same on the most of the first lines.
char sniff_delimiter(std::string_view text, char quote) {
  char best = ',';
  double best_score = -1;
  for (char d : {',', ';', '\t', '|'}) {
    RecordReader reader(text.substr(0, 256 * 1024), d, quote);
    Record r;
    std::vector<std::size_t> counts;
    while (counts.size() < kSniffLines && reader.next(r)) counts.push_back(r.fields.size());
    if (counts.size() > 1 && counts.size() < kSniffLines) counts.pop_back();  // may be cut short
    if (counts.empty()) continue;
    std::size_t mode = 0, mode_hits = 0;
    for (std::size_t c : counts) {
      std::size_t hits = static_cast<std::size_t>(std::count(counts.begin(), counts.end(), c));
      if (hits > mode_hits || (hits == mode_hits && c > mode)) mode = c, mode_hits = hits;
    }
    if (mode < 2) continue;
    // Consistency first, then more fields.
    double score =
        static_cast<double>(mode_hits) / counts.size() * 1000 + std::min<std::size_t>(mode, 999);
    if (score > best_score) best = d, best_score = score;
  }
  return best;
}

/// '\'' when fields are wrapped in single quotes and no double quote appears.
char sniff_quote(std::string_view text) {
  std::string_view head = text.substr(0, 64 * 1024);
  if (head.find('"') != std::string_view::npos) return '"';
  std::size_t wrapped = 0;
  for (std::size_t i = 0; i + 1 < head.size(); ++i) {
    if (head[i] != '\'') continue;
    bool starts = i == 0 || std::string_view(",;\t|\n").find(head[i - 1]) != std::string_view::npos;
    if (starts) ++wrapped;
  }
  return wrapped >= 2 ? '\'' : '"';
}

bool is_null_token(std::string_view v) {
  return v.empty() || v == "\\N" || v == "NULL" || v == "null" || v == "Null";
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool valid_date(int y, int m, int d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

/// Date layouts a column may use; a value clears the bits of the layouts it does not fit.
enum DateLayout : unsigned {
  kIso = 1,     ///< YYYY-MM-DD (also YYYY/MM/DD)
  kUs = 2,      ///< MM/DD/YYYY
  kEu = 4,      ///< DD/MM/YYYY
  kEuDots = 8,  ///< DD.MM.YYYY
  kAllDates = 15,
};

unsigned layouts_of_date(std::string_view s) {
  unsigned out = 0;
  if (s.size() == 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4]) {
    if (all_digits(s.substr(0, 4)) && all_digits(s.substr(5, 2)) && all_digits(s.substr(8, 2)) &&
        valid_date(to_int(s.substr(0, 4)), to_int(s.substr(5, 2)), to_int(s.substr(8, 2))))
      out |= kIso;
  }
  // D/M/YYYY with one or two digit parts.
  for (char sep : {'/', '.', '-'}) {
    std::size_t a = s.find(sep);
    if (a == std::string_view::npos) continue;
    std::size_t b = s.find(sep, a + 1);
    if (b == std::string_view::npos) continue;
    std::string_view p1 = s.substr(0, a), p2 = s.substr(a + 1, b - a - 1), y = s.substr(b + 1);
    if (!all_digits(p1) || !all_digits(p2) || !all_digits(y) || p1.size() > 2 || p2.size() > 2 ||
        y.size() != 4)
      continue;
    int x1 = to_int(p1), x2 = to_int(p2), yy = to_int(y);
    if (sep == '.') {
      if (valid_date(yy, x2, x1)) out |= kEuDots;
    } else {
      if (valid_date(yy, x1, x2)) out |= kUs;
      if (valid_date(yy, x2, x1)) out |= kEu;
    }
  }
  return out;
}

/// HH:MM[:SS[.f...]]: the fraction digits, or -1 when not a time of day.
int time_fraction(std::string_view s) {
  if (s.size() < 5 || !all_digits(s.substr(0, 2)) || s[2] != ':' || !all_digits(s.substr(3, 2)))
    return -1;
  if (to_int(s.substr(0, 2)) > 23 || to_int(s.substr(3, 2)) > 59) return -1;
  if (s.size() == 5) return 0;
  if (s.size() < 8 || s[5] != ':' || !all_digits(s.substr(6, 2)) || to_int(s.substr(6, 2)) > 60)
    return -1;
  if (s.size() == 8) return 0;
  if (s[8] != '.' && s[8] != ',') return -1;
  std::string_view f = s.substr(9);
  if (!all_digits(f) || f.size() > 9) return -1;
  return static_cast<int>(f.size());
}

struct TimestampShape {
  unsigned layouts = 0;
  int fraction = 0;
  bool zone = false;
};

std::optional<TimestampShape> timestamp_shape(std::string_view s) {
  std::size_t sep = s.find_first_of("T ");
  if (sep == std::string_view::npos || sep < 8) return std::nullopt;
  TimestampShape out;
  out.layouts = layouts_of_date(s.substr(0, sep));
  if (!out.layouts) return std::nullopt;
  std::string_view t = s.substr(sep + 1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  if (!t.empty() && (t.back() == 'Z' || t.back() == 'z')) {
    out.zone = true;
    t.remove_suffix(1);
  } else if (t.size() > 8) {
    // +HH:MM, -HHMM, +HH after the time.
    std::size_t z = t.find_last_of("+-");
    if (z != std::string_view::npos && z >= 5) {
      std::string_view off = t.substr(z + 1);
      std::string digits;
      for (char c : off)
        if (c != ':') digits += c;
      if (all_digits(digits) && (digits.size() == 2 || digits.size() == 4)) {
        out.zone = true;
        t = t.substr(0, z);
        while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
      }
    }
  }
  int f = time_fraction(t);
  if (f < 0) return std::nullopt;
  out.fraction = f;
  return out;
}

std::string_view layout_name(unsigned layouts) {
  if (layouts & kIso) return "YYYY-MM-DD";
  if ((layouts & kUs) && (layouts & kEu))
    return "MM/DD/YYYY (or DD/MM/YYYY: every value fits both)";
  if (layouts & kUs) return "MM/DD/YYYY";
  if (layouts & kEu) return "DD/MM/YYYY";
  if (layouts & kEuDots) return "DD.MM.YYYY";
  return "";
}

/// What the values of one column allow, narrowed value by value.
struct ColumnEvidence {
  std::size_t values = 0;  ///< non-null cells
  std::size_t nulls = 0;
  bool boolean = true, zero_one = true, integer = true, decimal = true, floating = true;
  bool saw_zero = false, saw_one = false;
  bool time = true;
  int time_fraction_digits = 0;
  unsigned date_layouts = kAllDates;
  unsigned timestamp_layouts = kAllDates;
  int timestamp_fraction = 0;
  bool timestamp_zone = false, timestamp_naive = false;
  bool big_integer = false;  ///< beyond 64 bits
  std::int64_t min = 0, max = 0;
  int int_digits = 0, scale = 0;
  std::size_t max_length = 0;
  std::vector<std::string> samples;

  void add(std::string_view raw, std::size_t max_samples) {
    std::string_view v = trim(raw);
    if (is_null_token(v)) {
      ++nulls;
      return;
    }
    ++values;
    max_length = std::max(max_length, code_points(raw));
    if (samples.size() < max_samples) {
      std::string s = valid_utf8(raw.substr(0, kMaxSampleBytes));
      if (std::find(samples.begin(), samples.end(), s) == samples.end()) samples.push_back(s);
    }
    std::string lower = to_lower(v);
    if (boolean) {
      static constexpr std::array<std::string_view, 8> kWords = {"true", "false", "yes", "no",
                                                                 "t",    "f",     "y",   "n"};
      boolean = std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
    }
    if (zero_one) {
      zero_one = v == "0" || v == "1";
      saw_zero = saw_zero || v == "0";
      saw_one = saw_one || v == "1";
    }
    read_number(v);
    if (time) {
      int f = time_fraction(v);
      time = f >= 0;
      time_fraction_digits = std::max(time_fraction_digits, f);
    }
    if (date_layouts) date_layouts &= layouts_of_date(v);
    if (timestamp_layouts) {
      auto ts = timestamp_shape(v);
      if (!ts) {
        timestamp_layouts = 0;
      } else {
        timestamp_layouts &= ts->layouts;
        timestamp_fraction = std::max(timestamp_fraction, ts->fraction);
        (ts->zone ? timestamp_zone : timestamp_naive) = true;
      }
    }
  }

  void read_number(std::string_view v) {
    if (!integer && !decimal && !floating) return;
    std::string_view s = v;
    bool negative = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
      negative = s[0] == '-';
      s.remove_prefix(1);
    }
    std::size_t dot = s.find('.');
    std::size_t exp = s.find_first_of("eE");
    std::string_view whole = s.substr(0, std::min(dot, exp));
    std::string_view frac =
        dot == std::string_view::npos
            ? std::string_view()
            : s.substr(dot + 1, exp == std::string_view::npos ? exp : exp - dot - 1);
    bool whole_ok = all_digits(whole) || (whole.empty() && !frac.empty());
    bool frac_ok = dot == std::string_view::npos || frac.empty() || all_digits(frac);
    bool exp_ok = true;
    if (exp != std::string_view::npos) {
      std::string_view e = s.substr(exp + 1);
      if (!e.empty() && (e[0] == '-' || e[0] == '+')) e.remove_prefix(1);
      exp_ok = all_digits(e);
    }
    if (!whole_ok || !frac_ok || !exp_ok || s.empty()) {
      integer = decimal = floating = false;
      return;
    }
    // A leading zero ("007", zip codes, ids) is text that happens to be digits.
    if (whole.size() > 1 && whole[0] == '0') {
      integer = decimal = floating = false;
      return;
    }
    if (exp != std::string_view::npos) {
      integer = decimal = false;
      return;
    }
    if (dot != std::string_view::npos) integer = false;
    int digits = static_cast<int>(whole.empty() ? 1 : whole.size());
    int_digits = std::max(int_digits, digits);
    scale = std::max(scale, static_cast<int>(frac.size()));
    if (dot == std::string_view::npos) {
      if (whole.size() > 18) {
        // Past what an int64 surely holds: compare as text against the limit.
        std::string_view limit = negative ? "9223372036854775808" : "9223372036854775807";
        if (whole.size() > 19 || whole > limit) big_integer = true;
      }
      if (!big_integer) {
        std::int64_t value = 0;
        for (char c : whole) {
          int d = c - '0';
          // Accumulate negatively so INT64_MIN fits.
          value = value * 10 - d;
        }
        if (!negative) value = -value;
        if (values == 1 || value < min) min = value;
        if (values == 1 || value > max) max = value;
      }
    }
  }
};

/// The inferred type, and the layout to mention in the comment.
LogicalType infer_type(const ColumnEvidence& e, std::string& layout) {
  if (e.values == 0) return LogicalType::unknown("");
  if (e.boolean) return LogicalType::boolean();
  if (e.zero_one && e.saw_zero && e.saw_one) return LogicalType::boolean();
  if (e.integer) {
    if (e.big_integer) return LogicalType::decimal(std::min(e.int_digits, 38), 0);
    if (e.min >= -32768 && e.max <= 32767) return LogicalType::integer(16);
    if (e.min >= -2147483648LL && e.max <= 2147483647LL) return LogicalType::integer(32);
    return LogicalType::integer(64);
  }
  if (e.decimal) {
    int precision = std::min(e.int_digits + e.scale, 38);
    return LogicalType::decimal(precision, std::min(e.scale, precision));
  }
  if (e.floating) return LogicalType::floating(64);
  if (e.date_layouts) {
    layout = layout_name(e.date_layouts);
    return LogicalType::date();
  }
  if (e.timestamp_layouts && !(e.timestamp_zone && e.timestamp_naive)) {
    layout = std::string(layout_name(e.timestamp_layouts)) + " hh:mm:ss";
    if (e.timestamp_fraction > 0) layout += "." + std::string(e.timestamp_fraction, 'f');
    if (e.timestamp_zone) layout += " with a UTC offset";
    std::optional<std::int32_t> precision;
    if (e.timestamp_fraction > 0) precision = e.timestamp_fraction;
    return LogicalType::timestamp(
        precision, e.timestamp_zone ? sql::TimeZoneKind::kWithTimeZone : sql::TimeZoneKind::kNone);
  }
  if (e.time) {
    layout = "hh:mm:ss";
    return LogicalType::time(e.time_fraction_digits > 0
                                 ? std::optional<std::int32_t>(e.time_fraction_digits)
                                 : std::nullopt);
  }
  return LogicalType::string(static_cast<std::int64_t>(std::max<std::size_t>(e.max_length, 1)));
}

/// Whether `first` is a header: its cells are text where the data under them is typed,
/// or none of them appears again below.
bool is_header(const std::vector<std::string>& first, const std::vector<ColumnEvidence>& data) {
  if (first.empty()) return false;
  int votes = 0;
  for (std::size_t i = 0; i < first.size(); ++i) {
    std::string_view cell = trim(first[i]);
    if (cell.empty()) return false;  // a header names every column
    if (i >= data.size() || data[i].values == 0) continue;
    std::string layout_a, layout_b;
    LogicalType column = infer_type(data[i], layout_a);
    if (column.kind == sql::TypeKind::kString || column.kind == sql::TypeKind::kUnknown) {
      if (std::find(data[i].samples.begin(), data[i].samples.end(), std::string(first[i])) !=
          data[i].samples.end())
        --votes;  // the value appears among the data
      continue;
    }
    ColumnEvidence merged = data[i];
    merged.add(cell, 0);
    LogicalType with = infer_type(merged, layout_b);
    votes += with == column ? -1 : 1;
  }
  if (votes != 0) return votes > 0;
  // Only text columns: a header when its cells are distinct and look like names.
  std::vector<std::string> seen;
  for (const std::string& f : first) {
    std::string_view cell = trim(f);
    if (cell.size() > kMaxHeaderName) return false;
    bool name_like = std::all_of(cell.begin(), cell.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ' ' || c == '-' ||
             c == '.' || static_cast<unsigned char>(c) >= 0x80;
    });
    if (!name_like || std::isdigit(static_cast<unsigned char>(cell[0])) ||
        std::find(seen.begin(), seen.end(), cell) != seen.end())
      return false;
    seen.emplace_back(cell);
  }
  return true;
}

}  // namespace

void import_delimited(ImportContext& ctx, const ImportOptions& options) {
  std::string_view text = ctx.content;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t skipped = ctx.content.size() - text.size();
  if (trim(text).empty()) {
    ctx.error("E-IMPORT-EMPTY", "the file is empty; a CSV sample needs at least one row");
    return;
  }
  if (text.substr(0, 64 * 1024).find('\0') != std::string_view::npos) {
    ctx.error("E-IMPORT-BINARY", "the file contains NUL bytes: it is not CSV text");
    return;
  }
  bool invalid_utf8 = false;
  (void)valid_utf8(text.substr(0, 1 << 20), &invalid_utf8);
  if (invalid_utf8)
    ctx.warning("W-IMPORT-ENCODING",
                "the file is not valid UTF-8 (Latin-1 or another legacy encoding?); invalid bytes "
                "show as U+FFFD in names and samples; save it as UTF-8 for exact values");
  char quote = sniff_quote(text);
  char delimiter = options.delimiter;
  if (delimiter == 0)
    delimiter = ctx.format == SchemaFormat::kTsv ? '\t' : sniff_delimiter(text, quote);

  // Rows: the first max_rows + 1 are kept for inference; the rest are counted.
  RecordReader reader(text, delimiter, quote);
  std::vector<Record> rows;
  Record r;
  std::size_t total = 0;
  while (reader.next(r)) {
    ++total;
    if (rows.size() <= options.max_rows) rows.push_back(r);
  }
  if (reader.unterminated_quote())
    ctx.warning("W-IMPORT-CSV-QUOTE", std::string("a quoted field (") + quote +
                                          ") is not closed before the end of the file; the rest "
                                          "of the file was read as that one field");
  if (rows.empty()) {
    ctx.error("E-IMPORT-EMPTY", "the file has no rows");
    return;
  }
  std::size_t width = 0;
  for (const Record& row : rows) width = std::max(width, row.fields.size());
  if (width > kMaxColumns) {
    ctx.error("E-IMPORT-TOO-MANY-COLUMNS", "a row has " + std::to_string(width) +
                                               " fields; at most " + std::to_string(kMaxColumns) +
                                               " columns are imported");
    width = kMaxColumns;
  }

  // Evidence without the first row decides whether it is a header.
  auto gather = [&](std::size_t from, std::size_t max_samples) {
    std::vector<ColumnEvidence> ev(width);
    for (std::size_t i = from; i < rows.size() && i < from + options.max_rows; ++i)
      for (std::size_t k = 0; k < width; ++k)
        ev[k].add(k < rows[i].fields.size() ? std::string_view(rows[i].fields[k]) : "",
                  max_samples);
    return ev;
  };
  std::vector<ColumnEvidence> below = gather(1, kMaxSampleBytes);
  bool header = is_header(rows[0].fields, below);
  std::vector<ColumnEvidence> evidence =
      header ? gather(1, options.max_samples) : gather(0, options.max_samples);
  std::size_t data_rows = total - (header ? 1 : 0);
  std::size_t expected = header ? rows[0].fields.size() : width;

  std::size_t ragged = 0, first_ragged_line = 0, first_ragged_offset = 0;
  for (std::size_t i = header ? 1 : 0; i < rows.size(); ++i) {
    if (rows[i].fields.size() == expected) continue;
    if (ragged++ == 0) {
      first_ragged_line = rows[i].line;
      first_ragged_offset = rows[i].offset;
    }
  }
  if (ragged > 0)
    ctx.warning("W-IMPORT-CSV-RAGGED",
                std::to_string(ragged) + " rows do not have " + std::to_string(expected) +
                    " fields (first at line " + std::to_string(first_ragged_line) +
                    "); missing fields are read as NULL and extra ones as more columns",
                first_ragged_offset + skipped);

  std::string name = options.table_name.empty() ? base_name(ctx.file) : options.table_name;
  Table* described = nullptr;
  std::size_t matches = 0;
  for (Table& existing : ctx.catalog.tables) {
    if (existing.kind == TableKind::kTable && existing.origin.file != ctx.file &&
        iequals(existing.name.name, name)) {
      described = &existing;
      ++matches;
    }
  }
  if (matches == 1) {
    // A sample of a table a schema file already defined: its values and row count go to
    // that table, whose declared types stay.
    std::string unknown;
    for (std::size_t k = 0; k < width; ++k) {
      std::string col_name = header && k < rows[0].fields.size()
                                 ? valid_utf8(trim(rows[0].fields[k]).substr(0, kMaxHeaderName))
                                 : "";
      Column* target = nullptr;
      for (Column& c : described->columns)
        if (!col_name.empty() && iequals(c.name, col_name)) target = &c;
      if (!target) {
        unknown += (unknown.empty() ? "" : ", ") +
                   (col_name.empty() ? "column_" + std::to_string(k + 1) : col_name);
        continue;
      }
      target->sample_values = std::move(evidence[k].samples);
    }
    described->row_count = static_cast<std::int64_t>(data_rows);
    ctx.info("I-IMPORT-CSV-SAMPLE", "the sample's " + std::to_string(data_rows) +
                                        " rows describe " + described->name.to_string() +
                                        " (defined in " + described->origin.file +
                                        "): its columns get sample values and its row count");
    if (!unknown.empty())
      ctx.warning("W-IMPORT-CSV-UNKNOWN-COLUMN",
                  "the sample has columns that " + described->name.to_string() +
                      " does not: " + unknown + "; their values are not kept");
    return;
  }
  Table t = ctx.make_table("", name);
  t.row_count = static_cast<std::int64_t>(data_rows);
  t.comment = std::string(ctx.format == SchemaFormat::kTsv ? "TSV" : "CSV") + " sample, " +
              std::to_string(data_rows) + " rows" +
              (data_rows > options.max_rows
                   ? " (types inferred from the first " + std::to_string(options.max_rows) + ")"
                   : "");
  for (std::size_t k = 0; k < width; ++k) {
    std::string col_name;
    if (header && k < rows[0].fields.size())
      col_name = valid_utf8(trim(rows[0].fields[k]).substr(0, kMaxHeaderName));
    if (col_name.empty()) col_name = "column_" + std::to_string(k + 1);
    Column c = ctx.make_column(col_name);
    std::string layout;
    c.type = infer_type(evidence[k], layout);
    c.type_text = evidence[k].values == 0 ? "" : sql::to_string(c.type);
    c.nullable = evidence[k].nulls > 0 || evidence[k].values == 0;
    if (!layout.empty()) c.comment = "format " + layout;
    if (evidence[k].values == 0) c.comment = "no values in the sample";
    c.sample_values = std::move(evidence[k].samples);
    ctx.add_column(t, std::move(c));
  }
  ctx.add_table(std::move(t));
}

}  // namespace godwit::schema::importers

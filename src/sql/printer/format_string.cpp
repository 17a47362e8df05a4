// Date format strings between the four languages dialects use: Oracle-style templates
// ('YYYY-MM-DD HH24:MI:SS', Oracle/PostgreSQL/Snowflake TO_CHAR), strftime ('%Y-%m-%d
// %H:%M:%S', BigQuery FORMAT_TIMESTAMP), MySQL DATE_FORMAT ('%Y-%m-%d %H:%i:%s') and Java
// DateTimeFormatter patterns ('yyyy-MM-dd HH:mm:ss', Spark date_format). One table of
// elements, read by longest match and written in the target's spelling; date units too.
#include <array>
#include <cctype>

#include "sql/printer/printer_impl.hpp"

namespace godwit::sql {
namespace {

/// One format element in each style; empty when the style has none.
struct FormatElement {
  std::string_view oracle, strftime, mysql, java;
};

constexpr FormatElement kElements[] = {
    {"YYYY", "%Y", "%Y", "yyyy"},  {"YY", "%y", "%y", "yy"},    {"MONTH", "%B", "%M", "MMMM"},
    {"MON", "%b", "%b", "MMM"},    {"MM", "%m", "%m", "MM"},    {"DDD", "%j", "%j", "DDD"},
    {"DD", "%d", "%d", "dd"},      {"DY", "%a", "%a", "EEE"},   {"DAY", "%A", "%W", "EEEE"},
    {"HH24", "%H", "%H", "HH"},    {"HH12", "%I", "%h", "hh"},  {"HH", "%I", "%I", "hh"},
    {"MI", "%M", "%i", "mm"},      {"SS", "%S", "%S", "ss"},    {"AM", "%p", "%p", "a"},
    {"PM", "%p", "%p", "a"},       {"FF6", "", "%f", "SSSSSS"}, {"FF3", "", "", "SSS"},
    {"TZH:TZM", "%Ez", "", "xxx"}, {"Q", "%Q", "", "Q"},        {"IW", "%V", "%v", ""},
    {"", "%e", "%e", "d"},         {"SS", "%S", "%s", "ss"},
};

std::string_view spelling(const FormatElement& e, FormatStyle s) {
  switch (s) {
    case FormatStyle::kOracle: return e.oracle;
    case FormatStyle::kStrftime: return e.strftime;
    case FormatStyle::kMysql: return e.mysql;
    case FormatStyle::kJava: return e.java;
    case FormatStyle::kNone: return {};
  }
  return {};
}

bool starts_with(std::string_view text, std::string_view prefix, bool fold) {
  if (prefix.empty() || text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = text[i], b = prefix[i];
    if (fold) {
      a = static_cast<char>(std::toupper(static_cast<unsigned char>(a)));
      b = static_cast<char>(std::toupper(static_cast<unsigned char>(b)));
    }
    if (a != b) return false;
  }
  return true;
}

/// Literal text in the target style (letters quoted where they would mean elements).
void put_literal(std::string& out, std::string_view text, FormatStyle to) {
  bool letters = false;
  for (char c : text) letters |= std::isalpha(static_cast<unsigned char>(c)) != 0;
  if (to == FormatStyle::kJava && letters) {
    out += '\'';
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    out += '\'';
  } else if (to == FormatStyle::kOracle && letters) {
    out += '"';
    out += text;
    out += '"';
  } else if ((to == FormatStyle::kStrftime || to == FormatStyle::kMysql)) {
    for (char c : text) {
      if (c == '%') out += '%';
      out += c;
    }
  } else {
    out += text;
  }
}

}  // namespace

std::string convert_date_format(std::string_view format, FormatStyle from, FormatStyle to,
                                std::vector<std::string>& lost) {
  if (from == to || from == FormatStyle::kNone || to == FormatStyle::kNone)
    return std::string(format);
  std::string out;
  std::size_t i = 0;
  while (i < format.size()) {
    // Quoted literal text in the source style.
    if (from == FormatStyle::kOracle && format[i] == '"') {
      std::size_t end = format.find('"', i + 1);
      if (end == std::string_view::npos) end = format.size();
      put_literal(out, format.substr(i + 1, end - i - 1), to);
      i = end + 1;
      continue;
    }
    if (from == FormatStyle::kJava && format[i] == '\'') {
      std::size_t end = format.find('\'', i + 1);
      if (end == std::string_view::npos) end = format.size();
      put_literal(out, end == i + 1 ? "'" : format.substr(i + 1, end - i - 1), to);
      i = end + 1;
      continue;
    }
    if ((from == FormatStyle::kStrftime || from == FormatStyle::kMysql) && format[i] == '%' &&
        i + 1 < format.size() && format[i + 1] == '%') {
      put_literal(out, "%", to);
      i += 2;
      continue;
    }
    // The longest element starting here.
    const FormatElement* best = nullptr;
    std::size_t best_len = 0;
    for (const FormatElement& e : kElements) {
      std::string_view s = spelling(e, from);
      bool fold = from == FormatStyle::kOracle;
      if (s.size() > best_len && starts_with(format.substr(i), s, fold)) {
        // Java letters must match the whole run (yyyy, not yy of yyyy).
        if (from == FormatStyle::kJava) {
          std::size_t run = 0;
          while (i + run < format.size() && format[i + run] == format[i]) ++run;
          if (run != s.size()) continue;
        }
        best = &e;
        best_len = s.size();
      }
    }
    if (best) {
      std::string_view target = spelling(*best, to);
      std::string_view source = format.substr(i, best_len);
      if (target.empty()) {
        lost.emplace_back(source);
        out += source;
      } else {
        out += target;
      }
      i += best_len;
      continue;
    }
    char c = format[i];
    if (std::isalpha(static_cast<unsigned char>(c)) ||
        ((from == FormatStyle::kStrftime || from == FormatStyle::kMysql) && c == '%')) {
      std::size_t len = c == '%' && i + 1 < format.size() ? 2 : 1;
      if (from == FormatStyle::kJava)
        while (i + len < format.size() && format[i + len] == c) ++len;
      lost.emplace_back(format.substr(i, len));
      out += format.substr(i, len);
      i += len;
      continue;
    }
    put_literal(out, format.substr(i, 1), to);
    ++i;
  }
  return out;
}

std::string_view canonical_date_unit(std::string_view unit) {
  struct Alias {
    std::string_view alias, unit;
  };
  // T-SQL DATEPART abbreviations, Snowflake aliases, plurals.
  static constexpr Alias kAliases[] = {
      {"YEAR", "YEAR"},
      {"YEARS", "YEAR"},
      {"YY", "YEAR"},
      {"YYYY", "YEAR"},
      {"Y", "YEAR"},
      {"YYY", "YEAR"},
      {"YR", "YEAR"},
      {"YRS", "YEAR"},
      {"QUARTER", "QUARTER"},
      {"QUARTERS", "QUARTER"},
      {"QQ", "QUARTER"},
      {"Q", "QUARTER"},
      {"QTR", "QUARTER"},
      {"MONTH", "MONTH"},
      {"MONTHS", "MONTH"},
      {"MM", "MONTH"},
      {"M", "MONTH"},
      {"MON", "MONTH"},
      {"MONS", "MONTH"},
      {"WEEK", "WEEK"},
      {"WEEKS", "WEEK"},
      {"WK", "WEEK"},
      {"WW", "WEEK"},
      {"W", "WEEK"},
      {"DAY", "DAY"},
      {"DAYS", "DAY"},
      {"DD", "DAY"},
      {"D", "DAY"},
      {"DAYOFMONTH", "DAY"},
      {"HOUR", "HOUR"},
      {"HOURS", "HOUR"},
      {"HH", "HOUR"},
      {"H", "HOUR"},
      {"HR", "HOUR"},
      {"HRS", "HOUR"},
      {"MINUTE", "MINUTE"},
      {"MINUTES", "MINUTE"},
      {"MI", "MINUTE"},
      {"N", "MINUTE"},
      {"MIN", "MINUTE"},
      {"MINS", "MINUTE"},
      {"SECOND", "SECOND"},
      {"SECONDS", "SECOND"},
      {"SS", "SECOND"},
      {"S", "SECOND"},
      {"SEC", "SECOND"},
      {"SECS", "SECOND"},
      {"MILLISECOND", "MILLISECOND"},
      {"MILLISECONDS", "MILLISECOND"},
      {"MS", "MILLISECOND"},
      {"MICROSECOND", "MICROSECOND"},
      {"MICROSECONDS", "MICROSECOND"},
      {"MCS", "MICROSECOND"},
      {"US", "MICROSECOND"},
      {"DAYOFWEEK", "DAYOFWEEK"},
      {"DOW", "DAYOFWEEK"},
      {"DW", "DAYOFWEEK"},
      {"WEEKDAY", "DAYOFWEEK"},
      {"DAYOFYEAR", "DAYOFYEAR"},
      {"DOY", "DAYOFYEAR"},
      {"DY", "DAYOFYEAR"},
      {"EPOCH", "EPOCH"},
  };
  for (const Alias& a : kAliases)
    if (iequals(a.alias, unit)) return a.unit;
  return {};
}

}  // namespace godwit::sql

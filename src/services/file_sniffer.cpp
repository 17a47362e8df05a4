// Classifying uploaded files (see file_sniffer.hpp).
#include "services/file_sniffer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "core/error.hpp"
#include "core/text.hpp"

namespace godwit::services {
namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;

struct Magic {
  std::string_view bytes;
  std::string_view name;
};

// Formats people upload by mistake, named so the refusal says what the file is.
constexpr std::array<Magic, 14> kBinaryMagics = {{
    {"\x89PNG", "a PNG image"},
    {"\xFF\xD8\xFF", "a JPEG image"},
    {"GIF8", "a GIF image"},
    {"%PDF", "a PDF document"},
    {"\x7F"
     "ELF",
     "an ELF executable"},
    {"MZ", "a Windows executable"},
    {"\x1F\x8B", "a gzip archive (upload the .sql/.json/.csv inside, or a .zip)"},
    {"BZh", "a bzip2 archive"},
    {"\xFD"
     "7zXZ",
     "an xz archive"},
    {"7z\xBC\xAF", "a 7-Zip archive"},
    {"Rar!", "a RAR archive"},
    {"SQLite format 3", "a SQLite database file (connect to it as a live source instead)"},
    {"\xD0\xCF\x11\xE0", "a Microsoft Office document"},
    {"\xCA\xFE\xBA\xBE", "a Java class or Mach-O binary"},
}};

std::string extension_of(std::string_view filename) {
  std::size_t slash = filename.find_last_of("/\\");
  if (slash != std::string_view::npos) filename.remove_prefix(slash + 1);
  std::size_t dot = filename.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  return to_lower(filename.substr(dot + 1));
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string_view skip_bom(std::string_view content) {
  if (starts_with(content, "\xEF\xBB\xBF")) content.remove_prefix(3);
  return content;
}

[[noreturn]] void unsupported(std::string_view filename, const std::string& why) {
  throw Error(ErrorKind::kUnsupportedType,
              "'" + std::string(filename) + "' " + why +
                  "; accepted: SQL scripts (.sql, .ddl), JSON Schema, BigQuery table schema JSON, "
                  "Avro (.avsc), CSV/TSV samples, and .zip archives of these",
              {{std::string(filename), why}});
}

void refuse_binary(std::string_view filename, std::string_view content) {
  for (const Magic& m : kBinaryMagics) {
    if (starts_with(content, m.bytes)) unsupported(filename, "is " + std::string(m.name));
  }
  if (starts_with(content, "\xFF\xFE") || starts_with(content, "\xFE\xFF")) {
    unsupported(filename, "is UTF-16 text; save it as UTF-8");
  }
  std::string_view head = content.substr(0, kSniffBytes);
  std::size_t control = 0;
  for (unsigned char c : head) {
    if (c == 0) unsupported(filename, "is a binary file (it contains NUL bytes), not text");
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  if (control * 100 > head.size()) {
    unsupported(filename, "is a binary file (it is full of control characters), not text");
  }
}

bool looks_like_json(std::string_view content) {
  std::string_view t = trim(content);
  return !t.empty() && (t.front() == '{' || t.front() == '[');
}

bool looks_like_sql(std::string_view content) {
  std::string head = to_upper(content.substr(0, kSniffBytes));
  for (const char* keyword : {"CREATE ", "CREATE\n", "ALTER ", "SELECT ", "INSERT ", "DROP ",
                              "REPLACE VIEW", "COMMENT ON", "SET ", "USE ", "BEGIN"}) {
    std::size_t at = head.find(keyword);
    // A keyword at the start of a line (after optional blanks): not a word in a CSV cell.
    while (at != std::string::npos) {
      std::size_t line = head.rfind('\n', at);
      std::size_t from = line == std::string::npos ? 0 : line + 1;
      if (trim(std::string_view(head).substr(from, at - from)).empty()) return true;
      at = head.find(keyword, at + 1);
    }
  }
  return false;
}

FileKind classify_json(std::string_view filename, const nlohmann::json& doc) {
  auto is_bigquery_field = [](const nlohmann::json& f) {
    return f.is_object() && f.contains("name") && f.contains("type") && f["type"].is_string();
  };
  if (doc.is_object()) {
    if (doc.value("type", nlohmann::json()) == "record" && doc.contains("fields") &&
        doc["fields"].is_array()) {
      return FileKind::kAvroSchema;
    }
    if (doc.contains("$schema") || doc.contains("properties") ||
        doc.value("type", nlohmann::json()) == "object" || doc.contains("$defs") ||
        doc.contains("definitions")) {
      return FileKind::kJsonSchema;
    }
    const nlohmann::json* fields = nullptr;
    if (doc.contains("schema") && doc["schema"].is_object() && doc["schema"].contains("fields")) {
      fields = &doc["schema"]["fields"];
    } else if (doc.contains("fields")) {
      fields = &doc["fields"];
    }
    if (fields != nullptr && fields->is_array() && !fields->empty() &&
        std::all_of(fields->begin(), fields->end(), is_bigquery_field)) {
      return FileKind::kBigQuerySchema;
    }
  }
  if (doc.is_array() && !doc.empty() && std::all_of(doc.begin(), doc.end(), is_bigquery_field)) {
    return FileKind::kBigQuerySchema;
  }
  unsupported(filename,
              "is JSON but not a schema Godwit reads (JSON Schema, a BigQuery table schema or an "
              "Avro record schema)");
}

/// Splits records with RFC 4180 quoting; calls `on_record` for each until it returns false.
template <typename OnRecord>
void for_each_record(std::string_view content, char delimiter, OnRecord on_record) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  bool any = false;
  for (std::size_t i = 0; i < content.size(); ++i) {
    char c = content[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < content.size() && content[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      quoted = true;
      any = true;
    } else if (c == delimiter) {
      fields.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < content.size() && content[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        fields.push_back(std::move(field));
        if (!on_record(fields)) return;
      }
      fields.clear();
      field.clear();
      any = false;
    } else {
      field.push_back(c);
      any = true;
    }
  }
  if (any || !field.empty()) {
    fields.push_back(std::move(field));
    on_record(fields);
  }
}

bool is_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return false;
  std::size_t i = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  bool digit = false, dot = false;
  for (; i < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i])))
      digit = true;
    else if (text[i] == '.' && !dot)
      dot = true;
    else
      return false;
  }
  return digit;
}

bool looks_like_value(std::string_view text) {
  text = trim(text);
  if (is_number(text)) return true;
  // Dates and timestamps: digits with - / : separators.
  return text.size() >= 8 && std::isdigit(static_cast<unsigned char>(text[0])) &&
         text.find_first_not_of("0123456789-/:.T Z") == std::string_view::npos;
}

struct DelimiterGuess {
  char delimiter = 0;
  std::size_t columns = 0;
  double consistency = 0;
};

/// The delimiter whose field count is the same on the most sampled records (and > 1).
DelimiterGuess guess_delimiter(std::string_view content) {
  DelimiterGuess best;
  for (char d : {',', '\t', ';', '|'}) {
    std::map<std::size_t, int> counts;
    int records = 0;
    for_each_record(content.substr(0, kSniffBytes), d, [&](const std::vector<std::string>& f) {
      ++counts[f.size()];
      return ++records < 50;
    });
    if (records == 0) continue;
    auto mode = std::max_element(counts.begin(), counts.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    double consistency = static_cast<double>(mode->second) / records;
    if (mode->first > 1 && (consistency > best.consistency ||
                            (consistency == best.consistency && mode->first > best.columns))) {
      best = {d, mode->first, consistency};
    }
  }
  return best;
}

bool guess_header(std::string_view content, char delimiter) {
  std::vector<std::vector<std::string>> rows;
  for_each_record(content.substr(0, kSniffBytes), delimiter,
                  [&](const std::vector<std::string>& f) {
                    rows.push_back(f);
                    return rows.size() < 20;
                  });
  if (rows.empty()) return false;
  const auto& first = rows[0];
  for (const std::string& cell : first) {
    if (trim(cell).empty() || looks_like_value(cell)) return false;
  }
  if (rows.size() == 1) return true;
  // A header row has no values where later rows do.
  for (std::size_t col = 0; col < first.size(); ++col) {
    for (std::size_t r = 1; r < rows.size(); ++r) {
      if (col < rows[r].size() && looks_like_value(rows[r][col])) return true;
    }
  }
  // All text: a header when its cells are distinct identifiers.
  std::vector<std::string> names(first.begin(), first.end());
  std::sort(names.begin(), names.end());
  return std::adjacent_find(names.begin(), names.end()) == names.end();
}

SniffedFile sniff_delimited(std::string_view filename, std::string_view content, bool tsv_name) {
  DelimiterGuess guess = guess_delimiter(content);
  if (tsv_name && guess.delimiter != '\t') {
    DelimiterGuess tab;
    std::size_t fields = 0;
    for_each_record(content.substr(0, kSniffBytes), '\t', [&](const std::vector<std::string>& f) {
      fields = f.size();
      return false;
    });
    if (fields > 1) guess = {'\t', fields, 1.0};
  }
  if (guess.delimiter == 0) {
    if (looks_like_sql(content)) unsupported(filename, "has a CSV/TSV name but contains SQL");
    if (looks_like_json(content)) unsupported(filename, "has a CSV/TSV name but contains JSON");
    // One column is still a CSV sample.
    return {FileKind::kCsv, ',', guess_header(content, ',')};
  }
  if (guess.consistency < 0.8) {
    unsupported(filename,
                "does not have the same number of fields on each line, so it is not a "
                "CSV/TSV sample");
  }
  FileKind kind = guess.delimiter == '\t' ? FileKind::kTsv : FileKind::kCsv;
  return {kind, guess.delimiter, guess_header(content, guess.delimiter)};
}

SniffedFile sniff_json(std::string_view filename, std::string_view content) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(content);
  } catch (const nlohmann::json::parse_error& e) {
    unsupported(filename, "is not valid JSON (at byte " + std::to_string(e.byte) + ")");
  }
  return {classify_json(filename, doc), 0, false};
}

}  // namespace

std::string_view to_string(FileKind kind) {
  switch (kind) {
    case FileKind::kSql: return "sql";
    case FileKind::kJsonSchema: return "json_schema";
    case FileKind::kBigQuerySchema: return "bigquery_schema";
    case FileKind::kAvroSchema: return "avro";
    case FileKind::kCsv: return "csv";
    case FileKind::kTsv: return "tsv";
    case FileKind::kZip: return "zip";
  }
  return "sql";
}

SniffedFile sniff_file(std::string_view filename, std::string_view raw) {
  if (trim(raw).empty()) {
    throw Error(ErrorKind::kUnprocessable, "'" + std::string(filename) + "' is empty",
                {{std::string(filename), "is empty"}});
  }
  std::string ext = extension_of(filename);
  bool zip_magic = starts_with(raw, "PK\x03\x04") || starts_with(raw, "PK\x05\x06");
  if (ext == "zip") {
    if (!zip_magic) unsupported(filename, "has a .zip name but is not a zip archive");
    return {FileKind::kZip, 0, false};
  }
  if (zip_magic) unsupported(filename, "is a zip archive; give it a .zip name");
  refuse_binary(filename, raw);
  std::string_view content = skip_bom(raw);

  static const std::array<std::string_view, 14> kSqlExtensions = {
      "sql", "ddl", "hql", "bteq", "pls", "pks", "pkb",
      "pck", "prc", "fnc", "trg",  "vw",  "tab", "psql"};
  if (std::find(kSqlExtensions.begin(), kSqlExtensions.end(), ext) != kSqlExtensions.end()) {
    if (looks_like_json(content) && nlohmann::json::accept(content)) {
      unsupported(filename, "has a SQL name but contains JSON");
    }
    return {FileKind::kSql, 0, false};
  }
  if (ext == "json" || ext == "avsc") {
    if (!looks_like_json(content)) {
      unsupported(filename, "has a ." + ext + " name but does not contain JSON");
    }
    SniffedFile sniffed = sniff_json(filename, content);
    if (ext == "avsc" && sniffed.kind != FileKind::kAvroSchema) {
      unsupported(filename, "has an .avsc name but is not an Avro record schema");
    }
    return sniffed;
  }
  if (ext == "csv" || ext == "tsv" || ext == "tab-separated") {
    return sniff_delimited(filename, content, ext == "tsv");
  }
  if (ext.empty() || ext == "txt") {
    if (looks_like_json(content)) return sniff_json(filename, content);
    if (looks_like_sql(content)) return {FileKind::kSql, 0, false};
    DelimiterGuess guess = guess_delimiter(content);
    if (guess.delimiter != 0 && guess.consistency >= 0.8) {
      return sniff_delimited(filename, content, false);
    }
    unsupported(filename, "is text Godwit cannot identify as SQL, a JSON schema or CSV");
  }
  unsupported(filename, "has an extension (." + ext + ") Godwit does not read");
}

std::vector<std::string> first_lines(std::string_view content, std::size_t max_lines) {
  content = skip_bom(content);
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < content.size() && lines.size() < max_lines) {
    std::size_t end = content.find('\n', start);
    std::string_view line =
        content.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string cut(line.substr(0, 500));
    // Keep the preview valid UTF-8 for JSON: drop a sequence the cut split.
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80 &&
           line.size() > 500) {
      cut.pop_back();
    }
    if (!cut.empty() && line.size() > 500 &&
        (static_cast<unsigned char>(cut.back()) & 0xC0) == 0xC0) {
      cut.pop_back();
    }
    lines.push_back(std::move(cut));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

DelimitedSample read_delimited(std::string_view content, char delimiter, bool has_header) {
  DelimitedSample sample;
  content = skip_bom(content);
  bool first = true;
  for_each_record(content, delimiter, [&](const std::vector<std::string>& fields) {
    if (first) {
      first = false;
      sample.columns = fields.size();
      if (has_header) {
        sample.header = fields;
        return true;
      }
    }
    ++sample.rows;
    return true;
  });
  return sample;
}

nlohmann::json describe_json_schema(FileKind kind, std::string_view content) {
  nlohmann::json doc = nlohmann::json::parse(skip_bom(content), nullptr, false);
  nlohmann::json out = nlohmann::json::object();
  if (doc.is_discarded()) return out;
  auto count = [](const nlohmann::json& v) -> std::size_t {
    return v.is_array() || v.is_object() ? v.size() : 0;
  };
  switch (kind) {
    case FileKind::kAvroSchema:
      out["name"] = doc.value("name", "");
      if (doc.contains("namespace")) out["namespace"] = doc["namespace"];
      out["field_count"] = count(doc["fields"]);
      break;
    case FileKind::kJsonSchema:
      out["title"] = doc.value("title", "");
      if (doc.contains("$schema") && doc["$schema"].is_string()) out["draft"] = doc["$schema"];
      out["property_count"] = doc.contains("properties") ? count(doc["properties"]) : 0;
      break;
    case FileKind::kBigQuerySchema: {
      const nlohmann::json& fields = doc.is_array()           ? doc
                                     : doc.contains("schema") ? doc["schema"]["fields"]
                                                              : doc["fields"];
      out["field_count"] = count(fields);
      break;
    }
    default: break;
  }
  return out;
}

}  // namespace godwit::services

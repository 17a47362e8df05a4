// The spreadsheet form of a mapping (see mapping_csv.hpp).
#include "services/mapping_csv.hpp"

#include <cstdio>
#include <map>

#include "core/text.hpp"

namespace godwit::services {
namespace {

constexpr const char* kColumns[] = {"source_table",  "source_column",  "target_table",
                                    "target_column", "transformation", "formula",
                                    "status",        "confidence"};
constexpr std::size_t kMaxRows = 100000;

std::string quoted(const std::string& field) {
  bool needs = field.find_first_of(",\"\r\n") != std::string::npos ||
               (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!needs) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::vector<std::vector<std::string>> split_csv(const std::string& text, std::string& error) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false;
  bool any = false;
  std::size_t i = 0;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;  // UTF-8 BOM
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      in_quotes = true;
      any = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
      } else {
        records.emplace_back();  // blank line: kept so line numbers stay right
      }
      record.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (in_quotes) error = "a quoted field is not closed before the end of the file";
  if (any || !field.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

std::string write_mapping_csv(const std::vector<MappingCsvRow>& rows) {
  std::string out = std::string(kMappingCsvHeader) + "\r\n";
  for (const MappingCsvRow& r : rows) {
    std::string confidence;
    if (r.confidence) {
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "%.2f", *r.confidence);
      confidence = buffer;
    }
    out += quoted(r.source_table) + "," + quoted(r.source_column) + "," + quoted(r.target_table) +
           "," + quoted(r.target_column) + "," + quoted(r.transformation) + "," +
           quoted(r.formula) + "," + quoted(r.status) + "," + confidence + "\r\n";
  }
  return out;
}

std::vector<MappingCsvRow> read_mapping_csv(const std::string& text,
                                            std::vector<FieldError>& errors) {
  std::vector<MappingCsvRow> rows;
  std::string error;
  std::vector<std::vector<std::string>> records = split_csv(text, error);
  if (!error.empty()) {
    errors.push_back({"csv", error});
    return rows;
  }
  if (records.empty() || records[0].empty()) {
    errors.push_back({"csv", std::string("the file is empty; the first line is the header ") +
                                 kMappingCsvHeader});
    return rows;
  }
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < records[0].size(); ++i) {
    std::string name = to_lower(trim(records[0][i]));
    bool known = false;
    for (const char* c : kColumns) known = known || name == c;
    if (!known) {
      errors.push_back({"csv", "unknown column '" + records[0][i] +
                                   "' in the header; the columns are " + kMappingCsvHeader});
      continue;
    }
    position[name] = i;
  }
  for (const char* required : {"source_table", "source_column", "target_table", "target_column"}) {
    if (position.count(required) == 0) {
      errors.push_back({"csv", std::string("the header has no '") + required +
                                   "' column; the columns are " + kMappingCsvHeader});
    }
  }
  if (!errors.empty()) return rows;
  if (records.size() - 1 > kMaxRows) {
    errors.push_back({"csv", "the file has " + std::to_string(records.size() - 1) +
                                 " rows; the limit is " + std::to_string(kMaxRows)});
    return rows;
  }
  auto field = [&](const std::vector<std::string>& record, const char* name) {
    auto it = position.find(name);
    if (it == position.end() || it->second >= record.size()) return std::string();
    return std::string(trim(record[it->second]));
  };
  for (std::size_t i = 1; i < records.size(); ++i) {
    const std::vector<std::string>& record = records[i];
    int line = static_cast<int>(i + 1);
    if (record.empty()) continue;
    std::string prefix = "rows[" + std::to_string(line) + "].";
    if (record.size() > records[0].size()) {
      errors.push_back({prefix + "csv", "the row has " + std::to_string(record.size()) +
                                            " fields; the header has " +
                                            std::to_string(records[0].size())});
      continue;
    }
    MappingCsvRow row;
    row.line = line;
    row.source_table = field(record, "source_table");
    row.source_column = field(record, "source_column");
    row.target_table = field(record, "target_table");
    row.target_column = field(record, "target_column");
    row.transformation = to_lower(field(record, "transformation"));
    row.formula = field(record, "formula");
    row.status = to_lower(field(record, "status"));
    std::string confidence = field(record, "confidence");
    if (!confidence.empty()) {
      try {
        std::size_t used = 0;
        double value = std::stod(confidence, &used);
        if (used != confidence.size() || !(value >= 0 && value <= 1)) throw std::out_of_range("");
        row.confidence = value;
      } catch (const std::exception&) {
        errors.push_back(
            {prefix + "confidence", "'" + confidence + "' is not a number between 0 and 1"});
      }
    }
    if (row.target_table.empty()) errors.push_back({prefix + "target_table", "is required"});
    if (row.target_column.empty()) errors.push_back({prefix + "target_column", "is required"});
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace godwit::services

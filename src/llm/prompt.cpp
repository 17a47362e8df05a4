// Versioned prompts (see prompt.hpp).
#include "llm/prompt.hpp"

#include <openssl/evp.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"
#include "llm/json_schema.hpp"

namespace godwit::llm {
namespace {

[[noreturn]] void bad_prompt(std::string_view file, const std::string& why) {
  throw Error(ErrorKind::kInvalidInput, "prompt file " + std::string(file) + ": " + why);
}

std::string trim_copy(std::string_view text) {
  return std::string(trim(text));
}

/// "/relationships from_table.from_column to_table.to_column"
ReferenceRule parse_reference(std::string_view file, std::string_view line) {
  std::vector<std::string> words;
  for (const std::string& w : split(line, ' ')) {
    if (!trim(w).empty()) words.push_back(trim_copy(w));
  }
  if (words.size() < 2 || words[0].empty() || words[0][0] != '/') {
    bad_prompt(file, "references must read '/array_pointer table_field[.column_field] ...'");
  }
  ReferenceRule rule;
  rule.array_pointer = words[0];
  for (std::size_t i = 1; i < words.size(); ++i) {
    std::size_t dot = words[i].find('.');
    if (dot == std::string::npos)
      rule.fields.push_back({words[i], ""});
    else
      rule.fields.push_back({words[i].substr(0, dot), words[i].substr(dot + 1)});
  }
  return rule;
}

std::string content_id(std::string_view text) {
  return sha256_hex(text).substr(0, 16);
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

Prompt parse_prompt_file(std::string_view file, std::string_view text) {
  std::vector<std::string> lines = split(text, '\n');
  if (lines.empty() || trim(lines[0]) != "---")
    bad_prompt(file, "must start with a '---' front matter");
  Prompt prompt;
  std::size_t i = 1;
  for (; i < lines.size() && trim(lines[i]) != "---"; ++i) {
    std::string_view line = trim(lines[i]);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) bad_prompt(file, "front matter line without ':'");
    std::string key = trim_copy(line.substr(0, colon));
    std::string value = trim_copy(line.substr(colon + 1));
    if (key == "name")
      prompt.name = value;
    else if (key == "schema_name")
      prompt.schema_name = value;
    else if (key == "references")
      prompt.references.push_back(parse_reference(file, value));
    else if (key == "version") {
      try {
        std::size_t used = 0;
        prompt.version = std::stoi(value, &used);
        if (used != value.size()) prompt.version = 0;
      } catch (const std::exception&) {
        prompt.version = 0;
      }
    } else {
      bad_prompt(file, "unknown front matter key '" + key + "'");
    }
  }
  if (i == lines.size()) bad_prompt(file, "front matter is not closed by '---'");
  if (prompt.name.empty() || prompt.version <= 0 || prompt.schema_name.empty()) {
    bad_prompt(file, "front matter needs name, a positive version and schema_name");
  }
  std::string section;
  std::string system, user, schema;
  for (++i; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.rfind("## ", 0) == 0) {
      section = trim_copy(std::string_view(line).substr(3));
      if (section != "system" && section != "user" && section != "answer_schema") {
        bad_prompt(file, "unknown section '" + section + "'");
      }
      continue;
    }
    std::string* target = section == "system"          ? &system
                          : section == "user"          ? &user
                          : section == "answer_schema" ? &schema
                                                       : nullptr;
    if (!target) {
      if (!trim(line).empty()) bad_prompt(file, "text before the first section");
      continue;
    }
    *target += line;
    *target += '\n';
  }
  prompt.system = trim_copy(system);
  prompt.user_template = trim_copy(user);
  if (prompt.system.empty() || prompt.user_template.empty()) {
    bad_prompt(file, "needs non-empty '## system' and '## user' sections");
  }
  prompt.answer_schema = nlohmann::json::parse(schema, nullptr, false);
  if (!prompt.answer_schema.is_object())
    bad_prompt(file, "'## answer_schema' is not a JSON object");
  auto unsupported = unsupported_schema_keywords(prompt.answer_schema);
  if (!unsupported.empty()) {
    bad_prompt(file, "answer schema uses keywords the validator does not check: " +
                         join(unsupported, ", "));
  }
  return prompt;
}

const std::vector<Prompt>& all_prompts() {
  static const std::vector<Prompt> prompts = [] {
    std::vector<Prompt> out;
    for (const EmbeddedPromptFile& f : embedded_prompt_files()) {
      out.push_back(parse_prompt_file(f.file_name, f.text));
    }
    std::sort(out.begin(), out.end(),
              [](const Prompt& a, const Prompt& b) { return a.name < b.name; });
    return out;
  }();
  return prompts;
}

const Prompt* find_prompt(std::string_view name) {
  for (const Prompt& p : all_prompts()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

RenderedPrompt render_prompt(const Prompt& prompt, const std::vector<PromptData>& data,
                             bool allow_sample_values) {
  RenderedPrompt out;
  out.system = prompt.system;
  const std::string& tmpl = prompt.user_template;
  std::vector<bool> used(data.size(), false);
  // One pass over the template, so text inside a datum is never searched for
  // placeholders (a schema comment saying "{{samples}}" stays data).
  std::string user;
  std::size_t pos = 0;
  while (pos < tmpl.size()) {
    std::size_t open = tmpl.find("{{", pos);
    std::size_t close = open == std::string::npos ? open : tmpl.find("}}", open + 2);
    if (close == std::string::npos) {
      user.append(tmpl, pos, std::string::npos);
      break;
    }
    user.append(tmpl, pos, open - pos);
    std::string name = tmpl.substr(open + 2, close - open - 2);
    pos = close + 2;
    const PromptData* datum = nullptr;
    for (std::size_t i = 0; i < data.size(); ++i) {
      if (data[i].placeholder == name) {
        datum = &data[i];
        used[i] = true;
      }
    }
    if (!datum) {
      user += "(none)";
    } else if (datum->sample_values && !allow_sample_values) {
      user += "(sample values withheld: this project does not allow sending them)";
      out.samples_withheld = true;
    } else {
      std::string id = content_id(datum->text);
      user += "<<<DATA name=" + name + " id=" + id + ">>>\n" + datum->text;
      if (datum->text.empty() || datum->text.back() != '\n') user += '\n';
      user += "<<<END DATA id=" + id + ">>>";
    }
  }
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (!used[i]) {
      throw Error(ErrorKind::kInvalidInput,
                  "prompt " + prompt.id() + " has no placeholder {{" + data[i].placeholder + "}}");
    }
  }
  out.user = std::move(user);
  return out;
}

}  // namespace godwit::llm

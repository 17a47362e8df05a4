// Verification: every generated SQL file is parsed back by Godwit's parser in the dialect
// it was written in (dbt models after replacing their config()/source()/ref() calls with
// what dbt would render), so a file that does not parse is reported before a person sees
// it. Values in, values out.
#pragma once

#include <string>
#include <vector>

#include "codegen/codegen.hpp"
#include "core/diagnostics.hpp"

namespace godwit::codegen {

struct FileVerification {
  std::string path;
  bool checked = false;  ///< a SQL file Godwit parses; other languages are checked by tests
  bool ok = true;        ///< no parse errors
  std::size_t statements = 0;
  std::vector<Diagnostic> diagnostics;  ///< errors and warnings of the parse
};

/// Renders the dbt Jinja Godwit writes: {{ config(...) }} -> nothing,
/// {{ source('s', 't') }} -> s.t, {{ ref('m') }} -> m, {{ macro(args) }} -> the call.
std::string render_dbt_sql(std::string_view text);

FileVerification verify_file(const GeneratedFile& file);
std::vector<FileVerification> verify(const GenerationResult& result);

}  // namespace godwit::codegen

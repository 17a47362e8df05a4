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

/// A one-parameter dbt macro as Godwit writes them (macros/*.sql):
/// {% macro name(param) -%} body with {{ param }} {%- endmacro %}.
struct DbtMacro {
  std::string name;
  std::string param;
  std::string body;
};

/// The macros defined in a dbt macro file's text.
std::vector<DbtMacro> parse_dbt_macros(std::string_view text);

/// Renders the dbt Jinja Godwit writes: {{ config(...) }} -> nothing,
/// {{ source('s', 't') }} -> s.t, {{ ref('m') }} -> m, {{ m('arg') }} of a macro in
/// `macros` -> its body with the argument, another {{ macro(args) }} -> the call.
std::string render_dbt_sql(std::string_view text, const std::vector<DbtMacro>& macros = {});

/// Parses `file` back; dbt models expand `macros` (those of the generation's macros/ files).
FileVerification verify_file(const GeneratedFile& file, const std::vector<DbtMacro>& macros = {});
std::vector<FileVerification> verify(const GenerationResult& result);

}  // namespace godwit::codegen

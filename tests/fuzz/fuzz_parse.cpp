// libFuzzer target for the SQL front end: the first byte picks a dialect, the rest is the
// script. Any crash, sanitizer report, hang or broken invariant is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "sql/ast/ast_dump.hpp"
#include "sql/dialect/detect.hpp"
#include "sql/parser/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto dialects = godwit::sql::all_dialects();
  const godwit::sql::Dialect& dialect = *dialects[data[0] % dialects.size()];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  godwit::sql::ParseResult r = godwit::sql::parse_sql(text, dialect);
  // Every statement is either parsed or skipped with a diagnostic.
  if (r.stats.statements != r.stats.parsed + r.stats.skipped) std::abort();
  if (r.stats.skipped != r.skipped.size()) std::abort();
  for (const godwit::sql::Statement* s : r.statements) {
    if (s->span.end < s->span.begin || s->span.end > text.size()) std::abort();
    (void)godwit::sql::dump_statement(*s);  // walks every node
  }
  (void)godwit::sql::detect_dialect(text);
  return 0;
}

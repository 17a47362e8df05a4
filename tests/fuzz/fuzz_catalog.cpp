// libFuzzer target for the catalog: the first byte picks a dialect, the rest is the
// script, parsed and then built into a catalog (with lineage) and printed as JSON and
// text. Any crash, sanitizer report or hang is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "schema/builder.hpp"
#include "schema/catalog_json.hpp"
#include "sql/parser/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto dialects = godwit::sql::all_dialects();
  const godwit::sql::Dialect& dialect = *dialects[data[0] % dialects.size()];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  godwit::sql::ParseResult r = godwit::sql::parse_sql(text, dialect);
  godwit::schema::CatalogBuilder builder;
  builder.add(r, "fuzz.sql");
  builder.add(r, "again.sql");  // the same statements twice: every redefinition path
  godwit::schema::Catalog catalog = builder.finish();
  (void)godwit::schema::to_json(catalog).dump(-1, ' ', false,
                                              nlohmann::json::error_handler_t::replace);
  (void)godwit::schema::format_catalog(catalog);
  return 0;
}

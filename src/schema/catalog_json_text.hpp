// The catalog's JSON form (catalog_json.hpp) streamed to text without building the tree
// (implemented in catalog_json.cpp beside the tree form it must match).
#pragma once

#include <string>

#include "schema/catalog.hpp"

namespace godwit::schema {

/// The text of to_json(catalog) as dump(-1, ' ', false, error_handler_t::replace) prints
/// it, written straight to text (JsonWriter): a 100,000-column catalog is a million JSON
/// nodes as a tree, and building then freeing them took seconds. Byte-identical for
/// UTF-8 strings; an invalid UTF-8 sequence may become a different number of U+FFFD
/// (see json_writer.hpp).
std::string catalog_json_text(const Catalog& catalog);

}  // namespace godwit::schema

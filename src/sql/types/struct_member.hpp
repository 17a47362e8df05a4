// Members of STRUCT types by path, for the places that take a target column path such as
// "address.city" (code generation, validation's schema check).
#pragma once

#include <string>
#include <string_view>

#include "sql/types/logical_type.hpp"

namespace godwit::sql {

/// The member at `path` of a STRUCT type ("city", or "address.city" through a nested
/// STRUCT), names matched case-insensitively; nullptr when a step is not a member of a
/// STRUCT (an ARRAY of STRUCTs included). `spelled`, when given, gets the path as the types
/// spell it.
const StructField* find_struct_member(const LogicalType& type, std::string_view path,
                                      std::string* spelled = nullptr);

}  // namespace godwit::sql

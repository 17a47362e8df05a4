// Random (version 4) UUIDs for every row id, and strict parsing of ids from clients.
#pragma once

#include <string>
#include <string_view>

namespace godwit {

/// A new random UUID in canonical lower-case 8-4-4-4-12 form.
std::string new_uuid();

/// True when `text` is a canonical UUID (any version, either case).
bool is_uuid(std::string_view text);

}  // namespace godwit

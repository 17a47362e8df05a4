// Strict base64url (RFC 4648 section 5, no padding) shared by the token units. Internal
// to godwit_auth: decoding refuses padding, whitespace and non-canonical trailing bits so
// one token has exactly one spelling.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace godwit::auth {

std::string base64url_encode(std::string_view bytes);

/// nullopt for any character outside [A-Za-z0-9_-], for '=', and for a length or final
/// character no encoder would produce.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace godwit::auth

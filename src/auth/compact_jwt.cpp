// Structural decoding of compact JWS tokens; no trust is given to anything decoded here.
#include "auth/compact_jwt.hpp"

#include <limits>

#include "auth/base64url.hpp"

namespace godwit::auth {
namespace {

std::optional<nlohmann::json> decode_json_object(std::string_view segment) {
  if (segment.empty()) return std::nullopt;
  std::optional<std::string> text = base64url_decode(segment);
  if (!text) return std::nullopt;
  // No exceptions: a parse error is an ordinary refusal, and comments are not JSON.
  nlohmann::json value = nlohmann::json::parse(*text, nullptr, false, false);
  if (value.is_discarded() || !value.is_object()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<CompactJwt> split_compact_jwt(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenBytes) return std::nullopt;
  std::size_t first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  std::size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  if (token.find('.', second + 1) != std::string_view::npos) return std::nullopt;

  std::string_view header_segment = token.substr(0, first);
  std::string_view payload_segment = token.substr(first + 1, second - first - 1);
  std::string_view signature_segment = token.substr(second + 1);
  if (payload_segment.empty()) return std::nullopt;

  std::optional<nlohmann::json> header = decode_json_object(header_segment);
  if (!header) return std::nullopt;
  std::optional<std::string> signature = base64url_decode(signature_segment);
  if (!signature) return std::nullopt;

  // Validate the payload's alphabet now so that "malformed" is decided before any
  // signature work; its JSON is read only after the signature is checked.
  if (!base64url_decode(payload_segment)) return std::nullopt;

  return CompactJwt{.header = std::move(*header),
                    .signing_input = token.substr(0, second),
                    .payload_segment = payload_segment,
                    .signature = std::move(*signature)};
}

std::optional<nlohmann::json> decode_jwt_payload(std::string_view payload_segment) {
  return decode_json_object(payload_segment);
}

TimeClaim read_time_claim(const nlohmann::json& claims, const char* name) {
  auto it = claims.find(name);
  if (it == claims.end()) return {};
  TimeClaim invalid{.state = TimeClaimState::kInvalid};
  if (it->is_number_unsigned()) {
    auto value = it->get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max() / 2)) {
      return invalid;
    }
    return {.state = TimeClaimState::kPresent, .value = static_cast<std::int64_t>(value)};
  }
  if (it->is_number_integer()) {
    auto value = it->get<std::int64_t>();
    if (value < 0) return invalid;
    return {.state = TimeClaimState::kPresent, .value = value};
  }
  return invalid;
}

}  // namespace godwit::auth

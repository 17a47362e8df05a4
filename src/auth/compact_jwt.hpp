// Splitting and decoding of compact JWS tokens (header.payload.signature), shared by the
// HS256 access tokens and the RS256 Google ID tokens. Internal to godwit_auth. It checks
// structure only; each verifier pins its own algorithm and checks its own claims, and the
// payload is decoded only after the signature has been checked.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace godwit::auth {

/// Longest token accepted before any decoding: far above a real Google ID token or one of
/// our access tokens, low enough that junk input costs nothing.
inline constexpr std::size_t kMaxTokenBytes = 16 * 1024;

struct CompactJwt {
  nlohmann::json header;           ///< always an object
  std::string_view signing_input;  ///< "header.payload", what the signature covers
  std::string_view payload_segment;
  std::string signature;  ///< decoded bytes, possibly empty
};

/// nullopt unless the token has exactly three base64url segments (no whitespace, no
/// padding), a non-empty header and payload, and a header that is a JSON object.
std::optional<CompactJwt> split_compact_jwt(std::string_view token);

/// The payload as a JSON object, or nullopt.
std::optional<nlohmann::json> decode_jwt_payload(std::string_view payload_segment);

/// The state of one NumericDate claim. Fractional, negative, out-of-range and non-numeric
/// values are kInvalid: we never round a time claim.
enum class TimeClaimState { kAbsent, kInvalid, kPresent };
struct TimeClaim {
  TimeClaimState state = TimeClaimState::kAbsent;
  std::int64_t value = 0;
};
TimeClaim read_time_claim(const nlohmann::json& claims, const char* name);

}  // namespace godwit::auth

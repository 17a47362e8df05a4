// Wall-clock helpers: timestamps are stored and served as ISO 8601 UTC strings.
#pragma once

#include <cstdint>
#include <string>

namespace godwit {

/// Seconds since the Unix epoch.
std::int64_t unix_now();

/// `2026-11-25T07:54:54.123Z` for the current instant.
std::string iso8601_now();

/// ISO 8601 UTC for a Unix time in seconds.
std::string iso8601_from_unix(std::int64_t seconds);

}  // namespace godwit

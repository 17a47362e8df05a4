// Time-ordered (version 7) UUIDs for rows inserted in bulk (implemented in uuid.cpp).
#pragma once

#include <cstdint>
#include <string>

namespace godwit {

/// Version 7 UUIDs (RFC 9562) that increase in the order one generator makes them: the
/// millisecond the generator was made, 44 random bits fixed per generator, then a
/// counter. Rows inserted in bulk with these ids append to the primary-key B-tree (and
/// to indexes on ids of rows made earlier by the same generator) instead of touching a
/// random page per row. Not thread-safe: one generator per batch.
class OrderedUuids {
 public:
  OrderedUuids();
  std::string next();

 private:
  std::uint64_t millis_ = 0;
  std::uint64_t random_ = 0;  ///< 44 bits
  std::uint64_t counter_ = 0;
};

}  // namespace godwit

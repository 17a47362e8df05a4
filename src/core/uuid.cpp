#include "core/uuid.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <random>

#include "core/ordered_uuid.hpp"

namespace godwit {

namespace {

std::string canonical(const std::array<std::uint8_t, 16>& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0x0F]);
  }
  return out;
}

}  // namespace

OrderedUuids::OrderedUuids()
    : millis_(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count())) {
  std::random_device rd;
  random_ = ((static_cast<std::uint64_t>(rd()) << 32) | rd()) & ((std::uint64_t{1} << 44) - 1);
}

std::string OrderedUuids::next() {
  // 48 bits of time, version 7, 12 random bits, variant 10, a 30-bit counter, 32 random
  // bits. After 2^30 ids the counter would wrap; a batch never comes near that.
  std::uint64_t count = counter_++ & ((std::uint64_t{1} << 30) - 1);
  std::uint64_t high = (millis_ << 16) | (std::uint64_t{7} << 12) | (random_ >> 32);
  std::uint64_t low = (std::uint64_t{2} << 62) | (count << 32) | (random_ & 0xFFFFFFFFu);
  std::array<std::uint8_t, 16> bytes{};
  for (std::size_t i = 0; i < 8; ++i) {
    bytes[i] = static_cast<std::uint8_t>(high >> (56 - 8 * i));
    bytes[8 + i] = static_cast<std::uint8_t>(low >> (56 - 8 * i));
  }
  return canonical(bytes);
}

std::string new_uuid() {
  // A per-thread engine seeded from the OS: ids need uniqueness, not secrecy.
  thread_local std::mt19937_64 engine{[] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }()};
  std::array<std::uint8_t, 16> bytes{};
  for (std::size_t i = 0; i < bytes.size(); i += 8) {
    std::uint64_t word = engine();
    for (std::size_t j = 0; j < 8; ++j) bytes[i + j] = static_cast<std::uint8_t>(word >> (8 * j));
  }
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x40);
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);
  return canonical(bytes);
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace godwit

// Reading uploaded zip archives safely: every entry is checked before a byte of it is
// inflated — no absolute or parent-relative names (zip-slip), a bounded entry count, a
// bounded total uncompressed size and a bounded compression ratio (zip bombs). Entry
// names are only ever used as labels; nothing here writes to the file system.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace godwit::services {

struct ZipLimits {
  std::size_t max_entries = 1000;
  std::uint64_t max_total_bytes = 512ull << 20;  ///< uncompressed, all entries together
  std::uint64_t max_entry_bytes = 100ull << 20;  ///< uncompressed, one entry
  std::uint64_t max_ratio = 100;                 ///< uncompressed / compressed, per entry
};

struct ZipEntry {
  std::string name;     ///< path inside the archive
  std::string content;  ///< uncompressed bytes
};

/// The regular files of the archive (directories and macOS/hidden metadata skipped).
/// Throws godwit::Error: kUnprocessable for an unreadable or unsafe archive (naming the
/// entry and the rule), kTooLarge when a size limit is exceeded (naming the limit).
std::vector<ZipEntry> read_zip(std::string_view archive_name, std::string_view bytes,
                               const ZipLimits& limits);

/// A zip archive (deflated) of `entries`, in memory, entry names as given.
std::string write_zip(const std::vector<ZipEntry>& entries);

}  // namespace godwit::services

// Reading uploaded zip archives safely (see zip_archive.hpp).
#include "services/zip_archive.hpp"

#include <zip.h>

#include <memory>

#include "core/error.hpp"

namespace godwit::services {
namespace {

struct ArchiveCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

[[noreturn]] void unsafe(std::string_view archive, const std::string& entry,
                         const std::string& why) {
  throw Error(ErrorKind::kUnprocessable,
              "the archive '" + std::string(archive) + "' was refused: " + why,
              {{entry.empty() ? std::string(archive) : entry, why}});
}

[[noreturn]] void too_large(std::string_view archive, const std::string& why) {
  throw Error(ErrorKind::kTooLarge,
              "the archive '" + std::string(archive) + "' was refused: " + why,
              {{std::string(archive), why}});
}

std::string mib(std::uint64_t bytes) {
  return std::to_string(bytes >> 20) + " MiB";
}

bool unsafe_name(const std::string& name) {
  if (name.empty() || name[0] == '/' || name[0] == '\\') return true;
  if (name.size() > 1 && name[1] == ':') return true;  // C:\...
  if (name.find('\\') != std::string::npos) return true;
  if (name.find('\0') != std::string::npos) return true;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    std::string part =
        name.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (part == "..") return true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return false;
}

bool skipped_name(const std::string& name) {
  if (name.back() == '/') return true;  // a directory
  if (name.rfind("__MACOSX/", 0) == 0) return true;
  std::size_t slash = name.rfind('/');
  std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
  return base.empty() || base[0] == '.';
}

}  // namespace

std::vector<ZipEntry> read_zip(std::string_view archive_name, std::string_view bytes,
                               const ZipLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    unsafe(archive_name, "", "it could not be opened");
  }
  std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    zip_source_free(source);
    std::string why =
        std::string("it is not a readable zip archive (") + zip_error_strerror(&error) + ")";
    zip_error_fini(&error);
    unsafe(archive_name, "", why);
  }
  zip_error_fini(&error);

  zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  if (count < 0) unsafe(archive_name, "", "its directory could not be read");
  if (static_cast<std::uint64_t>(count) > limits.max_entries) {
    unsafe(archive_name, "",
           "it has " + std::to_string(count) + " entries; the limit is " +
               std::to_string(limits.max_entries));
  }

  // Every entry is checked from the central directory before anything is inflated.
  std::uint64_t total = 0;
  std::vector<std::pair<zip_uint64_t, std::string>> wanted;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE) ||
        !(st.valid & ZIP_STAT_COMP_SIZE)) {
      unsafe(archive_name, "", "entry " + std::to_string(i) + " could not be read");
    }
    std::string name = st.name;
    if (unsafe_name(name)) {
      unsafe(archive_name, name,
             "the entry '" + name + "' has an absolute or parent-relative path (zip-slip)");
    }
    if (skipped_name(name)) continue;
    if (st.size > limits.max_entry_bytes) {
      too_large(archive_name, "the entry '" + name + "' is " + mib(st.size) +
                                  " uncompressed; the limit per file is " +
                                  mib(limits.max_entry_bytes));
    }
    if (st.size > limits.max_ratio * std::max<zip_uint64_t>(st.comp_size, 1)) {
      unsafe(archive_name, name,
             "the entry '" + name + "' expands " +
                 std::to_string(st.size / std::max<zip_uint64_t>(st.comp_size, 1)) +
                 " times (a zip bomb?); the limit is " + std::to_string(limits.max_ratio) +
                 " times");
    }
    total += st.size;
    if (total > limits.max_total_bytes) {
      too_large(archive_name, "its files add up to more than " + mib(limits.max_total_bytes) +
                                  " uncompressed, the limit");
    }
    wanted.emplace_back(static_cast<zip_uint64_t>(i), name);
  }

  std::vector<ZipEntry> entries;
  for (const auto& [index, name] : wanted) {
    zip_stat_t st;
    zip_stat_index(archive.get(), index, 0, &st);
    std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(archive.get(), index, 0));
    if (!file)
      unsafe(archive_name, name, "the entry '" + name + "' could not be opened (encrypted?)");
    ZipEntry entry{name, std::string()};
    // Read at most the declared size (+1 to notice a lie); libzip checks the CRC at EOF.
    entry.content.resize(static_cast<std::size_t>(st.size) + 1);
    std::size_t got = 0;
    while (got < entry.content.size()) {
      zip_int64_t n = zip_fread(file.get(), entry.content.data() + got, entry.content.size() - got);
      if (n < 0) unsafe(archive_name, name, "the entry '" + name + "' is corrupt");
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    if (got != st.size) {
      unsafe(archive_name, name, "the entry '" + name + "' is not the size its header declares");
    }
    entry.content.resize(got);
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::string write_zip(const std::vector<ZipEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) throw Error(ErrorKind::kUnavailable, "cannot create a zip archive in memory");
  zip_source_keep(buffer);  // still needed after zip_close, to read the archive back
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> keep(buffer, zip_source_free);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) throw Error(ErrorKind::kUnavailable, "cannot create a zip archive in memory");
  for (const ZipEntry& e : entries) {
    zip_source_t* data = zip_source_buffer(archive, e.content.data(), e.content.size(), 0);
    if (!data ||
        zip_file_add(archive, e.name.c_str(), data, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (data) zip_source_free(data);
      zip_discard(archive);
      throw Error(ErrorKind::kUnavailable, "cannot add " + e.name + " to the zip archive");
    }
  }
  if (zip_close(archive) < 0) {
    zip_discard(archive);
    throw Error(ErrorKind::kUnavailable, "cannot write the zip archive");
  }
  std::string out;
  if (zip_source_open(buffer) < 0)
    throw Error(ErrorKind::kUnavailable, "cannot read the zip archive");
  zip_source_seek(buffer, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  if (size > 0) {
    out.resize(static_cast<std::size_t>(size));
    zip_int64_t got = zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size));
    out.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  }
  zip_source_close(buffer);
  return out;
}

}  // namespace godwit::services

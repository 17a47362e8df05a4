// Shared helpers of the corpus tests: where the shared corpus lives, and its MANIFEST.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace godwit::testing {

/// The shared corpora directory: $GODWIT_SHARED, else ../shared beside the source tree.
inline std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("GODWIT_SHARED"); env && *env) return env;
  if (const char* src = std::getenv("GODWIT_SOURCE_DIR"); src && *src)
    return std::filesystem::path(src) / ".." / "shared";
  return std::filesystem::path("..") / "shared";
}

inline std::filesystem::path ddl_corpus_dir() {
  return shared_dir() / "corpora" / "ddl";
}

struct CorpusFile {
  std::string path;     ///< relative to the corpus dir
  std::string dialect;  ///< as written in the MANIFEST (postgres, spark ...)
};

inline std::vector<CorpusFile> read_manifest() {
  std::vector<CorpusFile> files;
  std::ifstream in(ddl_corpus_dir() / "MANIFEST.tsv");
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    std::istringstream fields(line);
    CorpusFile f;
    std::getline(fields, f.path, '\t');
    std::getline(fields, f.dialect, '\t');
    if (!f.path.empty()) files.push_back(f);
  }
  return files;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace godwit::testing

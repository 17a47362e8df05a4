// `godwit detect FILE [--format json|text]`: the dialect a SQL script is most likely
// written in, with a confidence and the distinctive phrases that decided it.
#include "sql/dialect/detect.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/commands/commands.hpp"

namespace godwit::cli {
namespace {

struct DetectOptions {
  std::string file;
  std::string format = "text";
};

int run_detect(const DetectOptions& options) {
  std::ifstream in(options.file, std::ios::binary);
  if (!in) {
    std::cerr << "godwit detect: cannot read " << options.file << "\n";
    return 2;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  sql::DialectDetection d = sql::detect_dialect(buffer.str());
  if (options.format == "json") {
    nlohmann::json evidence = nlohmann::json::array();
    for (const auto& e : d.evidence)
      evidence.push_back({{"phrase", e.phrase}, {"count", e.count}, {"weight", e.weight}});
    nlohmann::json scores = nlohmann::json::array();
    for (const auto& s : d.scores) scores.push_back({{"dialect", s.dialect}, {"score", s.score}});
    std::cout << nlohmann::json{{"file", options.file},
                                {"dialect", d.dialect},
                                {"confidence", d.confidence},
                                {"evidence", evidence},
                                {"scores", scores}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << d.dialect << " (confidence " << static_cast<int>(d.confidence * 100 + 0.5)
              << "%)\n";
    for (const auto& e : d.evidence) std::cout << "  " << e.phrase << " x" << e.count << "\n";
  }
  return 0;
}

}  // namespace

void add_detect_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DetectOptions>();
  CLI::App* cmd = app.add_subcommand("detect", "Detect the SQL dialect of a file");
  cmd->add_option("FILE", options->file, "SQL file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([options, &exit_code] { exit_code = run_detect(*options); });
}

}  // namespace godwit::cli

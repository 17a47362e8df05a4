// Dialect auto-detection for a script of unknown dialect: scores every dialect's
// distinctive phrases (each dialect's detection_clues()) over the script's tokens and
// reports the winner with a confidence and the evidence that decided it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace godwit::sql {

/// One distinctive phrase found in the text.
struct DetectionEvidence {
  std::string dialect;
  std::string phrase;
  int count = 0;
  int weight = 0;
};

struct DialectScore {
  std::string dialect;
  double score = 0;
};

struct DialectDetection {
  std::string dialect = "ansi";  ///< canonical name; "ansi" when nothing distinctive was found
  double confidence = 0;         ///< 0..1: the winner's share of all scores
  std::vector<DetectionEvidence> evidence;  ///< the winner's clues, strongest first
  std::vector<DialectScore> scores;         ///< every dialect with a score > 0, best first
};

/// Detects the dialect of `text` (only the first `max_bytes` are read).
DialectDetection detect_dialect(std::string_view text, std::size_t max_bytes = 4u << 20);

}  // namespace godwit::sql

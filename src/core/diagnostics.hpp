// Diagnostics: what a parser or importer says about user input, with enough location
// and context for a person to act on it. Input problems are diagnostics, never throws.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace godwit {

enum class Severity { kError, kWarning, kInfo };

std::string_view to_string(Severity severity);

/// A position in a source text; line and column are 1-based, offset 0-based bytes.
struct SourceLocation {
  std::uint32_t offset = 0;
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

/// One finding about user input. `code` is stable (e.g. "E-PARSE-EXPECTED") so tools and
/// the UI can key on it; `message` is the human sentence.
struct Diagnostic {
  std::string code;
  Severity severity = Severity::kError;
  std::string message;
  std::string file;
  SourceLocation location;
  std::vector<std::string> expected;  ///< what the parser would have accepted
  std::string snippet;                ///< the source line with a caret under the column
};

/// Renders `file:line:column: severity: message [code]` plus the snippet, as compilers do.
std::string format_diagnostic(const Diagnostic& diagnostic);

/// Builds the one-line snippet with a caret for `location` inside `text`.
std::string make_snippet(std::string_view text, SourceLocation location);

}  // namespace godwit

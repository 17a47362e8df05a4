# Writes OUTPUT, a C++ file holding every prompt file as a raw string literal, so the
# godwit binary needs no prompt files at run time. Run by add_custom_command (cmake -P)
# with SOURCE_DIR and PROMPTS ('|'-separated paths relative to SOURCE_DIR).
cmake_minimum_required(VERSION 3.25)

set(delimiter "godwit_prompt")
string(REPLACE "|" ";" files "${PROMPTS}")
set(text "")
foreach(rel IN LISTS files)
  get_filename_component(base "${rel}" NAME)
  if(NOT base MATCHES "^[a-z0-9_]+\\.md$")
    message(FATAL_ERROR "prompt ${rel}: name must be lower_snake_name.md")
  endif()
  file(READ "${SOURCE_DIR}/${rel}" body)
  string(FIND "${body}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "prompt ${rel} contains the raw-string delimiter )${delimiter}\"")
  endif()
  string(APPEND text "    {\"${base}\", R\"${delimiter}(${body})${delimiter}\"},\n")
endforeach()

file(WRITE "${OUTPUT}.tmp"
"// Generated at build time by src/llm/embed_prompts.cmake from src/llm/prompts; do not edit.
#include \"llm/prompt.hpp\"

namespace godwit::llm {
namespace {

constexpr EmbeddedPromptFile kPromptFiles[] = {
${text}};

}  // namespace

std::span<const EmbeddedPromptFile> embedded_prompt_files() { return kPromptFiles; }

}  // namespace godwit::llm
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")

# Writes OUTPUT, a C++ file holding every migration as a raw string literal, so the
# godwit binary needs no SQL files at run time. Run by add_custom_command (cmake -P)
# with SOURCE_DIR and the migration lists SQLITE, POSTGRES and COMMON ('|'-separated
# paths relative to SOURCE_DIR). COMMON migrations are portable SQL used by both backends.
cmake_minimum_required(VERSION 3.25)

set(delimiter "godwit_sql")

# Appends to `out` the C++ initialisers of one backend's migrations, sorted by version.
function(emit_backend out files_var)
  string(REPLACE "|" ";" files "${${files_var}}")
  string(REPLACE "|" ";" common "${COMMON}")
  set(keyed "")
  foreach(rel IN LISTS files common)
    get_filename_component(base "${rel}" NAME)
    if(NOT base MATCHES "^([0-9][0-9][0-9][0-9])_([a-z0-9_]+)\\.sql$")
      message(FATAL_ERROR "migration ${rel}: name must be NNNN_lower_snake_name.sql")
    endif()
    list(APPEND keyed "${base}|${rel}")
  endforeach()
  list(SORT keyed)
  set(text "")
  set(previous "")
  foreach(entry IN LISTS keyed)
    string(REPLACE "|" ";" parts "${entry}")
    list(GET parts 0 base)
    list(GET parts 1 rel)
    string(REGEX MATCH "^([0-9]+)_([a-z0-9_]+)\\.sql$" _ "${base}")
    set(version_text "${CMAKE_MATCH_1}")
    set(name "${CMAKE_MATCH_2}")
    if(version_text STREQUAL previous)
      message(FATAL_ERROR "migration version ${version_text} appears twice (${rel})")
    endif()
    set(previous "${version_text}")
    math(EXPR version "${version_text}")
    file(READ "${SOURCE_DIR}/${rel}" sql)
    string(FIND "${sql}" ")${delimiter}\"" clash)
    if(NOT clash EQUAL -1)
      message(FATAL_ERROR "migration ${rel} contains the raw-string delimiter )${delimiter}\"")
    endif()
    string(APPEND text "    {${version}, \"${name}\", R\"${delimiter}(${sql})${delimiter}\"},\n")
  endforeach()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

emit_backend(sqlite_text SQLITE)
emit_backend(postgres_text POSTGRES)

file(WRITE "${OUTPUT}.tmp"
"// Generated at build time by src/store/embed_migrations.cmake from src/store/migrations; do not edit.
#include \"store/migrations.hpp\"

namespace godwit::store {
namespace {

constexpr Migration kSqliteMigrations[] = {
${sqlite_text}};

constexpr Migration kPostgresMigrations[] = {
${postgres_text}};

}  // namespace

std::span<const Migration> migrations_for(Backend backend) {
  if (backend == Backend::kSqlite) return kSqliteMigrations;
  return kPostgresMigrations;
}

}  // namespace godwit::store
")
# Only touch the output when it changed, so an unrelated reconfigure recompiles nothing.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")

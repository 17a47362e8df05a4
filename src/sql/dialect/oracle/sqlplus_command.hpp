// SQL*Plus commands (SET ECHO OFF, PROMPT, SPOOL, REM, @file, WHENEVER ...): client lines
// in Oracle scripts that are not SQL and need no terminator.
#pragma once

#include "sql/dialect/dialect.hpp"

namespace godwit::sql {

/// The SQL*Plus command starting at `line`, to the end of its line (and of lines continued
/// with a trailing '-'); kNone when the line is SQL.
Directive sqlplus_command(std::string_view line);

}  // namespace godwit::sql

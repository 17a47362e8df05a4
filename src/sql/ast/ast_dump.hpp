// A compact, stable text form of the AST, for tests (.test expected outputs) and the CLI's
// text output. One statement per block: a head line, then indented detail lines;
// expressions and queries as S-expressions.
#pragma once

#include <string>

#include "sql/ast/ast.hpp"

namespace godwit::sql {

std::string dump_statement(const Statement& statement);
std::string dump_query(const Query* query);
std::string dump_expr(const Expr* expr);
std::string dump_name(const ObjectName& name);

}  // namespace godwit::sql

// Building blocks of the compact AST dump (ast_dump.hpp), shared by its two files.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "sql/ast/ast.hpp"

namespace godwit::sql::dump_parts {

void put_id(std::string& out, const Identifier& id);
void put_ids(std::string& out, std::span<const Identifier> ids, std::string_view sep = ".");
void put_list(std::string& out, std::span<Expr* const> items);
void put_order(std::string& out, std::span<const OrderItem> items);
void put_type(std::string& out, const TypeName* t);
void put_expr(std::string& out, const Expr* e);
void put_table_ref(std::string& out, const TableRef* r);
void put_body(std::string& out, const QueryBody* b);
void put_query(std::string& out, const Query* q);

}  // namespace godwit::sql::dump_parts

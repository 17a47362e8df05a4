// Walking expressions: the children of each expression kind in one place, so the catalog
// and lineage layers need no switch of their own to find the columns an expression reads.
#pragma once

#include <functional>
#include <vector>

#include "sql/ast/ast.hpp"

namespace godwit::sql {

/// Calls `on_expr` for each direct child expression of `e`, in source order, and
/// `on_query` (when given) for each subquery it holds (IN (SELECT ..), EXISTS, scalar
/// subqueries); subqueries are not entered.
void for_each_child(const Expr& e, const std::function<void(const Expr&)>& on_expr,
                    const std::function<void(const Query&)>& on_query = {});

/// Every column reference in `e` and its descendants, in source order, not entering
/// subqueries (their columns belong to another scope).
std::vector<const ColumnRefExpr*> column_refs(const Expr* e);

}  // namespace godwit::sql

// Stable names of AST enums, used by dumps, JSON output and the CLI.
#include "sql/ast/ast.hpp"

namespace godwit::sql {

std::string_view to_string(StatementKind kind) {
  switch (kind) {
    case StatementKind::kCreateTable: return "create-table";
    case StatementKind::kCreateView: return "create-view";
    case StatementKind::kAlterTable: return "alter-table";
    case StatementKind::kCreateIndex: return "create-index";
    case StatementKind::kCommentOn: return "comment-on";
    case StatementKind::kCreateSchema: return "create-schema";
    case StatementKind::kUse: return "use";
    case StatementKind::kSet: return "set";
    case StatementKind::kCreateSequence: return "create-sequence";
    case StatementKind::kCreateType: return "create-type";
    case StatementKind::kDrop: return "drop";
    case StatementKind::kInsert: return "insert";
    case StatementKind::kQuery: return "query";
    case StatementKind::kMerge: return "merge";
    case StatementKind::kUpdate: return "update";
    case StatementKind::kDelete: return "delete";
    case StatementKind::kTruncate: return "truncate";
    case StatementKind::kRoutine: return "routine";
    case StatementKind::kBlock: return "block";
    case StatementKind::kOther: return "other";
  }
  return "unknown";
}

std::string_view to_string(RoutineKind kind) {
  switch (kind) {
    case RoutineKind::kProcedure: return "procedure";
    case RoutineKind::kFunction: return "function";
    case RoutineKind::kTrigger: return "trigger";
    case RoutineKind::kPackage: return "package";
    case RoutineKind::kPackageBody: return "package-body";
    case RoutineKind::kType: return "type";
    case RoutineKind::kEvent: return "event";
    case RoutineKind::kAnonymousBlock: return "block";
    case RoutineKind::kMacro: return "macro";
  }
  return "unknown";
}

}  // namespace godwit::sql

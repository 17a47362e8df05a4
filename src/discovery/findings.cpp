// Analysis findings (codes in docs/discovery.md).
#include "discovery/findings.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "core/text.hpp"
#include "sql/dialect/dialect_names.hpp"
#include "sql/printer/printer_profile.hpp"
#include "sql/types/type_mapping.hpp"
#include "sql/types/type_table.hpp"

namespace godwit::discovery {

std::string_view to_string(FindingSeverity severity) {
  return severity == FindingSeverity::kWarning ? "warning" : "info";
}

namespace {

/// Name tokens: split at '_', '-', ' ' and lower-to-upper case changes, lower case,
/// plural made singular.
std::vector<std::string> tokens_of(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (cur.empty()) return;
    std::string t = to_lower(cur);
    if (t.size() > 4 && t.ends_with("ies"))
      t = t.substr(0, t.size() - 3) + "y";
    else if (t.size() > 3 && t.ends_with("s") && !t.ends_with("ss") && !t.ends_with("us"))
      t.pop_back();
    out.push_back(std::move(t));
    cur.clear();
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '_' || c == '-' || c == ' ' || c == '.') {
      flush();
      continue;
    }
    if (i > 0 && c >= 'A' && c <= 'Z' && name[i - 1] >= 'a' && name[i - 1] <= 'z') flush();
    cur += c;
  }
  flush();
  return out;
}

struct DomainWords {
  std::string_view domain;
  std::array<std::string_view, 10> words;
};
constexpr std::array<DomainWords, 9> kDomains = {{
    {"crm", {"customer", "client", "contact", "lead", "opportunity", "prospect", "crm"}},
    {"sales", {"order", "sale", "quote", "cart", "shipment", "shipping", "deal", "discount"}},
    {"finance",
     {"invoice", "payment", "ledger", "transaction", "billing", "tax", "currency", "budget",
      "account", "gl"}},
    {"hr",
     {"employee", "staff", "payroll", "salary", "department", "dept", "job", "position", "hire"}},
    {"inventory",
     {"product", "item", "stock", "warehouse", "inventory", "supplier", "category", "sku",
      "vendor"}},
    {"marketing", {"campaign", "promotion", "advert", "newsletter", "segment"}},
    {"security", {"user", "role", "permission", "login", "session", "credential", "auth"}},
    {"media", {"film", "album", "track", "artist", "playlist", "media", "genre", "actor"}},
    {"reference", {"country", "city", "address", "region", "location", "language", "zip"}},
}};

bool is_reserved(const sql::PrinterProfile& p, std::string_view name) {
  std::string upper;
  for (char c : name) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return std::binary_search(p.reserved_words.begin(), p.reserved_words.end(),
                            std::string_view(upper));
}

bool fact_like(const schema::Table& t, const std::vector<std::string>& tokens) {
  static const std::set<std::string> kFactWords = {"fact",        "fct", "event", "log",  "history",
                                                   "transaction", "txn", "audit", "sale", "click"};
  for (const std::string& tok : tokens)
    if (kFactWords.count(tok)) return true;
  return t.foreign_keys.size() >= 3;
}

bool partition_name(const std::vector<std::string>& tokens) {
  static const std::set<std::string> kWords = {"created", "date", "ts",    "timestamp", "time",
                                               "at",      "day",  "dt",    "updated",   "modified",
                                               "event",   "load", "posted"};
  for (const std::string& tok : tokens)
    if (kWords.count(tok)) return true;
  return false;
}

std::string object_name(const schema::Table& t) {
  return t.name.to_string();
}

}  // namespace

DomainGuess guess_domain(std::string_view table_name) {
  std::vector<std::string> tokens = tokens_of(table_name);
  DomainGuess best;
  for (const DomainWords& d : kDomains) {
    DomainGuess g;
    for (const std::string& tok : tokens)
      if (std::find(d.words.begin(), d.words.end(), tok) != d.words.end() && !tok.empty())
        g.tokens.push_back(tok);
    if (g.tokens.size() > best.tokens.size()) {
      g.domain = std::string(d.domain);
      best = std::move(g);
    }
  }
  return best;
}

std::vector<Finding> analyze(const schema::Catalog& catalog, const FindingOptions& options) {
  std::vector<Finding> out;
  const sql::PrinterProfile* profile = nullptr;
  const sql::DialectTypeTable* types = nullptr;
  if (!options.target_dialect.empty()) {
    std::optional<std::string_view> name = sql::canonical_dialect_name(options.target_dialect);
    if (name) {
      profile = sql::find_printer_profile(*name);
      types = sql::find_type_table(*name);
    } else {
      out.push_back({"F-TARGET-UNKNOWN",
                     FindingSeverity::kWarning,
                     "Unknown target dialect '" + options.target_dialect +
                         "': reserved words and type losses were not checked. Use one of: " +
                         sql::dialect_names_for_humans() + ".",
                     {},
                     options.target_dialect,
                     {}});
    }
  }

  for (const schema::Table& t : catalog.tables) {
    const std::string tname = object_name(t);
    auto col_name = [&](const schema::Column& c) { return tname + "." + c.name; };
    if (profile && is_reserved(*profile, t.name.name))
      out.push_back({"F-RESERVED-WORD",
                     FindingSeverity::kWarning,
                     "Table name '" + t.name.name + "' is a reserved word in " +
                         std::string(profile->dialect) + "; it must be quoted or renamed.",
                     {tname},
                     std::string(profile->dialect),
                     {"reserved:" + t.name.name}});
    if (profile)
      for (const schema::Column& c : t.columns)
        if (is_reserved(*profile, c.name))
          out.push_back({"F-RESERVED-WORD",
                         FindingSeverity::kWarning,
                         "Column name '" + c.name + "' is a reserved word in " +
                             std::string(profile->dialect) + "; it must be quoted or renamed.",
                         {col_name(c)},
                         std::string(profile->dialect),
                         {"reserved:" + c.name}});
    if (t.kind != schema::TableKind::kTable) continue;

    if (!t.primary_key)
      out.push_back({"F-NO-PRIMARY-KEY",
                     FindingSeverity::kWarning,
                     "Table " + tname +
                         " has no primary key: rows cannot be matched for incremental loads "
                         "or validation; declare one or pick a unique column set.",
                     {tname},
                     {},
                     {}});
    for (const schema::ForeignKey& fk : t.foreign_keys)
      for (const std::string& cname : fk.columns) {
        const schema::Column* c = nullptr;
        for (const schema::Column& col : t.columns)
          if (iequals(col.name, cname)) c = &col;
        if (c && c->nullable)
          out.push_back(
              {"F-NULLABLE-FOREIGN-KEY",
               FindingSeverity::kInfo,
               "Foreign-key column " + col_name(*c) + " allows NULL: the relationship is optional.",
               {col_name(*c), fk.referenced_table.to_string()},
               {},
               {fk.name.empty() ? "foreign-key" : "foreign-key:" + fk.name}});
      }
    if (t.columns.size() > options.wide_table_columns)
      out.push_back({"F-WIDE-TABLE",
                     FindingSeverity::kInfo,
                     "Table " + tname + " has " + std::to_string(t.columns.size()) +
                         " columns (more than " + std::to_string(options.wide_table_columns) + ").",
                     {tname},
                     std::to_string(t.columns.size()),
                     {}});
    if (types)
      for (const schema::Column& c : t.columns) {
        if (c.type.kind == sql::TypeKind::kUnknown) continue;
        sql::TypeMapping m = sql::map_type(c.type, *types);
        if (m.verdict == sql::CastVerdict::kSafe) continue;
        Finding f{"F-TYPE-LOSS",
                  FindingSeverity::kWarning,
                  "Column " + col_name(c) + " (" + sql::to_string(c.type) + ") becomes " +
                      m.target_text + " in " + options.target_dialect + " and may lose data.",
                  {col_name(c)},
                  m.target_text,
                  {}};
        for (const sql::TypeLoss& loss : m.losses)
          f.evidence.push_back(std::string(sql::to_string(loss.code)) + ": " + loss.message);
        out.push_back(std::move(f));
      }

    const std::vector<std::string> tokens = tokens_of(t.name.name);
    if (fact_like(t, tokens)) {
      std::set<std::string> fk_columns;
      for (const schema::ForeignKey& fk : t.foreign_keys)
        for (const std::string& c : fk.columns) fk_columns.insert(to_lower(c));
      std::size_t clusters = 0;
      for (const schema::Column& c : t.columns) {
        if (c.type.kind == sql::TypeKind::kDate || c.type.kind == sql::TypeKind::kTimestamp) {
          if (partition_name(tokens_of(c.name)))
            out.push_back({"F-PARTITION-CANDIDATE",
                           FindingSeverity::kInfo,
                           "Column " + col_name(c) +
                               " is a date/time on a fact-like table: a partitioning candidate.",
                           {col_name(c)},
                           sql::to_string(c.type),
                           {"fact-like-table", "date-column-name"}});
          continue;
        }
        const bool is_pk = t.primary_key && t.primary_key->columns.size() == 1 &&
                           iequals(t.primary_key->columns[0], c.name);
        const bool fk = fk_columns.count(to_lower(c.name)) > 0;
        const std::string lower = to_lower(c.name);
        const bool id_like = lower.size() > 3 && lower.ends_with("id");
        if (is_pk || (!fk && !id_like) || clusters == 4) continue;
        ++clusters;
        out.push_back({"F-CLUSTER-CANDIDATE",
                       FindingSeverity::kInfo,
                       "Column " + col_name(c) +
                           " is a join key on a fact-like table: a clustering candidate.",
                       {col_name(c)},
                       {},
                       {"fact-like-table", fk ? "foreign-key" : "id-column-name"}});
      }
    }

    DomainGuess g = guess_domain(t.name.name);
    if (!g.domain.empty()) {
      Finding f{"F-DOMAIN",
                FindingSeverity::kInfo,
                "Table " + tname + " looks like part of the " + g.domain + " domain.",
                {tname},
                g.domain,
                {}};
      for (const std::string& tok : g.tokens) f.evidence.push_back("token:" + tok);
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace godwit::discovery

// bench/mapping_eval: the matching engine on the ground-truth sets of
// $GODWIT_SHARED/datasets/matching (default ../shared next to the source tree). Prints per
// set and overall top-1 precision/recall/F1, hit@1/3/5, MRR and the reliability table,
// for the tuning sets and the held-out sets apart.
//
//   mapping_eval                         evaluate every set
//   mapping_eval --csv DIR               also write DIR/<set>.csv (godwit map's CSV form)
//   mapping_eval --fit-calibration FILE  fit the calibration on the tuning sets, write FILE
//                                        (src/mapping/calibration_table.cpp)
//   mapping_eval --speed N [--speed-tables M]  synthetic N x N column catalogs: time and memory
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "mapping/calibration.hpp"
#include "mapping/matcher.hpp"
#include "mapping/schema_input.hpp"

namespace fs = std::filesystem;
using namespace godwit;
using namespace godwit::mapping;

namespace {

// Groups used for tuning; every other group is held out (never looked at while tuning).
const std::set<std::string> kTuningGroups = {"synthea_omop", "Pubs", "Sakila", "DeNorm",
                                             "Valentine-Magellan"};

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

/// "sales.customers" -> "customers": truth files name tables without a schema.
std::string bare_table(const std::string& t) {
  auto dot = t.rfind('.');
  return lower(dot == std::string::npos ? t : t.substr(dot + 1));
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

struct SetResult {
  std::string name;
  bool tuning = false;
  int queries = 0, scored = 0, correct1 = 0, hit3 = 0, hit5 = 0;
  int composites = 0, composites_right = 0;  ///< several-source proposals; right per truth
  double mrr = 0;
  double seconds = 0;
  std::vector<LabelledScore>
      labelled;  ///< (confidence, right) of every candidate of a query column
  double precision() const { return scored ? double(correct1) / scored : 0; }
  double recall() const { return queries ? double(correct1) / queries : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

fs::path pick(const fs::path& dir, const std::string& stem) {
  if (fs::exists(dir / (stem + ".json"))) return dir / (stem + ".json");
  return dir / (stem + ".sql");
}

SetResult run_set(const fs::path& dir, const fs::path& root, const MatchOptions& base,
                  const fs::path& csv_dir) {
  SetResult r;
  r.name = fs::relative(dir, root).string();
  std::string group = r.name.substr(0, r.name.find('/'));
  if (group == "schematch_suite") {
    std::string rest = r.name.substr(r.name.find('/') + 1);
    group = rest.substr(0, rest.find('/'));
  }
  r.tuning = kTuningGroups.count(group) > 0;

  std::vector<Diagnostic> errors;
  schema::Catalog source = load_schema_files({pick(dir, "source_schema").string()}, "auto", errors);
  schema::Catalog target = load_schema_files({pick(dir, "target_schema").string()}, "auto", errors);
  std::map<std::pair<std::string, std::string>, std::set<std::pair<std::string, std::string>>>
      truth;
  std::ifstream in(dir / "truth.csv");
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> f = split_csv_line(line);
    if (f.size() < 4) continue;
    truth[{lower(f[0]), lower(f[1])}].insert({lower(f[2]), lower(f[3])});
  }
  MatchOptions options = base;
  options.source = {"auto", {"source_schema"}};
  options.target = {"ansi", {"target_schema"}};
  options.formula_dialect = "ansi";
  auto start = std::chrono::steady_clock::now();
  MatchResult m = match_schemas(source, target, options);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::map<std::pair<std::string, std::string>, std::vector<const FieldMapping*>> by_source;
  // Ranks are per source column: composite proposals (several sources) are extra rows.
  for (const FieldMapping& f : m.document.fields)
    if (f.sources.size() == 1)
      by_source[{bare_table(f.sources[0].table), lower(f.sources[0].column)}].push_back(&f);
  if (!csv_dir.empty()) {
    std::string file = r.name;
    for (char& c : file)
      if (c == '/') c = '_';
    std::ofstream out(csv_dir / (file + ".csv"));
    out << "source_table,source_column,target_table,target_column,rank,confidence\n";
    for (const FieldMapping& f : m.document.fields)
      if (f.sources.size() == 1)
        out << bare_table(f.sources[0].table) << ',' << f.sources[0].column << ','
            << bare_table(f.target.table) << ',' << f.target.column << ',' << f.rank << ','
            << f.confidence << '\n';
  }
  for (const FieldMapping& f : m.document.fields) {
    if (f.sources.size() < 2) continue;
    ++r.composites;
    bool right = true;
    for (const ColumnRef& c : f.sources) {
      auto t = truth.find({bare_table(c.table), lower(c.column)});
      if (t == truth.end() ||
          !t->second.count({bare_table(f.target.table), lower(f.target.column)}))
        right = false;
    }
    if (right) ++r.composites_right;
  }
  for (const auto& [query, targets] : truth) {
    ++r.queries;
    auto it = by_source.find(query);
    if (it == by_source.end()) continue;
    ++r.scored;
    int first = 0;
    for (const FieldMapping* f : it->second) {
      bool right = targets.count({bare_table(f->target.table), lower(f->target.column)}) > 0;
      r.labelled.push_back({f->confidence, right});
      if (right && first == 0) first = f->rank;
    }
    if (first == 1) ++r.correct1;
    if (first >= 1 && first <= 3) ++r.hit3;
    if (first >= 1 && first <= 5) ++r.hit5;
    if (first >= 1) r.mrr += 1.0 / first;
  }
  if (r.queries) r.mrr /= r.queries;
  return r;
}

void print_row(const std::string& name, const std::vector<const SetResult*>& sets) {
  // Macro average over sets (each set counts once), as the published matchers report.
  double p = 0, rc = 0, f1 = 0, h1 = 0, h3 = 0, h5 = 0, mrr = 0;
  int q = 0;
  for (const SetResult* s : sets) {
    p += s->precision();
    rc += s->recall();
    f1 += s->f1();
    h1 += s->queries ? double(s->correct1) / s->queries : 0;
    h3 += s->queries ? double(s->hit3) / s->queries : 0;
    h5 += s->queries ? double(s->hit5) / s->queries : 0;
    mrr += s->mrr;
    q += s->queries;
  }
  double n = std::max<double>(1, double(sets.size()));
  std::printf("%-46s %5d %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f\n", name.c_str(), q, p / n,
              rc / n, f1 / n, h1 / n, h3 / n, h5 / n, mrr / n);
}

void print_reliability(const std::string& title, const std::vector<LabelledScore>& samples) {
  auto table = reliability_table(samples);
  std::printf("\nReliability (%s): confidence bin, candidates, mean confidence, share right\n",
              title.c_str());
  for (const ReliabilityRow& row : table)
    if (row.count > 0)
      std::printf("  [%.1f, %.1f)  %6d  %.3f  %.3f\n", row.low, row.high, row.count,
                  row.mean_confidence, row.accuracy);
  std::printf("  expected calibration error: %.3f\n", expected_calibration_error(table));
}

long peak_rss_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

/// Synthetic catalogs: realistic words, abbreviated and synonym-swapped on the target side.
schema::Catalog synthetic(int columns, int per_table, unsigned seed, bool perturb) {
  static const char* words[] = {
      "customer", "order",       "amount",   "date",    "address",    "number",   "quantity",
      "price",    "product",     "status",   "code",    "name",       "first",    "last",
      "city",     "country",     "phone",    "email",   "account",    "balance",  "payment",
      "invoice",  "item",        "line",     "total",   "tax",        "discount", "shipment",
      "created",  "updated",     "employee", "manager", "department", "region",   "store",
      "category", "description", "type",     "start",   "end"};
  static const char* abbreviations[] = {
      "cust", "ord", "amt",   "dt",   "addr", "nbr",   "qty",  "prc",   "prod",    "stat",
      "cd",   "nm",  "first", "last", "city", "cntry", "phn",  "email", "acct",    "bal",
      "pmt",  "inv", "itm",   "line", "tot",  "tax",   "disc", "ship",  "created", "upd",
      "emp",  "mgr", "dept",  "reg",  "stor", "cat",   "desc", "typ",   "start",   "end"};
  const int nwords = sizeof(words) / sizeof(words[0]);
  std::mt19937 rng(seed);
  schema::Catalog c;
  int tables = (columns + per_table - 1) / per_table;
  std::mt19937 names(1234);  // the same logical names on both sides
  for (int t = 0; t < tables; ++t) {
    schema::Table table;
    table.id = static_cast<std::uint32_t>(t + 1);
    table.name.name = std::string(words[names() % nwords]) + "_" + words[names() % nwords] + "_" +
                      std::to_string(t);
    table.key = table.name.name;
    for (int k = 0; k < per_table && t * per_table + k < columns; ++k) {
      schema::Column col;
      int a = static_cast<int>(names() % nwords), b = static_cast<int>(names() % nwords);
      bool abbreviate = perturb && rng() % 2 == 0;
      col.name = std::string(abbreviate ? abbreviations[a] : words[a]) + "_" +
                 (abbreviate ? abbreviations[b] : words[b]) + "_" + std::to_string(k);
      col.key = col.name;
      static const sql::LogicalType types[] = {
          sql::LogicalType::integer(32), sql::LogicalType::text(), sql::LogicalType::decimal(12, 2),
          sql::LogicalType::date()};
      col.type = types[names() % 4];
      table.columns.push_back(std::move(col));
    }
    c.tables.push_back(std::move(table));
  }
  return c;
}

int run_speed(int n, int per_table) {
  schema::Catalog source = synthetic(n, per_table, 1, false);
  schema::Catalog target = synthetic(n, per_table, 2, true);
  MatchOptions options;
  options.source = {"postgres", {}};
  options.target = {"bigquery", {}};
  auto start = std::chrono::steady_clock::now();
  MatchResult m = match_schemas(source, target, options);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Both sides draw the same logical names: the right target of a source column is the
  // column at the same position of the table with the same name.
  std::set<std::string> covered;
  std::size_t right = 0;
  auto position = [](const std::string& column) { return column.substr(column.rfind('_') + 1); };
  for (const FieldMapping& f : m.document.fields) {
    if (f.sources.size() != 1) continue;
    covered.insert(f.sources[0].table + "." + f.sources[0].column);
    if (f.rank == 1 && f.sources[0].table == f.target.table &&
        position(f.sources[0].column) == position(f.target.column))
      ++right;
  }
  std::printf("source columns with a candidate: %zu of %d; top-1 right: %.1f%%\n", covered.size(),
              n, 100.0 * static_cast<double>(right) / n);
  std::printf(
      "%d x %d columns (%d per table): %.3f s, %zu pairs scored, %zu suggestions, peak RSS %ld "
      "MB%s\n",
      n, n, per_table, s, m.pairs_scored, m.document.fields.size(), peak_rss_kb() / 1024,
      m.pairs_scored < static_cast<std::size_t>(n) * static_cast<std::size_t>(n) ? " (blocking)"
                                                                                 : "");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string fit_file, csv_dir;
  int speed = 0, per_table = 20;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--fit-calibration" && i + 1 < argc) {
      fit_file = argv[++i];
    } else if (a == "--csv" && i + 1 < argc) {
      csv_dir = argv[++i];
    } else if (a == "--speed" && i + 1 < argc) {
      speed = std::atoi(argv[++i]);
    } else if (a == "--speed-tables" && i + 1 < argc) {
      per_table = std::max(1, std::atoi(argv[++i]));
    } else {
      std::cerr << "usage: mapping_eval [--csv DIR] [--fit-calibration FILE] [--speed N "
                   "[--speed-tables M]]\n";
      return 2;
    }
  }
  if (speed > 0) return run_speed(speed, per_table);

  const char* env = std::getenv("GODWIT_SHARED");
  fs::path shared = env != nullptr && *env != '\0' ? fs::path(env)
                                                   : fs::path(GODWIT_SOURCE_DIR) / ".." / "shared";
  fs::path root = shared / "datasets" / "matching";
  if (!fs::exists(root / "MANIFEST.md")) {
    std::printf("mapping_eval: no matching datasets at %s (set GODWIT_SHARED); nothing to do\n",
                root.string().c_str());
    return 0;
  }
  if (!csv_dir.empty()) fs::create_directories(csv_dir);
  std::vector<fs::path> dirs;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().filename() == "truth.csv")
      dirs.push_back(e.path().parent_path());
  std::sort(dirs.begin(), dirs.end());

  MatchOptions options;
  options.raw_scores = !fit_file.empty();
  std::vector<SetResult> results;
  for (const fs::path& d : dirs) results.push_back(run_set(d, root, options, csv_dir));

  std::printf("%-46s %5s %6s %6s %6s %6s %6s %6s %6s\n", "set", "cols", "P@1", "R@1", "F1@1",
              "hit@1", "hit@3", "hit@5", "MRR");
  std::vector<const SetResult*> tuning, held, all;
  std::vector<LabelledScore> tuning_samples, held_samples;
  double seconds = 0;
  for (const SetResult& r : results) {
    print_row(std::string(r.tuning ? "  " : "* ") + r.name, {&r});
    (r.tuning ? tuning : held).push_back(&r);
    all.push_back(&r);
    auto& samples = r.tuning ? tuning_samples : held_samples;
    samples.insert(samples.end(), r.labelled.begin(), r.labelled.end());
    seconds += r.seconds;
  }
  std::printf("\n(* = held out: not used for tuning or calibration; averages are per set)\n");
  print_row("TUNING sets (" + std::to_string(tuning.size()) + ")", tuning);
  print_row("HELD-OUT sets (" + std::to_string(held.size()) + ")", held);
  print_row("ALL sets (" + std::to_string(all.size()) + ")", all);
  std::printf("matching time, all sets: %.3f s\n", seconds);
  int composites = 0, composites_right = 0;
  for (const SetResult* r : all) {
    composites += r->composites;
    composites_right += r->composites_right;
  }
  std::printf(
      "composite proposals (several sources), all sets: %d, every source -> target in "
      "the truth: %d\n",
      composites, composites_right);

  if (!fit_file.empty()) {
    Calibration c = Calibration::fit_isotonic(tuning_samples);
    std::ofstream out(fit_file);
    out << c.to_source("bench/mapping_eval --fit-calibration " + fit_file);
    std::printf("\nfitted %zu knots on %zu tuning candidates -> %s\n", c.points().size(),
                tuning_samples.size(), fit_file.c_str());
    for (auto& s : tuning_samples) s.first = c.apply(s.first);
    for (auto& s : held_samples) s.first = c.apply(s.first);
  }
  print_reliability("tuning sets", tuning_samples);
  print_reliability("held-out sets", held_samples);
  return 0;
}

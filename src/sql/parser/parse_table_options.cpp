// CREATE TABLE options after the column list: CTAS, partitioning and clustering (kept
// structured), Teradata PRIMARY INDEX, the table comment, and every other option as
// written (ENGINE=, DISTSTYLE, STORED AS, TBLPROPERTIES, WITH (...), ON [PRIMARY] ...).
#include <algorithm>

#include "sql/parser/parser.hpp"

namespace godwit::sql {
namespace {

// Words that start a table option; an option runs until the next one. Upper case.
constexpr std::string_view kTableOptionWords[] = {
    "ENGINE",
    "TYPE",
    "DEFAULT",
    "CHARSET",
    "CHARACTER",
    "COLLATE",
    "COMMENT",
    "AUTO_INCREMENT",
    "ROW_FORMAT",
    "PARTITION",
    "PARTITIONED",
    "CLUSTER",
    "CLUSTERED",
    "SORTED",
    "DISTRIBUTED",
    "DISTRIBUTE",
    "DISTSTYLE",
    "DISTKEY",
    "SORTKEY",
    "COMPOUND",
    "INTERLEAVED",
    "ENCODE",
    "BACKUP",
    "STORED",
    "ROW",
    "LOCATION",
    "TBLPROPERTIES",
    "OPTIONS",
    "USING",
    "WITH",
    "ON",
    "TEXTIMAGE_ON",
    "FILESTREAM_ON",
    "TABLESPACE",
    "INHERITS",
    "WITHOUT",
    "STRICT",
    "PRIMARY",
    "UNIQUE",
    "INDEX",
    "NO",
    "FALLBACK",
    "LOGGING",
    "NOLOGGING",
    "COMPRESS",
    "NOCOMPRESS",
    "PCTFREE",
    "PCTUSED",
    "INITRANS",
    "MAXTRANS",
    "STORAGE",
    "ORGANIZATION",
    "LOB",
    "CACHE",
    "NOCACHE",
    "PARALLEL",
    "NOPARALLEL",
    "MONITORING",
    "NOMONITORING",
    "SEGMENT",
    "DATA_RETENTION_TIME_IN_DAYS",
    "MAX_DATA_EXTENSION_TIME_IN_DAYS",
    "CHANGE_TRACKING",
    "COPY",
    "STAGE_FILE_FORMAT",
    "STAGE_COPY_OPTIONS",
    "MAX_ROWS",
    "MIN_ROWS",
    "PACK_KEYS",
    "CHECKSUM",
    "DELAY_KEY_WRITE",
    "INSERT_METHOD",
    "KEY_BLOCK_SIZE",
    "STATS_PERSISTENT",
    "STATS_AUTO_RECALC",
    "STATS_SAMPLE_PAGES",
    "AVG_ROW_LENGTH",
    "CONNECTION",
    "DATA",
    "UNION",
    "ENABLE",
    "DISABLE",
    "RESULT_CACHE",
    "FILLFACTOR",
    "LIFECYCLE",
    "SERVER",
    "ROW_FORMAT",
    "COMPRESSION",
    "ENCRYPTION",
    "TTL",
    "LOCK",
    "SYSTEM_VERSIONING",
    "DATA_COMPRESSION",
    "MEMORY_OPTIMIZED",
    "DURABILITY",
    "ORDER",
    "CLONE",
    "MAP",
    "JOURNAL",
    "BEFORE",
    "AFTER",
    "DUAL",
    "LOCAL",
    "FREESPACE",
    "MERGEBLOCKRATIO",
    "BLOCKCOMPRESSION",
    "ISOLATED",
    "SKEWED",
    "LINES",
    "FIELDS",
    "COLLECTION",
    "TERMINATED",
    "ESCAPED",
    "NULL",
    "SERDEPROPERTIES",
    "INPUTFORMAT",
    "OUTPUTFORMAT",
    "AUTO",
    "EVEN",
    "ALL",
    "KEY",
    "OWNER",
    "EXPIRATION_TIMESTAMP",
    "DESCRIPTION",
    "LABELS",
    "FRIENDLY_NAME",
    "REQUIRE_PARTITION_FILTER",
    "PARTITION_EXPIRATION_DAYS",
    "MODE",
    "TRANSIENT",
    "ROWDEPENDENCIES",
    "NOROWDEPENDENCIES",
    "FLASHBACK",
    "IMMUTABLE",
    "READ",
    "DEFERRED",
    "IMMEDIATE",
    "EXTERNAL",
    "ENABLE_SCHEMA_EVOLUTION",
    "TARGET_LAG",
    "WAREHOUSE",
    "REFRESH_MODE",
    "INITIALIZE",
    "INCLUDE",
    "ZORDER",
    "FORMAT",
    "VERSION",
};

bool in_list(std::string_view word, std::span<const std::string_view> list) {
  for (std::string_view v : list) {
    if (word.size() == v.size() && starts_with_word(word, v)) return true;
  }
  return false;
}

}  // namespace

void Parser::parse_table_options(CreateTableStatement& table) {
  ListBuilder<Option> options(arena_);
  ListBuilder<ColumnDef*> partition_columns(arena_);
  bool semis_optional = dialect_.script().optional_semicolons;
  while (!at_statement_end()) {
    const Token t = peek();
    if (semis_optional && (t.flags & kTokenAtLineStart) && is_statement_start_word(t)) break;
    std::uint32_t ob = t.offset;
    // CTAS: AS [(] SELECT ...
    if (t.keyword == Keyword::kAS && (at_query_start(1) || at(TokenKind::kLeftParen, 1))) {
      advance();
      if (!at_query_start()) fail("a query");
      table.as_query = parse_query();
      continue;
    }
    if (at_query_start() && t.keyword != Keyword::kWITH) {  // CREATE TABLE t SELECT ... (MySQL)
      table.as_query = parse_query();
      continue;
    }
    if (t.keyword == Keyword::kWITH &&
        (at(Keyword::kNO, 1) || at(Keyword::kDATA, 1))) {  // WITH [NO] DATA
      advance();
      accept(Keyword::kNO);
      advance();
      if (accept(Keyword::kAND)) {
        advance();
        advance();
      }
      continue;
    }
    if ((t.keyword == Keyword::kPARTITION || t.keyword == Keyword::kPARTITIONED ||
         t.keyword == Keyword::kCLUSTER || t.keyword == Keyword::kCLUSTERED) &&
        at(Keyword::kBY, 1)) {
      bool partition = t.keyword == Keyword::kPARTITION || t.keyword == Keyword::kPARTITIONED;
      advance();
      advance();
      std::uint32_t name_end = last_end_;
      std::uint32_t vb = peek().offset;
      // Hive/Spark PARTITIONED BY (col type, ...) declares partition columns.
      if (at(TokenKind::kLeftParen) && at_identifier(true, 1) &&
          (peek(2).kind == TokenKind::kWord) && !at(TokenKind::kLeftParen, 2) &&
          !at(TokenKind::kDot, 2) && partition) {
        advance();
        do partition_columns.push(parse_column_def());
        while (accept(TokenKind::kComma));
        expect(TokenKind::kRightParen, "')'");
      } else {
        // RANGE (a) / LIST (a) / HASH (a) / DATE(ts) / a, b / (a, b)
        ListBuilder<Expr*> exprs(arena_);
        if (at_word("RANGE") || at_word("LIST") || at(Keyword::kHASH) || at_word("KEY") ||
            at_word("LINEAR")) {
          while (peek().kind == TokenKind::kWord && !at(TokenKind::kLeftParen, 0)) {
            if (at(TokenKind::kLeftParen, 1)) break;
            advance();
          }
          if (peek().kind == TokenKind::kWord) advance();  // RANGE
          if (at_word("COLUMNS")) advance();
          if (accept(TokenKind::kLeftParen)) {
            if (!at(TokenKind::kRightParen)) {
              do exprs.push(parse_expr());
              while (accept(TokenKind::kComma));
            }
            expect(TokenKind::kRightParen, "')'");
          }
        } else {
          do exprs.push(parse_expr());
          while (accept(TokenKind::kComma));
        }
        (partition ? table.partition_by : table.cluster_by) = exprs.finish();
        // Partition definitions, SORTED BY, INTO n BUCKETS, PARTITIONS n, INTERVAL (...) ...
        for (;;) {
          if (at(TokenKind::kLeftParen))
            skip_parens();
          else if (at(Keyword::kSORTED) && at(Keyword::kBY, 1)) {
            advance();
            advance();
            skip_parens();
          } else if (at(Keyword::kINTO)) {
            advance();
            advance();
            accept(Keyword::kBUCKETS);
          } else if (at_word("PARTITIONS") || at_word("SUBPARTITIONS")) {
            advance();
            advance();
          } else if (at(Keyword::kSUBPARTITION) && at(Keyword::kBY, 1)) {
            advance();
            advance();
            advance();
            if (at(TokenKind::kLeftParen)) skip_parens();
          } else if (at(Keyword::kINTERVAL) && at(TokenKind::kLeftParen, 1)) {
            advance();
            skip_parens();
          } else {
            break;
          }
        }
      }
      Option o;
      o.name = text(Span{ob, name_end});
      o.value = text(span_from(vb));
      o.span = span_from(ob);
      options.push(o);
      continue;
    }
    if ((t.keyword == Keyword::kPRIMARY ||
         (t.keyword == Keyword::kUNIQUE && at(Keyword::kPRIMARY, 1))) &&
        (at(Keyword::kINDEX, 1) || at(Keyword::kINDEX, 2))) {
      // Teradata [UNIQUE] PRIMARY INDEX [name] (cols)
      advance();
      if (at(Keyword::kPRIMARY)) advance();
      advance();
      if (at_identifier(true) && !at(TokenKind::kLeftParen)) advance();
      table.primary_index = parse_identifier_list();
      Option o{text(span_from(ob)), {}, span_from(ob)};
      options.push(o);
      continue;
    }
    if (t.keyword == Keyword::kCOMMENT) {
      advance();
      accept_op("=");
      std::uint32_t vb = peek().offset;
      table.comment = parse_string("a comment string");
      Option o{"COMMENT", text(span_from(vb)), span_from(ob)};
      options.push(o);
      continue;
    }
    if (t.kind == TokenKind::kComma) {  // MySQL separates options with commas sometimes
      advance();
      continue;
    }
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kLeftParen)
      fail("a table option or end of statement");
    // A generic option: words up to a value, '=' value, or a parenthesised group; it runs
    // until the next option word.
    std::uint32_t name_end = 0;
    bool first = true;
    int words = 0;
    while (!at_statement_end()) {
      const Token c = peek();
      // The next option starts at an option word once this one has a value or two words
      // (DISTSTYLE KEY | COMPOUND SORTKEY (a), DEFAULT CHARSET=x).
      if (!first && c.kind == TokenKind::kWord && in_list(text(c), kTableOptionWords) &&
          (name_end != 0 || words >= 2))
        break;
      if (c.kind == TokenKind::kWord) ++words;
      if (!first && c.keyword == Keyword::kAS &&
          (at_query_start(1) || at(TokenKind::kLeftParen, 1)))
        break;
      if (!first && (c.keyword == Keyword::kCOMMENT || c.keyword == Keyword::kPARTITION ||
                     c.keyword == Keyword::kPARTITIONED || c.keyword == Keyword::kCLUSTER))
        break;
      if (!first && semis_optional && (c.flags & kTokenAtLineStart) && is_statement_start_word(c))
        break;
      if (c.kind == TokenKind::kComma) break;
      if (c.kind == TokenKind::kRightParen) fail("a table option or end of statement");
      if (c.kind == TokenKind::kOperator && text(c) == "=") {
        if (name_end == 0) name_end = last_end_;
        advance();
        if (at(TokenKind::kLeftParen))
          skip_parens();
        else
          advance();
        first = false;
        continue;
      }
      if (c.kind == TokenKind::kLeftParen) {
        if (name_end == 0) name_end = last_end_ > ob ? last_end_ : ob;
        skip_parens();
      } else {
        if (name_end == 0 && c.kind != TokenKind::kWord) name_end = last_end_;
        advance();
        if (name_end == 0 && (at(TokenKind::kString) || at(TokenKind::kNumber)))
          name_end = last_end_;
      }
      first = false;
    }
    Option o;
    if (name_end == 0 || name_end <= ob) name_end = std::min(last_end_, t.end());
    o.name = text(Span{ob, name_end});
    if (last_end_ > name_end) {
      std::string_view v = text(Span{name_end, last_end_});
      std::size_t s = v.find_first_not_of(" \t\r\n=");
      o.value = s == std::string_view::npos ? std::string_view() : v.substr(s);
    }
    o.span = span_from(ob);
    options.push(o);
  }
  table.options = options.finish();
  table.partition_columns = partition_columns.finish();
}

}  // namespace godwit::sql

// CSV/TSV importer: separator, quote and header sniffing, RFC 4180 records, type
// inference per column, nullability, samples, row counts and hostile files.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "importers_test_util.hpp"

namespace godwit::schema {
namespace {

using testing::codes;
using testing::column;
using testing::column_names;
using testing::has_code;
using testing::import_text;
using testing::type_of;

const Table* only_table(const Catalog& c) {
  return c.tables.size() == 1 ? &c.tables[0] : nullptr;
}

TEST(CsvImporter, InfersTypesNullabilityAndSamples) {
  Catalog c = import_text("data/orders.csv",
                          "id,amount,paid,placed_on,created_at,code,big,note,ratio\n"
                          "1,10.50,true,2024-01-31,2024-01-31 10:00:00,007,3000000000,hello,1e3\n"
                          "2,7.25,false,2024-02-29,2024-02-29T11:30:15.123,010,-5,,2.5\n"
                          "70000,1234.5,FALSE,2023-12-01,2023-12-01 00:00:00,999,7,\"a, b\",3\n",
                          SchemaFormat::kCsv);
  const Table* t = only_table(c);
  ASSERT_NE(t, nullptr) << codes(c);
  EXPECT_EQ(t->name.name, "orders");
  EXPECT_EQ(t->dialect, "csv");
  EXPECT_EQ(t->row_count, 3);
  EXPECT_EQ(column_names(t),
            (std::vector<std::string>{"id", "amount", "paid", "placed_on", "created_at", "code",
                                      "big", "note", "ratio"}));
  EXPECT_EQ(type_of(t, "id"), "INT32");  // 70000 does not fit SMALLINT
  EXPECT_EQ(type_of(t, "amount"), "DECIMAL(6, 2)");
  EXPECT_EQ(type_of(t, "paid"), "BOOLEAN");
  EXPECT_EQ(type_of(t, "placed_on"), "DATE");
  EXPECT_EQ(column(t, "placed_on")->comment, "format YYYY-MM-DD");
  EXPECT_EQ(type_of(t, "created_at"), "TIMESTAMP(3)");
  EXPECT_EQ(type_of(t, "code"), "VARCHAR(3)");  // leading zeros: text, not numbers
  EXPECT_EQ(type_of(t, "big"), "INT64");
  EXPECT_EQ(type_of(t, "note"), "VARCHAR(5)");
  EXPECT_EQ(type_of(t, "ratio"), "FLOAT64");
  EXPECT_FALSE(column(t, "id")->nullable);
  EXPECT_TRUE(column(t, "note")->nullable);
  EXPECT_EQ(column(t, "note")->sample_values, (std::vector<std::string>{"hello", "a, b"}));
  EXPECT_EQ(column(t, "id")->sample_values, (std::vector<std::string>{"1", "2", "70000"}));
  EXPECT_EQ(column(t, "id")->type_text, "INT32");
  EXPECT_TRUE(c.diagnostics.empty()) << codes(c);
}

TEST(CsvImporter, IntegerRangesPickTheSmallestType) {
  Catalog c = import_text("r.csv",
                          "s,i,b,huge\n"
                          "-32768,-2147483648,-9223372036854775808,99999999999999999999\n"
                          "32767,2147483647,9223372036854775807,1\n",
                          SchemaFormat::kCsv);
  const Table* t = only_table(c);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(type_of(t, "s"), "INT16");
  EXPECT_EQ(type_of(t, "i"), "INT32");
  EXPECT_EQ(type_of(t, "b"), "INT64");
  EXPECT_EQ(type_of(t, "huge"), "DECIMAL(20, 0)");
}

TEST(CsvImporter, BooleansOfZeroAndOneOnlyWhenEveryValueIs) {
  Catalog c = import_text("b.csv", "flag,count,yn\n0,0,Y\n1,2,n\n1,1,y\n", SchemaFormat::kCsv);
  const Table* t = only_table(c);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(type_of(t, "flag"), "BOOLEAN");
  EXPECT_EQ(type_of(t, "count"), "INT16");
  EXPECT_EQ(type_of(t, "yn"), "BOOLEAN");
}

TEST(CsvImporter, DateLayoutsUsEuAndAmbiguous) {
  Catalog c = import_text("d.csv",
                          "us,eu,dots,either,ts_us,tz\n"
                          "12/31/2024,31/12/2024,31.12.2024,01/02/2024,12/31/2024 23:59,"
                          "2024-01-01T10:00:00Z\n"
                          "1/5/2024,5/1/2024,05.01.2024,03/04/2024,1/5/2024 08:00:00,"
                          "2024-01-01T10:00:00+02:00\n",
                          SchemaFormat::kCsv);
  const Table* t = only_table(c);
  ASSERT_NE(t, nullptr) << codes(c);
  EXPECT_EQ(type_of(t, "us"), "DATE");
  EXPECT_EQ(column(t, "us")->comment, "format MM/DD/YYYY");
  EXPECT_EQ(column(t, "eu")->comment, "format DD/MM/YYYY");
  EXPECT_EQ(column(t, "dots")->comment, "format DD.MM.YYYY");
  EXPECT_EQ(column(t, "either")->comment,
            "format MM/DD/YYYY (or DD/MM/YYYY: every value fits both)");
  EXPECT_EQ(type_of(t, "ts_us"), "TIMESTAMP");
  EXPECT_EQ(column(t, "ts_us")->comment, "format MM/DD/YYYY hh:mm:ss");
  EXPECT_EQ(type_of(t, "tz"), "TIMESTAMP WITH TIME ZONE");
}

TEST(CsvImporter, InvalidDatesAreText) {
  Catalog c = import_text("d.csv", "a,b\n2023-02-29,13/13/2024\n2024-01-01,01/01/2024\n",
                          SchemaFormat::kCsv);
  const Table* t = only_table(c);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(type_of(t, "a"), "VARCHAR(10)");  // 2023 is no leap year
  EXPECT_EQ(type_of(t, "b"), "VARCHAR(10)");
}

TEST(CsvImporter, SniffsSeparatorsAndQuotes) {
  for (char d : {';', '|', '\t', ','}) {
    std::string sep(1, d);
    std::string text = "name" + sep + "city" + sep + "n\n" + "\"Doe" + sep + " J\"" + sep +
                       "Paris" + sep + "1\n" + "Roe" + sep + "Rome" + sep + "2\n";
    Catalog c = import_text("x.csv", text, SchemaFormat::kCsv);
    const Table* t = only_table(c);
    ASSERT_NE(t, nullptr) << d;
    EXPECT_EQ(column_names(t), (std::vector<std::string>{"name", "city", "n"})) << d;
    EXPECT_EQ(column(t, "name")->sample_values[0], "Doe" + sep + " J") << d;
  }
  Catalog single = import_text("q.csv", "a,b\n'x,y',1\n'z',2\n", SchemaFormat::kCsv);
  ASSERT_NE(only_table(single), nullptr);
  EXPECT_EQ(column(only_table(single), "a")->sample_values, (std::vector<std::string>{"x,y", "z"}));
  ImportOptions forced;
  forced.delimiter = ';';
  Catalog f = import_text("f.csv", "a,b;c\n1,2;3\n", SchemaFormat::kCsv, forced);
  EXPECT_EQ(column_names(only_table(f)), (std::vector<std::string>{"a,b", "c"}));
}

TEST(CsvImporter, QuotedFieldsHoldNewlinesQuotesAndCrlf) {
  Catalog c =
      import_text("q.csv", "id,text\r\n1,\"line one\r\nline two\"\r\n2,\"say \"\"hi\"\"\"\r\n",
                  SchemaFormat::kCsv);
  const Table* t = only_table(c);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->row_count, 2);
  EXPECT_EQ(column(t, "text")->sample_values,
            (std::vector<std::string>{"line one\r\nline two", "say \"hi\""}));
  EXPECT_EQ(type_of(t, "id"), "INT16");
}

TEST(CsvImporter, HeaderlessFilesGetNumberedColumns) {
  Catalog c = import_text("n.csv", "1,2024-01-01,abc\n2,2024-01-02,def\n", SchemaFormat::kCsv);
  const Table* t = only_table(c);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(column_names(t), (std::vector<std::string>{"column_1", "column_2", "column_3"}));
  EXPECT_EQ(t->row_count, 2);
  EXPECT_EQ(type_of(t, "column_2"), "DATE");
  // Text only: the first row is data when its values repeat below.
  Catalog text = import_text("t.csv", "red,big\nblue,small\nred,big\n", SchemaFormat::kCsv);
  EXPECT_EQ(column_names(only_table(text)), (std::vector<std::string>{"column_1", "column_2"}));
  Catalog named = import_text("t.csv", "colour,size\nred,big\nblue,small\n", SchemaFormat::kCsv);
  EXPECT_EQ(column_names(only_table(named)), (std::vector<std::string>{"colour", "size"}));
}

TEST(CsvImporter, AHeaderAloneIsAnEmptyTable) {
  Catalog c = import_text("e.csv", "id,name\n", SchemaFormat::kCsv);
  ASSERT_EQ(c.tables.size(), 1u) << codes(c);
  EXPECT_EQ(column_names(&c.tables[0]), (std::vector<std::string>{"id", "name"}));
  EXPECT_EQ(c.tables[0].row_count, 0);
  EXPECT_EQ(column(&c.tables[0], "id")->comment, "no values in the sample");
  Catalog numbers = import_text("n.csv", "1,2\n", SchemaFormat::kCsv);
  EXPECT_EQ(column_names(&numbers.tables.at(0)),
            (std::vector<std::string>{"column_1", "column_2"}));
  EXPECT_EQ(numbers.tables[0].row_count, 1);
}

TEST(CsvImporter, TsvBomAndNullTokens) {
  Catalog c = import_text("t.tsv", "\xEF\xBB\xBFk\tv\n1\t\\N\n2\tNULL\n3\tx\n", SchemaFormat::kTsv);
  const Table* t = only_table(c);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(column_names(t), (std::vector<std::string>{"k", "v"}));
  EXPECT_EQ(t->dialect, "tsv");
  EXPECT_TRUE(column(t, "v")->nullable);
  EXPECT_EQ(column(t, "v")->sample_values, std::vector<std::string>{"x"});
}

TEST(CsvImporter, RaggedRowsAreReportedAndRead) {
  Catalog c = import_text("r.csv", "a,b\n1,2\n3\n4,5,6\n", SchemaFormat::kCsv);
  const Table* t = only_table(c);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(column_names(t), (std::vector<std::string>{"a", "b", "column_3"}));
  EXPECT_TRUE(column(t, "b")->nullable);
  ASSERT_TRUE(has_code(c, "W-IMPORT-CSV-RAGGED"));
  EXPECT_EQ(c.diagnostics[0].location.line, 3u);
  EXPECT_EQ(c.diagnostics[0].message,
            "2 rows do not have 2 fields (first at line 3); missing fields are read as NULL and "
            "extra ones as more columns");
}

TEST(CsvImporter, SamplesAreDistinctAndCapped) {
  std::string text = "v\n";
  for (int i = 0; i < 100; ++i) text += std::to_string(i % 30) + "\n";
  ImportOptions o;
  o.max_samples = 5;
  Catalog c = import_text("s.csv", text, SchemaFormat::kCsv, o);
  EXPECT_EQ(column(only_table(c), "v")->sample_values,
            (std::vector<std::string>{"0", "1", "2", "3", "4"}));
  Catalog d = import_text("s.csv", text, SchemaFormat::kCsv);
  EXPECT_EQ(column(only_table(d), "v")->sample_values.size(), 20u);
  EXPECT_EQ(only_table(d)->row_count, 100);
}

TEST(CsvImporter, MaxRowsBoundsInferenceButRowsAreCounted) {
  std::string text = "v\n1\n2\n3\nnot a number\n";
  ImportOptions o;
  o.max_rows = 3;
  Catalog c = import_text("m.csv", text, SchemaFormat::kCsv, o);
  EXPECT_EQ(type_of(only_table(c), "v"), "INT16");
  EXPECT_EQ(only_table(c)->row_count, 4);
  EXPECT_EQ(only_table(c)->comment, "CSV sample, 4 rows (types inferred from the first 3)");
}

TEST(CsvImporter, HostileFilesGiveDiagnostics) {
  EXPECT_TRUE(has_code(import_text("e.csv", "", SchemaFormat::kCsv), "E-IMPORT-EMPTY"));
  EXPECT_TRUE(
      has_code(import_text("e.csv", "\xEF\xBB\xBF \r\n", SchemaFormat::kCsv), "E-IMPORT-EMPTY"));
  EXPECT_TRUE(has_code(import_text("b.csv", std::string("a,b\n\0\0", 6), SchemaFormat::kCsv),
                       "E-IMPORT-BINARY"));
  Catalog latin1 = import_text("l.csv", "name\ncaf\xe9\nna\xefve\n", SchemaFormat::kCsv);
  ASSERT_TRUE(has_code(latin1, "W-IMPORT-ENCODING"));
  ASSERT_NE(only_table(latin1), nullptr);
  EXPECT_EQ(column(only_table(latin1), "name")->sample_values[0], "caf\xEF\xBF\xBD");
  Catalog open_quote = import_text("o.csv", "a,b\n1,\"never closed\n2,3\n", SchemaFormat::kCsv);
  EXPECT_TRUE(has_code(open_quote, "W-IMPORT-CSV-QUOTE"));
  std::string wide(30000, ',');
  Catalog w = import_text("w.csv", wide + "\n" + wide + "\n", SchemaFormat::kCsv);
  EXPECT_TRUE(has_code(w, "E-IMPORT-TOO-MANY-COLUMNS"));
  ASSERT_NE(only_table(w), nullptr);
  EXPECT_EQ(only_table(w)->columns.size(), 10000u);
}

TEST(CsvImporter, ASampleOfAKnownTableAddsSamplesAndRowCountToIt) {
  Catalog c;
  import_schema_file(c, "ddl.sql", "CREATE TABLE customers (id INT PRIMARY KEY, name TEXT);",
                     SchemaFormat::kSql);
  import_schema_file(c, "dump/Customers.csv", "ID,name,extra\n1,Ada,x\n2,Grace,y\n",
                     SchemaFormat::kCsv);
  ASSERT_EQ(c.tables.size(), 1u) << codes(c);
  const Table* t = &c.tables[0];
  EXPECT_EQ(t->row_count, 2);
  EXPECT_EQ(type_of(t, "id"), "INT32");  // the declared type stays
  EXPECT_EQ(column(t, "id")->sample_values, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(column(t, "name")->sample_values, (std::vector<std::string>{"Ada", "Grace"}));
  EXPECT_TRUE(has_code(c, "I-IMPORT-CSV-SAMPLE"));
  EXPECT_TRUE(has_code(c, "W-IMPORT-CSV-UNKNOWN-COLUMN"));
}

TEST(CsvImporter, ReadsARealSampleFromTheSharedDatasets) {
  std::string path =
      std::string(GODWIT_TEST_SHARED_DIR) + "/datasets/matching/synthea_omop/truth.csv";
  std::ifstream in(path, std::ios::binary);
  if (!in) GTEST_SKIP() << "shared datasets not found at " << path;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  Catalog c = import_text(path, buffer.str(), SchemaFormat::kCsv);
  const Table* t = only_table(c);
  ASSERT_NE(t, nullptr) << codes(c);
  EXPECT_EQ(t->name.name, "truth");
  EXPECT_GT(t->row_count.value_or(0), 10);
  EXPECT_GE(t->columns.size(), 2u);
  for (const Column& col : t->columns) EXPECT_NE(col.name.rfind("column_", 0), 0u) << col.name;
}

}  // namespace
}  // namespace godwit::schema

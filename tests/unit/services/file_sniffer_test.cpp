// Classifying uploaded files: each accepted kind, the refusals with their reasons, CSV
// delimiter and header sniffing, and the archive reader's zip-slip and zip-bomb limits.
#include "services/file_sniffer.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include "core/error.hpp"
#include "services/content_store.hpp"
#include "services/zip_archive.hpp"

namespace godwit::services {
namespace {

ErrorKind refusal(std::string_view name, std::string_view content) {
  try {
    sniff_file(name, content);
  } catch (const Error& e) {
    return e.kind();
  }
  ADD_FAILURE() << name << " was accepted";
  return ErrorKind::kInvalidInput;
}

std::string refusal_text(std::string_view name, std::string_view content) {
  try {
    sniff_file(name, content);
  } catch (const Error& e) {
    return e.what();
  }
  return "accepted";
}

TEST(FileSniffer, RecognisesEachSchemaKind) {
  EXPECT_EQ(sniff_file("a.sql", "CREATE TABLE t (id INT);").kind, FileKind::kSql);
  EXPECT_EQ(sniff_file("a.ddl",
                       "\xEF\xBB\xBF"
                       "create table t (id int);")
                .kind,
            FileKind::kSql);
  EXPECT_EQ(sniff_file("s.json", R"({"$schema":"x","properties":{}})").kind, FileKind::kJsonSchema);
  EXPECT_EQ(sniff_file("bq.json", R"([{"name":"id","type":"INTEGER","mode":"REQUIRED"}])").kind,
            FileKind::kBigQuerySchema);
  EXPECT_EQ(sniff_file("bq.json", R"({"schema":{"fields":[{"name":"id","type":"STRING"}]}})").kind,
            FileKind::kBigQuerySchema);
  EXPECT_EQ(sniff_file("o.avsc", R"({"type":"record","name":"O","fields":[]})").kind,
            FileKind::kAvroSchema);
  EXPECT_EQ(sniff_file("noext", "ALTER TABLE t ADD c INT;").kind, FileKind::kSql);
}

TEST(FileSniffer, SniffsDelimiterAndHeader) {
  SniffedFile csv = sniff_file("a.csv", "id;name;amount\n1;Ada;2.5\n2;Bob;3\n");
  EXPECT_EQ(csv.kind, FileKind::kCsv);
  EXPECT_EQ(csv.delimiter, ';');
  EXPECT_TRUE(csv.has_header);
  SniffedFile tsv = sniff_file("a.tsv", "1\tAda\n2\tBob\n");
  EXPECT_EQ(tsv.kind, FileKind::kTsv);
  EXPECT_EQ(tsv.delimiter, '\t');
  EXPECT_FALSE(tsv.has_header);
  SniffedFile quoted = sniff_file("q.csv", "id,note\n1,\"a, b\"\n2,\"line\nbreak\"\n");
  EXPECT_EQ(quoted.delimiter, ',');
  DelimitedSample sample = read_delimited("id,note\n1,\"a, b\"\n2,\"line\nbreak\"\n", ',', true);
  EXPECT_EQ(sample.rows, 2u);
  EXPECT_EQ(sample.columns, 2u);
  EXPECT_EQ(sample.header, (std::vector<std::string>{"id", "note"}));
}

TEST(FileSniffer, RefusesBinariesAndContradictionsWith415) {
  EXPECT_EQ(refusal("x.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10)),
            ErrorKind::kUnsupportedType);
  EXPECT_NE(refusal_text("x.sql", std::string("\x7f"
                                              "ELF\x02\x01",
                                              6))
                .find("ELF executable"),
            std::string::npos);
  EXPECT_NE(refusal_text("x.sql", std::string("CREATE\0TABLE", 12)).find("NUL bytes"),
            std::string::npos);
  EXPECT_NE(refusal_text("x.json", "CREATE TABLE t (id INT);").find("does not contain JSON"),
            std::string::npos);
  EXPECT_NE(refusal_text("x.json", "{\"a\": ").find("not valid JSON"), std::string::npos);
  EXPECT_NE(refusal_text("x.json", R"({"hello":"world"})").find("not a schema"), std::string::npos);
  EXPECT_NE(refusal_text("x.sql", R"({"type":"record","fields":[]})").find("contains JSON"),
            std::string::npos);
  EXPECT_NE(refusal_text("x.zip", "CREATE TABLE t (id INT);").find("not a zip"), std::string::npos);
  EXPECT_NE(refusal_text("x.docx", "hello").find("(.docx)"), std::string::npos);
  EXPECT_EQ(refusal("x.sql", "  \n"), ErrorKind::kUnprocessable);
}

TEST(FileSniffer, FirstLinesAreCutAndKeepValidUtf8) {
  std::string long_line = std::string(499, 'a') + "\xC3\xA9" + "tail";
  std::vector<std::string> lines = first_lines("one\r\ntwo\n" + long_line + "\nfour", 3);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "one");
  EXPECT_EQ(lines[1], "two");
  EXPECT_EQ(lines[2], std::string(499, 'a'));
}

TEST(ContentStore, Sha256OfKnownInput) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

std::string zip_of(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(out);
  zip_t* archive = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  for (const auto& [name, content] : entries) {
    zip_file_add(archive, name.c_str(),
                 zip_source_buffer(archive, content.data(), content.size(), 0), ZIP_FL_OVERWRITE);
  }
  zip_close(archive);
  zip_source_open(out);
  zip_source_seek(out, 0, SEEK_END);
  std::string bytes(static_cast<std::size_t>(zip_source_tell(out)), '\0');
  zip_source_seek(out, 0, SEEK_SET);
  zip_source_read(out, bytes.data(), bytes.size());
  zip_source_close(out);
  zip_source_free(out);
  zip_error_fini(&error);
  return bytes;
}

TEST(ZipArchive, ReadsRegularFilesAndSkipsMetadata) {
  std::string archive =
      zip_of({{"d/", ""}, {"d/a.sql", "SELECT 1;"}, {"__MACOSX/._a", "x"}, {".hidden", "y"}});
  std::vector<ZipEntry> entries = read_zip("a.zip", archive, {});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].name, "d/a.sql");
  EXPECT_EQ(entries[0].content, "SELECT 1;");
}

TEST(ZipArchive, RefusesZipSlipNames) {
  for (const char* name : {"../x.sql", "a/../../x.sql", "/etc/x.sql", "C:/x.sql", "a\\..\\x.sql"}) {
    try {
      read_zip("a.zip", zip_of({{name, "SELECT 1;"}}), {});
      ADD_FAILURE() << name;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kUnprocessable) << name;
      EXPECT_NE(std::string(e.what()).find("zip-slip"), std::string::npos) << e.what();
    }
  }
}

TEST(ZipArchive, RefusesBombsAndOversizedContent) {
  std::string zeros(5u << 20, '\0');
  try {
    read_zip("b.zip", zip_of({{"z.sql", zeros}}), {});
    ADD_FAILURE() << "bomb accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnprocessable);
    EXPECT_NE(std::string(e.what()).find("the limit is 100 times"), std::string::npos) << e.what();
  }
  ZipLimits limits;
  limits.max_ratio = 1u << 30;
  limits.max_total_bytes = 8u << 20;
  try {
    read_zip("b.zip", zip_of({{"a.sql", zeros}, {"b.sql", zeros + "x"}}), limits);
    ADD_FAILURE() << "total accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kTooLarge);
  }
  limits = {};
  limits.max_entries = 2;
  EXPECT_THROW(read_zip("c.zip", zip_of({{"a", "1"}, {"b", "2"}, {"c", "3"}}), limits), Error);
  EXPECT_THROW(read_zip("d.zip", "PK\x03\x04 not really a zip", {}), Error);
}

}  // namespace
}  // namespace godwit::services

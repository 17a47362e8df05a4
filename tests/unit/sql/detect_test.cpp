// Dialect auto-detection picks the dialect whose distinctive phrases dominate.
#include "sql/dialect/detect.hpp"

#include <gtest/gtest.h>

namespace godwit::sql {
namespace {

TEST(Detect, TsqlFromGoAndBrackets) {
  DialectDetection d =
      detect_dialect("CREATE TABLE [dbo].[t] ([id] INT IDENTITY(1,1) NOT NULL)\nGO\n");
  EXPECT_EQ(d.dialect, "tsql");
  EXPECT_GT(d.confidence, 0.5);
  EXPECT_FALSE(d.evidence.empty());
}

TEST(Detect, OracleFromVarchar2AndNumber) {
  DialectDetection d =
      detect_dialect("CREATE TABLE t (a VARCHAR2(10 BYTE), b NUMBER(10,2));\nPROMPT done\n");
  EXPECT_EQ(d.dialect, "oracle");
}

TEST(Detect, MysqlFromEngineAndAutoIncrement) {
  DialectDetection d = detect_dialect(
      "CREATE TABLE `t` (`id` int unsigned AUTO_INCREMENT) ENGINE=InnoDB DEFAULT CHARSET=utf8;");
  EXPECT_EQ(d.dialect, "mysql");
}

TEST(Detect, NothingDistinctiveIsAnsiWithZeroConfidence) {
  DialectDetection d = detect_dialect("select a from b");
  EXPECT_EQ(d.dialect, "ansi");
  EXPECT_EQ(d.confidence, 0);
}

}  // namespace
}  // namespace godwit::sql

// Parsing of GODWIT_DATABASE_URL, opening failures, and the backend-neutral helpers:
// none of it needs a running server.
#include "store/database_url.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/database.hpp"
#include "store/repositories/user_repository.hpp"
#include "store/sql_support.hpp"

namespace godwit::store {
namespace {

TEST(DatabaseUrl, ParsesTheSqliteForms) {
  DatabaseTarget plain = parse_database_url("sqlite:var/godwit.db");
  EXPECT_EQ(plain.backend, Backend::kSqlite);
  EXPECT_EQ(plain.sqlite_path, "var/godwit.db");
  EXPECT_FALSE(plain.in_memory);
  EXPECT_EQ(parse_database_url("sqlite:///tmp/x/godwit.db").sqlite_path, "/tmp/x/godwit.db");
  EXPECT_EQ(parse_database_url("SQLite://relative.db").sqlite_path, "relative.db");
  EXPECT_TRUE(parse_database_url("sqlite::memory:").in_memory);
  EXPECT_TRUE(parse_database_url("sqlite://:memory:").in_memory);
}

TEST(DatabaseUrl, TurnsAPostgresUrlIntoQuotedConninfo) {
  DatabaseTarget target = parse_database_url(
      "postgresql://app%40corp:p%40ss'w%5Cd@db.example.com:6432/godwit?sslmode=require");
  EXPECT_EQ(target.backend, Backend::kPostgres);
  EXPECT_EQ(target.password, "p@ss'w\\d");
  EXPECT_EQ(target.conninfo,
            "host='db.example.com' port='6432' dbname='godwit' user='app@corp' "
            "password='p@ss\\'w\\\\d' sslmode='require' connect_timeout='10' "
            "application_name='godwit'");
  EXPECT_EQ(target.display, "app@corp@db.example.com:6432/godwit");
}

TEST(DatabaseUrl, AcceptsPostgresSchemeIpv6AndDefaults) {
  DatabaseTarget target = parse_database_url("postgres://[::1]:5433/db?connect_timeout=3");
  EXPECT_EQ(target.conninfo,
            "host='::1' port='5433' dbname='db' connect_timeout='3' application_name='godwit'");
  DatabaseTarget bare = parse_database_url("postgresql:///godwit");
  EXPECT_EQ(bare.conninfo, "dbname='godwit' connect_timeout='10' application_name='godwit'");
}

TEST(DatabaseUrl, RejectsMalformedUrlsListingTheAcceptedForms) {
  for (const char* url :
       {"", "mysql://x/y", "sqlite:", "postgresql://h:port/db", "postgresql://u:%zz@h/db",
        "postgresql://h/db?sslmode", "postgresql://h/db?Bad-Key=1", "sqlite:a\"b.db"}) {
    try {
      parse_database_url(url);
      ADD_FAILURE() << "accepted " << url;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput) << url;
      EXPECT_NE(std::string(e.what()).find("sqlite::memory:"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("postgresql://"), std::string::npos) << e.what();
    }
  }
}

TEST(DatabaseUrl, MalformedUrlErrorsNeverRepeatThePassword) {
  try {
    parse_database_url("postgresql://user:hunter2secret@host:notaport/db");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2secret"), std::string::npos) << e.what();
  }
}

TEST(DatabaseOpen, UnreachablePostgresIsUnavailableAndHidesThePassword) {
  try {
    Database::open({"postgresql://godwit:hunter2secret@127.0.0.1:1/godwit", 1});
    FAIL() << "connected to port 1";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnavailable);
    std::string message = e.what();
    EXPECT_NE(message.find("godwit@127.0.0.1:1/godwit"), std::string::npos) << message;
    EXPECT_EQ(message.find("hunter2secret"), std::string::npos) << message;
  }
}

TEST(DatabaseOpen, CreatesTheParentDirectoryOfTheSqliteFile) {
  auto dir = std::filesystem::temp_directory_path() / ("godwit-url-" + new_uuid());
  auto file = dir / "nested" / "deeper" / "godwit.db";
  {
    auto db = Database::open({"sqlite:" + file.string(), 2});
    db->migrate();
    EXPECT_TRUE(db->ping());
  }
  EXPECT_TRUE(std::filesystem::exists(file));
  std::filesystem::remove_all(dir);
}

TEST(DatabaseOpen, SqlitePathsWithSpacesWork) {
  auto dir = std::filesystem::temp_directory_path() / ("godwit url " + new_uuid());
  auto file = dir / "my data.db";
  {
    auto db = Database::open({"sqlite:" + file.string(), 2});
    db->migrate();
  }
  EXPECT_TRUE(std::filesystem::exists(file));
  std::filesystem::remove_all(dir);
}

TEST(DatabaseOpen, InMemoryDatabaseKeepsItsDataAcrossCalls) {
  auto db = Database::open({"sqlite::memory:", 8});
  db->migrate();
  UserRepository users(*db);
  User created =
      users.create({"memory@example.com", "Mem", std::nullopt, std::nullopt, std::nullopt});
  ASSERT_TRUE(users.find_by_id(created.id).has_value());
  EXPECT_EQ(db->schema_version(), Database::latest_schema_version());
}

TEST(StoreSupport, TimestampsFromEitherBackendReadTheSame) {
  using detail::timestamp_from_db;
  EXPECT_EQ(timestamp_from_db("2026-11-25T07:54:54.123456Z"), "2026-11-25T07:54:54.123456Z");
  EXPECT_EQ(timestamp_from_db("2026-11-25 07:54:54.123456+00"), "2026-11-25T07:54:54.123456Z");
  EXPECT_EQ(timestamp_from_db("2026-11-25 07:54:54.1+00"), "2026-11-25T07:54:54.100000Z");
  EXPECT_EQ(timestamp_from_db("2026-11-25 07:54:54+00"), "2026-11-25T07:54:54.000000Z");
  EXPECT_EQ(timestamp_from_db("2026-11-25 09:54:54.5+02:00"), "2026-11-25T07:54:54.500000Z");
  EXPECT_EQ(timestamp_from_db("2026-01-01 00:30:00-01"), "2026-01-01T01:30:00.000000Z");
}

TEST(StoreSupport, NowTimestampIsIso8601UtcWithMicroseconds) {
  std::string now = detail::now_timestamp();
  ASSERT_EQ(now.size(), 27u) << now;
  EXPECT_EQ(now[10], 'T');
  EXPECT_EQ(now[19], '.');
  EXPECT_EQ(now.back(), 'Z');
  EXPECT_EQ(detail::timestamp_from_db(now), now);
}

TEST(StoreSupport, LikePatternsEscapeWildcards) {
  EXPECT_EQ(detail::like_contains("50%_off!"), "%50!%!_off!!%");
  EXPECT_EQ(detail::like_contains(""), "%%");
}

TEST(StoreSupport, JsonArraysRoundTrip) {
  std::vector<std::string> values = {"upload", "a\"b", "x'); DROP TABLE users;--"};
  EXPECT_EQ(detail::from_json_array(detail::to_json_array(values)), values);
  EXPECT_TRUE(detail::from_json_array("not json").empty());
}

}  // namespace
}  // namespace godwit::store

// Business-domain classifier: words of names and comments vote, the table name most.
#include "discovery/domains.hpp"

#include <gtest/gtest.h>

namespace godwit::discovery {
namespace {

TEST(DomainWords, SplitsCamelCaseAndUnderscoresAndMakesPluralsSingular) {
  EXPECT_EQ(domain_words("OrderItems"), (std::vector<std::string>{"order", "item"}));
  EXPECT_EQ(domain_words("tbl_categories"), (std::vector<std::string>{"tbl", "category"}));
  EXPECT_EQ(domain_words("addresses status"), (std::vector<std::string>{"address", "status"}));
}

TEST(ClassifyDomain, TableNameAndColumnsVote) {
  DomainInput in{"invoices", "", {"id", "amount", "tax_rate", "customer_id"}, {}};
  DomainGuessResult r = classify_domain(in);
  EXPECT_EQ(r.domain, "finance");
  // finance 3 + 1 + 1 = 5, customer 1: 5 / (5 + 1 + 2)
  EXPECT_DOUBLE_EQ(r.confidence, 0.63);
  EXPECT_EQ(r.evidence, (std::vector<std::string>{"table:invoice", "column:amount", "column:tax"}));
}

TEST(ClassifyDomain, CommentsCountWhenNamesSayNothing) {
  DomainInput in{"t01", "Admissions of each patient to a ward", {"c1", "c2"}, {}};
  DomainGuessResult r = classify_domain(in);
  EXPECT_EQ(r.domain, "healthcare");
  // healthcare 0.5 * 3 = 1.5: 1.5 / 3.5
  EXPECT_DOUBLE_EQ(r.confidence, 0.43);
}

TEST(ClassifyDomain, NoKeywordIsOther) {
  DomainGuessResult r = classify_domain({"zz_misc", "", {"a", "b"}, {}});
  EXPECT_EQ(r.domain, "other");
  EXPECT_EQ(r.confidence, 0.0);
  EXPECT_TRUE(r.evidence.empty());
}

TEST(ClassifyDomain, SecurityAndAuditTables) {
  EXPECT_EQ(classify_domain({"user_roles", "", {"user_id", "role_id"}, {}}).domain, "security");
  EXPECT_EQ(classify_domain({"audit_log", "", {"changed_at"}, {}}).domain, "audit");
  EXPECT_EQ(classify_domain({"country", "", {"country_id", "country"}, {}}).domain, "reference");
}

}  // namespace
}  // namespace godwit::discovery

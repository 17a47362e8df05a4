// The abbreviation and synonym dictionary of database naming: short forms people write
// in column names (cust, amt, qty, dt, nbr, addr, desc ...) and groups of words used for
// the same thing (client/customer, zip/postcode). Plain data tables in dictionary.cpp,
// general vocabulary only — never the names of a particular schema.
#pragma once

#include <string>
#include <string_view>

namespace godwit::mapping {

/// The full word an abbreviation stands for ("cust" -> "customer"), or the token itself.
std::string_view expand_abbreviation(std::string_view token);

/// The representative of the token's synonym group ("client" -> "customer",
/// "postcode" -> "zip"), or the token itself. Apply after expand_abbreviation.
std::string_view synonym_representative(std::string_view word);

/// expand_abbreviation, then singular, then synonym_representative: the form tokens are
/// compared in.
std::string canonical_token(std::string_view token);

}  // namespace godwit::mapping

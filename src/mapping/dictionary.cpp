// Abbreviation and synonym tables (dictionary.hpp).
#include "mapping/dictionary.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "mapping/normalise.hpp"

namespace godwit::mapping {
namespace {

// Abbreviation -> word, as found in data-modelling naming standards.
constexpr std::pair<std::string_view, std::string_view> kAbbreviations[] = {
    {"acct", "account"},      {"acc", "account"},       {"addr", "address"},
    {"adr", "address"},       {"amt", "amount"},        {"amnt", "amount"},
    {"app", "application"},   {"appt", "appointment"},  {"attr", "attribute"},
    {"auth", "author"},       {"avg", "average"},       {"bal", "balance"},
    {"bday", "birthday"},     {"bdate", "birthdate"},   {"bldg", "building"},
    {"cat", "category"},      {"categ", "category"},    {"cd", "code"},
    {"cde", "code"},          {"cfg", "configuration"}, {"chg", "change"},
    {"cnt", "count"},         {"co", "company"},        {"comp", "company"},
    {"cmt", "comment"},       {"cntry", "country"},     {"ctry", "country"},
    {"cty", "city"},          {"cur", "currency"},      {"curr", "currency"},
    {"ccy", "currency"},      {"cust", "customer"},     {"cstmr", "customer"},
    {"custmr", "customer"},   {"dept", "department"},   {"dep", "department"},
    {"desc", "description"},  {"descr", "description"}, {"dscr", "description"},
    {"dob", "birthdate"},     {"dt", "date"},           {"dte", "date"},
    {"dttm", "datetime"},     {"ts", "timestamp"},      {"tstamp", "timestamp"},
    {"dur", "duration"},      {"emp", "employee"},      {"empl", "employee"},
    {"eml", "email"},         {"mail", "email"},        {"fax", "fax"},
    {"fname", "firstname"},   {"fnm", "firstname"},     {"lname", "lastname"},
    {"lnm", "lastname"},      {"mname", "middlename"},  {"minit", "middleinitial"},
    {"freq", "frequency"},    {"gdr", "gender"},        {"grp", "group"},
    {"hr", "hour"},           {"hrs", "hour"},          {"id", "id"},
    {"ident", "id"},          {"identifier", "id"},     {"img", "image"},
    {"ind", "indicator"},     {"flg", "flag"},          {"info", "information"},
    {"inv", "invoice"},       {"invc", "invoice"},      {"itm", "item"},
    {"lang", "language"},     {"lat", "latitude"},      {"lng", "longitude"},
    {"lon", "longitude"},     {"long", "longitude"},    {"loc", "location"},
    {"lvl", "level"},         {"max", "maximum"},       {"min", "minimum"},
    {"mgr", "manager"},       {"mfr", "manufacturer"},  {"mod", "modified"},
    {"msg", "message"},       {"mth", "month"},         {"mo", "month"},
    {"nm", "name"},           {"nbr", "number"},        {"num", "number"},
    {"no", "number"},         {"nr", "number"},         {"nmbr", "number"},
    {"ord", "order"},         {"org", "organization"},  {"orgn", "organization"},
    {"pct", "percent"},       {"perc", "percent"},      {"ph", "phone"},
    {"phn", "phone"},         {"tel", "phone"},         {"pmt", "payment"},
    {"pymt", "payment"},      {"pos", "position"},      {"prc", "price"},
    {"prod", "product"},      {"prd", "product"},       {"pub", "publisher"},
    {"pwd", "password"},      {"qty", "quantity"},      {"qnty", "quantity"},
    {"rcv", "receive"},       {"ref", "reference"},     {"reg", "region"},
    {"rev", "revenue"},       {"sal", "salary"},        {"seq", "sequence"},
    {"ship", "shipment"},     {"sku", "sku"},           {"src", "source"},
    {"st", "state"},          {"stat", "status"},       {"sts", "status"},
    {"std", "standard"},      {"stor", "store"},        {"str", "street"},
    {"supp", "supplier"},     {"sup", "supplier"},      {"tgt", "target"},
    {"tot", "total"},         {"ttl", "title"},         {"txn", "transaction"},
    {"trans", "transaction"}, {"trx", "transaction"},   {"typ", "type"},
    {"tp", "type"},           {"upd", "updated"},       {"usr", "user"},
    {"val", "value"},         {"ver", "version"},       {"vol", "volume"},
    {"wk", "week"},           {"yr", "year"},           {"zip", "zipcode"},
    {"zipcd", "zipcode"},     {"postcode", "zipcode"},  {"postalcode", "zipcode"},
    {"sex", "gender"},        {"ssn", "ssn"},           {"dob", "birthdate"},
};

// Groups of words used for the same thing in schemas; the first is the representative.
const std::vector<std::vector<std::string_view>>& synonym_groups() {
  static const std::vector<std::vector<std::string_view>> groups = {
      {"customer", "client", "consumer", "buyer", "purchaser"},
      {"zipcode", "postal", "postcode", "zip"},
      {"phone", "telephone", "mobile", "cell"},
      {"gender", "sex"},
      {"birthdate", "birthday"},
      {"id", "identifier", "key", "pk", "uid", "guid"},
      {"description", "desc", "remark", "note", "comment", "memo"},
      {"amount", "sum"},
      {"quantity", "qty"},
      {"price", "cost", "rate", "charge", "fee"},
      {"created", "inserted", "added"},
      {"updated", "modified", "changed"},
      {"start", "begin", "from"},
      {"end", "stop", "finish", "until"},
      {"employee", "staff", "worker", "personnel"},
      {"company", "firm", "organization", "organisation", "business", "enterprise"},
      {"supplier", "vendor", "provider"},
      {"product", "item", "article", "merchandise"},
      {"state", "province", "region"},
      {"country", "nation"},
      {"town", "city"},
      {"title", "heading"},
      {"salary", "wage", "pay", "income"},
      {"number", "count"},
      {"surname", "lastname", "familyname"},
      {"firstname", "forename", "givenname"},
      {"photo", "picture", "image"},
      {"email", "mail"},
      {"film", "movie", "picture"},
      {"author", "writer"},
      {"category", "genre", "class", "kind"},
      {"type", "kind"},
      {"order", "purchase"},
      {"address", "location"},
      {"store", "shop", "outlet"},
      {"year", "yr"},
      {"active", "enabled"},
      {"language", "lang"},
  };
  return groups;
}

struct Tables {
  std::unordered_map<std::string_view, std::string_view> abbreviations;
  std::unordered_map<std::string_view, std::string_view> representatives;
  Tables() {
    for (const auto& [a, w] : kAbbreviations) abbreviations.emplace(a, w);
    for (const auto& group : synonym_groups())
      for (std::string_view w : group) representatives.emplace(w, group.front());
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

}  // namespace

std::string_view expand_abbreviation(std::string_view token) {
  const auto& a = tables().abbreviations;
  auto it = a.find(token);
  return it == a.end() ? token : it->second;
}

std::string_view synonym_representative(std::string_view word) {
  const auto& r = tables().representatives;
  auto it = r.find(word);
  return it == r.end() ? word : it->second;
}

std::string canonical_token(std::string_view token) {
  std::string word(expand_abbreviation(token));
  std::string_view rep = synonym_representative(word);
  if (rep != word) return std::string(rep);
  std::string one = singular(word);
  return std::string(synonym_representative(expand_abbreviation(one)));
}

}  // namespace godwit::mapping

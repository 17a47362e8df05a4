// Business-domain classifier (see domains.hpp).
#include "discovery/domains.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <unordered_map>

namespace godwit::discovery {
namespace {

std::string singular(std::string w) {
  auto ends = [&](std::string_view s) {
    return w.size() > s.size() + 1 && w.compare(w.size() - s.size(), s.size(), s) == 0;
  };
  if (ends("ies")) return w.substr(0, w.size() - 3) + "y";
  if (ends("sses") || ends("xes") || ends("ches") || ends("shes")) return w.substr(0, w.size() - 2);
  if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) return w.substr(0, w.size() - 1);
  return w;
}

}  // namespace

const std::vector<DomainKeyword>& domain_keywords() {
  static const std::vector<DomainKeyword> keywords = {
      // finance
      {"invoice", "finance"},
      {"payment", "finance"},
      {"ledger", "finance"},
      {"gl", "finance"},
      {"journal", "finance"},
      {"budget", "finance"},
      {"tax", "finance"},
      {"currency", "finance"},
      {"billing", "finance"},
      {"bill", "finance"},
      {"receivable", "finance"},
      {"payable", "finance"},
      {"credit", "finance"},
      {"debit", "finance"},
      {"fiscal", "finance"},
      {"expense", "finance"},
      {"revenue", "finance"},
      {"amount", "finance"},
      {"balance", "finance"},
      {"bank", "finance"},
      {"refund", "finance"},
      {"fee", "finance"},
      {"cost", "finance"},
      {"accounting", "finance"},
      {"transaction", "finance"},
      {"iban", "finance"},
      {"loan", "finance"},
      {"interest", "finance"},
      {"asset", "finance"},
      // sales
      {"order", "sales"},
      {"sale", "sales"},
      {"quote", "sales"},
      {"opportunity", "sales"},
      {"deal", "sales"},
      {"cart", "sales"},
      {"checkout", "sales"},
      {"discount", "sales"},
      {"commission", "sales"},
      {"salesperson", "sales"},
      {"territory", "sales"},
      {"rental", "sales"},
      {"subscription", "sales"},
      {"orderline", "sales"},
      {"quantity", "sales"},
      {"pos", "sales"},
      {"purchase", "sales"},
      // customer
      {"customer", "customer"},
      {"client", "customer"},
      {"contact", "customer"},
      {"lead", "customer"},
      {"crm", "customer"},
      {"subscriber", "customer"},
      {"consumer", "customer"},
      {"buyer", "customer"},
      {"loyalty", "customer"},
      {"prospect", "customer"},
      {"cust", "customer"},
      {"email", "customer"},
      {"phone", "customer"},
      {"firstname", "customer"},
      {"lastname", "customer"},
      // product
      {"product", "product"},
      {"item", "product"},
      {"sku", "product"},
      {"catalog", "product"},
      {"catalogue", "product"},
      {"brand", "product"},
      {"variant", "product"},
      {"price", "product"},
      {"track", "product"},
      {"album", "product"},
      {"artist", "product"},
      {"genre", "product"},
      {"playlist", "product"},
      {"film", "product"},
      {"movie", "product"},
      {"book", "product"},
      {"model", "product"},
      {"feature", "product"},
      // inventory
      {"inventory", "inventory"},
      {"stock", "inventory"},
      {"warehouse", "inventory"},
      {"bin", "inventory"},
      {"lot", "inventory"},
      {"batch", "inventory"},
      {"reorder", "inventory"},
      {"supplier", "inventory"},
      {"vendor", "inventory"},
      {"onhand", "inventory"},
      {"store", "inventory"},
      {"procurement", "inventory"},
      // hr
      {"employee", "hr"},
      {"staff", "hr"},
      {"payroll", "hr"},
      {"salary", "hr"},
      {"department", "hr"},
      {"dept", "hr"},
      {"emp", "hr"},
      {"hire", "hr"},
      {"manager", "hr"},
      {"leave", "hr"},
      {"attendance", "hr"},
      {"timesheet", "hr"},
      {"benefit", "hr"},
      {"applicant", "hr"},
      {"candidate", "hr"},
      {"worker", "hr"},
      {"personnel", "hr"},
      {"job", "hr"},
      {"position", "hr"},
      {"wage", "hr"},
      // logistics
      {"shipment", "logistics"},
      {"shipping", "logistics"},
      {"ship", "logistics"},
      {"shipper", "logistics"},
      {"carrier", "logistics"},
      {"delivery", "logistics"},
      {"route", "logistics"},
      {"freight", "logistics"},
      {"tracking", "logistics"},
      {"package", "logistics"},
      {"parcel", "logistics"},
      {"fleet", "logistics"},
      {"vehicle", "logistics"},
      {"driver", "logistics"},
      {"dispatch", "logistics"},
      {"consignment", "logistics"},
      // healthcare
      {"patient", "healthcare"},
      {"diagnosis", "healthcare"},
      {"encounter", "healthcare"},
      {"prescription", "healthcare"},
      {"medication", "healthcare"},
      {"drug", "healthcare"},
      {"doctor", "healthcare"},
      {"physician", "healthcare"},
      {"clinic", "healthcare"},
      {"hospital", "healthcare"},
      {"admission", "healthcare"},
      {"allergy", "healthcare"},
      {"immunization", "healthcare"},
      {"icd", "healthcare"},
      {"vital", "healthcare"},
      {"lab", "healthcare"},
      {"treatment", "healthcare"},
      {"ward", "healthcare"},
      // reference / lookup
      {"country", "reference"},
      {"city", "reference"},
      {"region", "reference"},
      {"language", "reference"},
      {"lookup", "reference"},
      {"type", "reference"},
      {"status", "reference"},
      {"timezone", "reference"},
      {"unit", "reference"},
      {"calendar", "reference"},
      {"code", "reference"},
      {"postal", "reference"},
      {"address", "reference"},
      {"province", "reference"},
      {"ref", "reference"},
      {"category", "reference"},
      {"dim", "reference"},
      // audit / log
      {"audit", "audit"},
      {"log", "audit"},
      {"history", "audit"},
      {"event", "audit"},
      {"changelog", "audit"},
      {"trail", "audit"},
      {"trace", "audit"},
      {"archive", "audit"},
      {"activity", "audit"},
      {"revision", "audit"},
      {"modified", "audit"},
      // security
      {"user", "security"},
      {"role", "security"},
      {"permission", "security"},
      {"privilege", "security"},
      {"grant", "security"},
      {"password", "security"},
      {"credential", "security"},
      {"session", "security"},
      {"token", "security"},
      {"login", "security"},
      {"auth", "security"},
      {"acl", "security"},
      {"access", "security"},
      // marketing
      {"campaign", "marketing"},
      {"promotion", "marketing"},
      {"coupon", "marketing"},
      {"advertisement", "marketing"},
      {"newsletter", "marketing"},
      {"segment", "marketing"},
      {"survey", "marketing"},
      {"channel", "marketing"},
      // system
      {"config", "system"},
      {"configuration", "system"},
      {"setting", "system"},
      {"parameter", "system"},
      {"queue", "system"},
      {"migration", "system"},
      {"metadata", "system"},
      {"sequence", "system"},
      {"lock", "system"},
      {"cache", "system"},
  };
  return keywords;
}

std::vector<std::string> domain_words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(singular(std::move(current)));
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (!std::isalnum(c)) {
      flush();
      continue;
    }
    bool upper = std::isupper(c) != 0;
    bool prev_lower = i > 0 && std::islower(static_cast<unsigned char>(text[i - 1])) != 0;
    if (upper && prev_lower) flush();
    current.push_back(static_cast<char>(std::tolower(c)));
  }
  flush();
  return words;
}

DomainGuessResult classify_domain(const DomainInput& input) {
  static const std::unordered_map<std::string_view, std::string_view> index = [] {
    std::unordered_map<std::string_view, std::string_view> m;
    for (const DomainKeyword& k : domain_keywords()) m.emplace(k.word, k.domain);
    return m;
  }();
  std::map<std::string, double> score;
  std::map<std::string, std::vector<std::string>> evidence;
  auto vote = [&](std::string_view text, double weight, const char* where) {
    for (const std::string& w : domain_words(text)) {
      auto it = index.find(w);
      if (it == index.end()) continue;
      std::string domain(it->second);
      score[domain] += weight;
      std::string item = std::string(where) + ":" + w;
      std::vector<std::string>& list = evidence[domain];
      if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
    }
  };
  vote(input.table_name, 3.0, "table");
  for (const std::string& c : input.column_names) vote(c, 1.0, "column");
  vote(input.table_comment, 0.5, "comment");
  for (const std::string& c : input.column_comments) vote(c, 0.5, "comment");

  DomainGuessResult out;
  double best = 0, second = 0;
  for (const auto& [domain, s] : score) {  // map order: ties go to the earlier name
    if (s > best) {
      second = best;
      best = s;
      out.domain = domain;
    } else if (s > second) {
      second = s;
    }
  }
  if (best <= 0) return out;
  out.confidence = std::min(0.95, std::round(best / (best + second + 2.0) * 100.0) / 100.0);
  out.evidence = evidence[out.domain];
  if (out.evidence.size() > 8) out.evidence.resize(8);
  return out;
}

}  // namespace godwit::discovery

// Small text utilities shared by every layer (ASCII case folding, trimming, joining).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace godwit {

std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
std::string_view trim(std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace godwit

// The OpenAPI 3.1 document of the HTTP API (src/server/openapi.json, embedded at build
// time so the binary needs no files at run time).
#pragma once

#include <string_view>

namespace godwit::server {

std::string_view openapi_document();

}  // namespace godwit::server

// The OpenAPI 3.1 document, generated from the router's own routes and their docs, so that
// what is documented is exactly what is served.
#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "core/http/router.hpp"

namespace jiguan::http {

boost::json::value openapi_document(const Router& router, const std::string& version);

// Schema helpers for route docs.
boost::json::value list_schema(const boost::json::value& item);  // {items:[item], total}
// The query parameters every list takes (q, page, page_size, sort, format=xlsx), then its own.
std::vector<QueryParamDoc> list_docs(const std::string& q_doc, const std::string& sort_doc, std::vector<QueryParamDoc> own = {});
// ?from=&to= (days, default the current year) and ?format=xlsx of a statistics route.
std::vector<QueryParamDoc> stats_range_docs();
boost::json::value object_schema(std::initializer_list<std::pair<const char*, const char*>> properties,
                                 std::initializer_list<const char*> required = {});

}  // namespace jiguan::http

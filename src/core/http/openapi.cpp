#include "core/http/openapi.hpp"

#include <boost/json.hpp>
#include <map>

namespace jiguan::http {
namespace json = boost::json;

namespace {

json::value error_response(const char* description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

json::value list_schema(const json::value& item) {
  return {{"type", "object"},
          {"required", {"items", "total"}},
          {"properties", {{"items", {{"type", "array"}, {"items", item}}}, {"total", {{"type", "integer"}}}}}};
}

json::value object_schema(std::initializer_list<std::pair<const char*, const char*>> properties,
                          std::initializer_list<const char*> required) {
  json::object props;
  for (const auto& [name, type] : properties) props[name] = {{"type", type}};
  json::object schema{{"type", "object"}, {"properties", std::move(props)}};
  if (required.size() > 0) {
    json::array req;
    for (const char* r : required) req.emplace_back(r);
    schema["required"] = std::move(req);
  }
  return schema;
}

json::value openapi_document(const Router& router, const std::string& version) {
  std::map<std::string, json::object> paths;  // ordered for a stable document
  for (const auto& route : router.routes()) {
    json::object op;
    op["summary"] = route.doc.summary;
    op["tags"] = {route.doc.tag};
    op["operationId"] = lower(route.method) + route.pattern;
    json::array parameters;
    for (std::size_t p = route.pattern.find('{'); p != std::string::npos; p = route.pattern.find('{', p + 1)) {
      const auto name = route.pattern.substr(p + 1, route.pattern.find('}', p) - p - 1);
      parameters.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    // Every list also answers ?format=xlsx (tests/api/excel_test.cpp holds it to that).
    const auto& response = route.doc.response_schema;
    if (route.method == "GET" && response.is_object() && response.as_object().contains("properties") &&
        response.at("properties").as_object().contains("total")) {
      parameters.push_back({{"name", "format"}, {"in", "query"}, {"description", "xlsx：按当前筛选导出 Excel"},
                            {"schema", {{"type", "string"}, {"enum", {"xlsx"}}}}});
    }
    for (const auto& q : route.doc.query) {
      if (q.name == "format") continue;  // already added for every list
      parameters.push_back({{"name", q.name}, {"in", "query"}, {"description", q.description}, {"schema", {{"type", q.type}}}});
    }
    if (!parameters.empty()) op["parameters"] = std::move(parameters);
    if (!route.doc.request_schema.is_null()) {
      op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", route.doc.request_schema}}}}}};
    }
    json::object responses;
    json::object success{{"description", "成功"}};
    if (!route.doc.response_schema.is_null()) {
      success["content"] = {{"application/json", {{"schema", route.doc.response_schema}}}};
    }
    responses[std::to_string(route.doc.success_status)] = std::move(success);
    responses["4XX"] = error_response("请求有误（错误码见 error.code）");
    op["responses"] = std::move(responses);
    if (route.access == Access::open) {
      op["security"] = json::array();
    }
    if (!route.permission.empty()) op["x-permission"] = route.permission;
    paths[route.pattern][lower(route.method)] = std::move(op);
  }
  json::object paths_json;
  for (auto& [pattern, ops] : paths) paths_json[pattern] = std::move(ops);

  return {
      {"openapi", "3.1.0"},
      {"info", {{"title", "Jiguan 机管 API"}, {"version", version}}},
      {"paths", std::move(paths_json)},
      {"security", {{{"cookieAuth", json::array()}}, {{"bearerAuth", json::array()}}}},
      {"components",
       {{"securitySchemes",
         {{"cookieAuth", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "jiguan_session"}}},
          {"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}}}},
        {"schemas",
         {{"Error",
           {{"type", "object"},
            {"required", {"error"}},
            {"properties",
             {{"error",
               {{"type", "object"},
                {"required", {"code", "message"}},
                {"properties",
                 {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}, {"field", {{"type", "string"}}}}}}}}}}}}}}},
  };
}

std::vector<QueryParamDoc> list_docs(const std::string& q_doc, const std::string& sort_doc, std::vector<QueryParamDoc> own) {
  std::vector<QueryParamDoc> docs = {{"q", "string", q_doc},
                                     {"page", "integer", "页码，从 1 开始"},
                                     {"page_size", "integer", "每页条数，最多 200"},
                                     {"sort", "string", sort_doc + "，前加 - 为倒序"},
                                     {"format", "string", "xlsx：导出全部符合条件的记录为 Excel"}};
  docs.insert(docs.end(), own.begin(), own.end());
  return docs;
}

std::vector<QueryParamDoc> stats_range_docs() {
  return {{"from", "string", "起始日 YYYY-MM-DD（默认今年 1 月 1 日）"},
          {"to", "string", "截止日 YYYY-MM-DD（含；默认今年 12 月 31 日）"},
          {"format", "string", "xlsx：导出 Excel"}};
}

}  // namespace jiguan::http

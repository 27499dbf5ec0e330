#include "core/app/app.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/audit/audit.hpp"
#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"

namespace jiguan::app {
namespace json = boost::json;

namespace {

http::Response error_response(int status, const std::string& code, const std::string& message, const std::string& field = {},
                              const json::object& extra = {}) {
  json::object error{{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  for (const auto& [key, value] : extra) error[key] = value;
  return http::Response::json(json::object{{"error", std::move(error)}}, status);
}

http::Response from_db_error(const db::DbError& e, const http::Request& request) {
  switch (e.kind()) {
    case db::ErrorKind::unique_violation:
      return error_response(409, "conflict", "记录重复，与已有记录冲突");
    case db::ErrorKind::foreign_key_violation:
      return error_response(409, "conflict", "记录仍被引用或引用的记录不存在");
    case db::ErrorKind::check_violation:
    case db::ErrorKind::not_null_violation:
      return error_response(422, "invalid_value", "数据不符合约束");
    case db::ErrorKind::busy:
      return error_response(503, "busy", "数据库繁忙，请稍后重试");
    default:
      spdlog::error("{} database error: {}", request.request_id, e.what());
      return error_response(500, "internal", "服务器内部错误，请求编号 " + request.request_id);
  }
}

}  // namespace

App::App(db::Database& db, const AppConfig& config)
    : db_(db), sessions_(db, config.session_policy), services_{db, sessions_, {}}, static_files_(config.static_dir) {
  register_all_routes(router_, services_);
  router_.add({"GET", "/api/v1/openapi.json", http::Access::open, "",
               [this](http::Context&) { return http::Response::json(openapi_); },
               {"本 API 的 OpenAPI 3.1 文档", "system", {}, nullptr, json::object{{"type", "object"}}}});
  openapi_ = http::openapi_document(router_, JIGUAN_VERSION);
  for (const auto& route : router_.routes()) {
    if (!route.permission.empty()) services_.permission_catalogue.push_back(route.permission);
  }
  auto& catalogue = services_.permission_catalogue;
  std::sort(catalogue.begin(), catalogue.end());
  catalogue.erase(std::unique(catalogue.begin(), catalogue.end()), catalogue.end());
}

http::Response App::handle(http::Request& request) noexcept {
  try {
    if (request.path == "/healthz" || request.path.starts_with("/api/")) {
      auto response = dispatch_api(request);
      response.with_header("Cache-Control", "no-store");
      return response;
    }
    if (auto file = static_files_.serve(request)) return std::move(*file);
    return error_response(404, "not_found", "找不到该地址：" + request.path);
  } catch (const http::ApiError& e) {
    return error_response(e.status(), e.code(), e.what(), e.field(), e.extra());
  } catch (const db::DbError& e) {
    return from_db_error(e, request);
  } catch (const std::exception& e) {
    spdlog::error("{} unhandled error: {}", request.request_id, e.what());
    return error_response(500, "internal", "服务器内部错误，请求编号 " + request.request_id);
  } catch (...) {
    return error_response(500, "internal", "服务器内部错误，请求编号 " + request.request_id);
  }
}

void App::record_denial(const auth::Principal& who, const http::Request& request, const std::string& reason) {
  // Its own small transaction (the refused request wrote nothing). Failing to record must
  // not turn the 403 into a 500, so a database error here is logged and dropped.
  try {
    db_.write([&](db::Tx& tx) {
      audit::record(tx, audit::actor_of(who, request),
                    {"denied", "request", std::nullopt, {{"method", request.method}, {"path", request.path}, {"reason", reason}}});
    });
  } catch (const std::exception& e) {
    spdlog::warn("{} could not audit a denied request: {}", request.request_id, e.what());
  }
}

http::Response App::dispatch_api(http::Request& request) {
  auto match = router_.match(request.method, request.path);
  if (!match.route) {
    if (!match.allowed_methods.empty()) {
      std::string allow;
      for (const auto& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
      return error_response(405, "method_not_allowed", "该地址不支持 " + request.method + " 方法").with_header("Allow", allow);
    }
    return error_response(404, "not_found", "找不到该接口：" + request.method + " " + request.path);
  }
  const auto& route = *match.route;
  http::Context ctx(request, std::move(match.params), db_);
  if (route.access == http::Access::authenticated) {
    ctx.principal = sessions_.authenticate(request);
    if (!ctx.principal) throw http::ApiError(401, "unauthenticated", "请先登录");
  }
  // Browsers attach cookies on their own but never let a cross-site page set this header,
  // so a forged form can neither act with the user's session nor sign them in (login CSRF).
  // Only Bearer-token clients, which hold no cookie, are exempt.
  if (!request.is_safe_method() && !request.header("authorization").starts_with("Bearer ") &&
      request.header("x-requested-with") != "jiguan") {
    if (ctx.principal) record_denial(*ctx.principal, request, "csrf");
    throw http::ApiError(403, "csrf", "缺少请求头 X-Requested-With: jiguan");
  }
  if (ctx.principal) {
    if (!route.permission.empty() && !ctx.principal->can(route.permission)) {
      record_denial(*ctx.principal, request, route.permission);
      throw http::forbidden();
    }
  }
  return route.handler(ctx);
}

}  // namespace jiguan::app

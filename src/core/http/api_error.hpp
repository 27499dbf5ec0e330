// Errors that end a request with a client-facing status. Handlers throw ApiError; the
// dispatcher turns it into {"error":{"code","message","field"}} with the given status, plus
// any extra fields a route adds with with() (e.g. the booking a conflict names).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <stdexcept>
#include <string>

namespace jiguan::http {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message), status_(status), code_(std::move(code)), field_(std::move(field)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }
  const boost::json::object& extra() const { return extra_; }
  ApiError& with(boost::json::string_view key, boost::json::value value) {
    extra_[key] = std::move(value);
    return *this;
  }

 private:
  int status_;
  std::string code_;
  std::string field_;
  boost::json::object extra_;
};

// The common cases, so codes and statuses stay consistent across modules.
inline ApiError not_found(const std::string& what) {
  return ApiError(404, "not_found", what + "不存在");
}
inline ApiError invalid(const std::string& field, const std::string& message) {
  return ApiError(422, "invalid_value", message, field);
}
inline ApiError conflict(const std::string& message, std::string field = {}) {
  return ApiError(409, "conflict", message, std::move(field));
}
inline ApiError forbidden(const std::string& message = "没有执行此操作的权限") {
  return ApiError(403, "forbidden", message);
}

}  // namespace jiguan::http

// Request and response as handlers see them: plain structs, no Beast types, so that module
// code neither depends on nor compiles the HTTP library.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jiguan::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;       // "GET", "POST" …
  std::string path;         // percent-decoded path, without the query
  Headers query;            // decoded query parameters, in order
  Headers headers;          // names in lower case
  std::string body;
  std::string client_addr;  // peer IP address
  std::string request_id;   // also sent back as X-Request-Id

  // First value of a header (name in lower case) or "".
  std::string_view header(std::string_view lower_name) const;
  std::optional<std::string> query_param(std::string_view name) const;
  // The value of one cookie from the Cookie header, or "".
  std::string cookie(std::string_view name) const;
  bool is_safe_method() const { return method == "GET" || method == "HEAD" || method == "OPTIONS"; }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  Headers headers;  // extra headers (Set-Cookie, Cache-Control, Content-Disposition …)

  static Response json(const boost::json::value& v, int status = 200);
  static Response no_content();
  Response& with_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

}  // namespace jiguan::http

// A small blocking HTTP/1.1 client for the API tests: one keep-alive connection, a cookie
// jar for the session cookie, and the CSRF header on state-changing requests (like the
// web app sends). Talks to a real server over loopback.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace jiguan::test {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;

  std::string header(const std::string& lower_name) const;
  boost::json::value json() const;  // throws when the body is not JSON
  std::string error_code() const;   // error.code of a JSON error body, else ""
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port, std::string host = "127.0.0.1");
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;

  HttpResponse request(const std::string& method, const std::string& target, const std::string& body = "",
                       std::vector<std::pair<std::string, std::string>> headers = {});
  HttpResponse get(const std::string& target) { return request("GET", target); }
  HttpResponse post(const std::string& target, const boost::json::value& body);
  HttpResponse patch(const std::string& target, const boost::json::value& body);

  // Logs in and keeps the session cookie; asserts success (returns the response).
  HttpResponse login(const std::string& username, const std::string& password, const std::string& tenant = "");

  void set_bearer(std::string token) { bearer_ = std::move(token); }
  void set_csrf_header(bool on) { csrf_header_ = on; }
  const std::string& session_cookie() const { return cookie_; }
  void set_session_cookie(std::string c) { cookie_ = std::move(c); }

 private:
  struct Connection;
  std::unique_ptr<Connection> connection_;
  std::uint16_t port_;
  std::string host_;
  std::string cookie_;  // "jiguan_session=…"
  std::string bearer_;
  bool csrf_header_ = true;
};

}  // namespace jiguan::test

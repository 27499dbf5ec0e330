#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <stdexcept>

namespace jiguan::test {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

struct HttpClient::Connection {
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
};

std::string HttpResponse::header(const std::string& lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return "";
}

boost::json::value HttpResponse::json() const { return boost::json::parse(body); }

std::string HttpResponse::error_code() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return "";
  const auto* error = v.as_object().if_contains("error");
  if (!error || !error->is_object()) return "";
  const auto* code = error->as_object().if_contains("code");
  return code && code->is_string() ? std::string(code->as_string()) : "";
}

HttpClient::HttpClient(std::uint16_t port, std::string host) : port_(port), host_(std::move(host)) {}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;

HttpResponse HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                                 std::vector<std::pair<std::string, std::string>> headers) {
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, host_);
  if (!cookie_.empty()) req.set(bhttp::field::cookie, cookie_);
  if (!bearer_.empty()) req.set(bhttp::field::authorization, "Bearer " + bearer_);
  if (csrf_header_ && method != "GET" && method != "HEAD") req.set("X-Requested-With", "jiguan");
  if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  req.keep_alive(true);

  // One retry on a fresh connection: the server may have closed an idle keep-alive one.
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      if (!connection_) {
        connection_ = std::make_unique<Connection>();
        net::ip::tcp::resolver resolver(connection_->ioc);
        connection_->stream.connect(resolver.resolve(host_, std::to_string(port_)));
      }
      bhttp::write(connection_->stream, req);
      bhttp::response_parser<bhttp::string_body> parser;
      parser.body_limit(64 * 1024 * 1024);
      if (method == "HEAD") parser.skip(true);
      bhttp::read(connection_->stream, connection_->buffer, parser);
      auto res = parser.release();
      HttpResponse out;
      out.status = static_cast<int>(res.result_int());
      for (const auto& field : res) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers.emplace_back(std::move(name), std::string(field.value()));
      }
      out.body = std::move(res.body());
      if (!res.keep_alive()) connection_.reset();
      for (const auto& [k, v] : out.headers) {
        if (k == "set-cookie" && v.starts_with("jiguan_session=")) {
          const auto value = v.substr(0, v.find(';'));
          cookie_ = value == "jiguan_session=" ? "" : value;
        }
      }
      return out;
    } catch (const boost::system::system_error&) {
      connection_.reset();
      if (attempt == 1) throw;
    }
  }
  throw std::logic_error("unreachable");
}

HttpResponse HttpClient::post(const std::string& target, const boost::json::value& body) {
  return request("POST", target, boost::json::serialize(body));
}

HttpResponse HttpClient::patch(const std::string& target, const boost::json::value& body) {
  return request("PATCH", target, boost::json::serialize(body));
}

HttpResponse HttpClient::login(const std::string& username, const std::string& password, const std::string& tenant) {
  boost::json::object body{{"username", username}, {"password", password}};
  if (!tenant.empty()) body["tenant"] = tenant;
  auto res = post("/api/v1/auth/login", body);
  if (res.status != 200) throw std::runtime_error("login as " + username + " failed: " + std::to_string(res.status) + " " + res.body);
  return res;
}

}  // namespace jiguan::test

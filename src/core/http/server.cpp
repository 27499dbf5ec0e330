#include "core/http/server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>

namespace jiguan::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// Sent with every response; the CSP allows Element Plus's inline styles but no inline script.
const std::pair<const char*, const char*> kSecurityHeaders[] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
     "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
     "frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "strict-origin-when-cross-origin"},
};

std::string error_body(const char* code, const char* message) {
  return std::string(R"({"error":{"code":")") + code + R"(","message":")" + message + R"("}})";
}

// Request ids: a random per-process prefix and a counter, cheap and unique per process.
class RequestIds {
 public:
  RequestIds() {
    std::random_device rd;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08x", rd());
    prefix_ = buf;
  }
  std::string next() {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s-%08llx", prefix_.c_str(),
                  static_cast<unsigned long long>(counter_.fetch_add(1, std::memory_order_relaxed)));
    return buf;
  }

 private:
  std::string prefix_;
  std::atomic<std::uint64_t> counter_{1};
};

}  // namespace

struct Server::Impl {
  Impl(ServerConfig c, Dispatch d) : config(std::move(c)), dispatch(std::move(d)), ioc(config.io_threads), acceptor(ioc), workers(config.workers) {}

  class Session;

  // Order matters: sessions unregister themselves in their destructors, which may run when
  // the worker pool or the io_context is destroyed, so the registry is declared first.
  ServerConfig config;
  Dispatch dispatch;
  std::mutex sessions_mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::atomic<bool> stopping{false};
  std::atomic<int> queued{0};
  RequestIds request_ids;
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::thread_pool workers;
  std::vector<std::thread> io_threads;
  bool started = false;
  bool stopped = false;

  void accept();
};

class Server::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Impl& server) : stream_(std::move(socket)), server_(server) {
    boost::system::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) client_addr_ = endpoint.address().to_string();
  }

  ~Session() {
    std::lock_guard lock(server_.sessions_mutex);
    server_.sessions.erase(this);
  }

  void start() {
    {
      std::lock_guard lock(server_.sessions_mutex);
      server_.sessions.emplace(this, weak_from_this());
    }
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read, shared_from_this()));
  }

  // Called at shutdown: a connection waiting for its next request is closed now; one whose
  // request is being handled closes after its response is written.
  void close_if_idle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->stream_.socket().close();
    });
  }

 private:
  void read() {
    if (server_.stopping) return close();
    parser_.emplace();
    parser_->body_limit(server_.config.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(server_.config.header_limit));
    stream_.expires_after(server_.config.request_timeout);
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted) {
      return close();
    }
    if (ec == bhttp::error::body_limit) return reply_and_close(413, "payload_too_large", "请求体过大");
    if (ec == bhttp::error::header_limit) return reply_and_close(431, "headers_too_large", "请求头过大");
    if (ec && parser_->got_some()) return reply_and_close(400, "bad_request", "无法解析的 HTTP 请求");
    if (ec) return close();

    started_at_ = Clock::now();
    auto& msg = parser_->get();
    Request req;
    req.method = std::string(msg.method_string());
    req.client_addr = client_addr_;
    req.request_id = server_.request_ids.next();
    auto target = boost::urls::parse_origin_form(msg.target());
    if (!target) return reply_and_close(400, "bad_request", "无法解析的请求地址");
    req.path = target->path();
    boost::urls::encoding_opts plus_is_space;
    plus_is_space.space_as_plus = true;
    for (auto param : target->params(plus_is_space)) req.query.emplace_back(param.key, param.value);
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req.body = std::move(msg.body());
    keep_alive_ = msg.keep_alive();
    target_ = std::string(msg.target());
    method_ = req.method;
    request_id_ = req.request_id;
    busy_ = true;
    stream_.expires_never();

    if (server_.queued.fetch_add(1) >= server_.config.max_queued) {
      server_.queued.fetch_sub(1);
      Response busy;
      busy.status = 503;
      busy.body = error_body("overloaded", "服务器繁忙，请稍后再试");
      return write(std::move(busy));
    }
    // The work guard keeps io_context::run() going while the request is with a worker:
    // during a graceful stop this connection may be the only work left.
    auto guard = net::make_work_guard(stream_.get_executor());
    net::post(server_.workers, [self = shared_from_this(), req = std::move(req), guard = std::move(guard)]() mutable {
      Response res = self->server_.dispatch(req);
      self->server_.queued.fetch_sub(1);
      net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable { self->write(std::move(res)); });
      guard.reset();
    });
  }

  void write(Response res) {
    auto& out = response_.emplace();
    out.version(11);
    out.result(static_cast<unsigned>(res.status));
    if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
    for (const auto& [name, value] : kSecurityHeaders) out.set(name, value);
    out.set("X-Request-Id", request_id_);
    for (const auto& [name, value] : res.headers) out.insert(name, value);
    const std::size_t size = res.body.size();
    if (method_ == "HEAD") {
      out.content_length(size);
    } else {
      out.body() = std::move(res.body);
      out.prepare_payload();
    }
    const bool keep = keep_alive_ && !close_after_write_ && !server_.stopping;
    out.keep_alive(keep);
    if (server_.config.access_log) {
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started_at_).count();
      spdlog::info("{} {} {} {} {} {}B {:.2f}ms", request_id_, client_addr_, method_, target_, res.status, size, ms);
    }
    stream_.expires_after(server_.config.request_timeout);
    bhttp::async_write(stream_, *response_, [self = shared_from_this(), keep](beast::error_code ec, std::size_t) {
      self->busy_ = false;
      self->response_.reset();
      if (ec) return self->close();
      if (!keep) return self->lingering_close();
      self->read();
    });
  }

  // Answers a request that could not be read whole, then closes the connection.
  void reply_and_close(int status, const char* code, const char* message) {
    close_after_write_ = true;
    if (request_id_.empty()) request_id_ = server_.request_ids.next();
    if (method_.empty()) method_ = "-";
    started_at_ = Clock::now();
    Response res;
    res.status = status;
    res.body = error_body(code, message);
    write(std::move(res));
  }

  // Half-closes, then drains what the client still sends for a moment, so the response
  // is not lost to a TCP reset when the client has not finished sending its body.
  void lingering_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    stream_.expires_after(std::chrono::seconds(2));
    drain();
  }

  void drain() {
    stream_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      self->drain();
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::string_body>> response_;
  std::array<char, 16 * 1024> drain_buffer_;
  std::string client_addr_;
  std::string target_;
  std::string method_;
  std::string request_id_;
  Clock::time_point started_at_;
  bool keep_alive_ = false;
  bool close_after_write_ = false;
  bool busy_ = false;
};

void Server::Impl::accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      spdlog::warn("accept failed: {}", ec.message());
    } else {
      std::make_shared<Session>(std::move(socket), *this)->start();
    }
    accept();
  });
}

Server::Server(ServerConfig config, Dispatch dispatch) : impl_(std::make_unique<Impl>(std::move(config), std::move(dispatch))) {}

Server::~Server() { stop(); }

void Server::start() {
  auto& s = *impl_;
  beast::error_code ec;
  auto address = net::ip::make_address(s.config.host, ec);
  if (ec) throw std::runtime_error("invalid listen address: " + s.config.host);
  tcp::endpoint endpoint(address, s.config.port);
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + s.config.host + ":" + std::to_string(s.config.port) + ": " + ec.message());
  s.accept();
  for (int i = 0; i < std::max(1, s.config.io_threads); ++i) s.io_threads.emplace_back([&s] { s.ioc.run(); });
  s.started = true;
}

std::uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::stop() {
  auto& s = *impl_;
  if (!s.started || s.stopped) return;
  s.stopped = true;
  s.stopping = true;
  net::post(s.acceptor.get_executor(), [&s] {
    beast::error_code ec;
    s.acceptor.close(ec);
  });
  // Collected under the lock, used and released outside it: dropping the last reference to
  // a session runs its destructor, which takes the same lock.
  std::vector<std::shared_ptr<Impl::Session>> open;
  {
    std::lock_guard lock(s.sessions_mutex);
    for (auto& [ptr, weak] : s.sessions) {
      if (auto session = weak.lock()) open.push_back(std::move(session));
    }
  }
  for (auto& session : open) session->close_if_idle();
  open.clear();
  // io_context::run returns once the acceptor and every connection are closed; after the
  // drain deadline, whatever is still open is abandoned.
  const auto deadline = Clock::now() + s.config.drain_timeout;
  while (Clock::now() < deadline) {
    {
      std::lock_guard lock(s.sessions_mutex);
      if (s.sessions.empty() && s.queued == 0) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  s.ioc.stop();
  for (auto& t : s.io_threads) t.join();
  s.workers.join();
}

}  // namespace jiguan::http

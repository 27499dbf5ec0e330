// The HTTP/1.1 server: Boost.Beast on Asio, fully asynchronous on a few I/O threads (an idle
// keep-alive connection costs a socket, not a thread); every request is handled on a
// bounded worker pool, because handlers block on the database and on password hashing.
//
// Guarantees: a body over body_limit answers 413, oversized headers 431, an unparsable
// request 400, and a client that does not finish its request within request_timeout is
// disconnected; when more than max_queued requests wait for a worker the server answers
// 503 at once. Every response carries X-Request-Id and the security headers. stop() is
// graceful: no new connections, in-flight requests finish and are answered, idle
// connections close; it returns when all is done (or after drain_timeout).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/http/message.hpp"

namespace jiguan::http {

struct ServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = any free port (see Server::port())
  int io_threads = 1;
  int workers = 4;
  int max_queued = 1024;
  std::size_t body_limit = 1024 * 1024;  // 1 MiB
  std::size_t header_limit = 16 * 1024;
  std::chrono::milliseconds request_timeout{30'000};
  std::chrono::milliseconds drain_timeout{10'000};
  bool access_log = true;
};

class Server {
 public:
  using Dispatch = std::function<Response(Request&)>;  // must not throw

  Server(ServerConfig config, Dispatch dispatch);
  ~Server();  // stops if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();  // binds and starts serving; throws std::runtime_error when it cannot bind
  std::uint16_t port() const;
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jiguan::http

// The real jiguan binary as a child process, for tests of the commands and of crashes.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace jiguan::test {

std::uint16_t free_loopback_port();

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};
// Runs `jiguan args…` to completion, feeding `input` on stdin.
CommandResult run_jiguan(const std::vector<std::string>& args, const std::string& input = "");

// `jiguan serve` on db_url and a loopback port; waits until /healthz answers 200.
class ServerProcess {
 public:
  ServerProcess(const std::string& db_url, std::uint16_t port);
  ~ServerProcess();  // SIGTERM and wait
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  void stop(int signal);  // sends the signal and waits for the process to end
  std::uint16_t port() const { return port_; }

 private:
  std::uint16_t port_;
  pid_t pid_ = -1;
};

}  // namespace jiguan::test

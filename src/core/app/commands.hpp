// The jiguan subcommands. main.cpp parses arguments; these do the work and return the
// process exit code.
#pragma once

#include <string>

#include "core/http/server.hpp"

namespace jiguan::app {

struct ServeOptions {
  std::string db_url = "sqlite:data/jiguan.db";
  std::string static_dir = "web/dist";
  http::ServerConfig server;
  bool load_demo_data = false;
  bool secure_cookie = false;
};

int serve(const ServeOptions& options);
int migrate(const std::string& db_url);
int demo_data(const std::string& db_url);
int create_user(const std::string& db_url, const std::string& tenant, const std::string& username, const std::string& role,
                const std::string& display_name, const std::string& unit_code);  // password from stdin
int create_token(const std::string& db_url, const std::string& tenant, const std::string& username);
int backup(const std::string& db_url, const std::string& to_path);

// "host:port" → fields of config; false when malformed.
bool parse_listen(const std::string& listen, http::ServerConfig& config);

}  // namespace jiguan::app

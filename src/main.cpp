// jiguan: the one server binary. Subcommands only; the work is in core/app/commands.cpp.
#include <spdlog/async.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <thread>

#include "core/app/commands.hpp"

int main(int argc, char** argv) {
  using namespace jiguan;
  CLI::App cli{"Jiguan (机管): operations platform for a government offices administration bureau"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", JIGUAN_VERSION);

  std::string db_url = "sqlite:data/jiguan.db";
  auto add_db = [&db_url](CLI::App* cmd) {
    cmd->add_option("--db", db_url, "sqlite:PATH or postgresql://… URL")->envname("JIGUAN_DB")->capture_default_str();
  };

  app::ServeOptions serve;
  std::string listen = "127.0.0.1:8080";
  bool quiet = false;
  serve.server.workers = static_cast<int>(std::max(2u, std::thread::hardware_concurrency() * 2));
  auto* serve_cmd = cli.add_subcommand("serve", "Serve the web app and the API (migrates the database first)");
  add_db(serve_cmd);
  serve_cmd->add_option("--listen", listen, "host:port")->envname("JIGUAN_LISTEN")->capture_default_str();
  serve_cmd->add_option("--workers", serve.server.workers, "handler threads")->check(CLI::Range(1, 256))->capture_default_str();
  serve_cmd->add_option("--io-threads", serve.server.io_threads, "network threads")->check(CLI::Range(1, 64))->capture_default_str();
  serve_cmd->add_option("--static-dir", serve.static_dir, "built web app")->envname("JIGUAN_STATIC_DIR")->capture_default_str();
  serve_cmd->add_option("--body-limit", serve.server.body_limit, "largest request body in bytes")->capture_default_str();
  serve_cmd->add_flag("--demo-data", serve.load_demo_data, "load the demo tenant into an empty database");
  serve_cmd->add_flag("--secure-cookie", serve.secure_cookie, "mark the session cookie Secure (behind HTTPS)");
  serve_cmd->add_flag("--quiet", quiet, "no access log");

  add_db(cli.add_subcommand("migrate", "Apply pending database migrations"));
  add_db(cli.add_subcommand("demo-data", "Load the demo tenant (idempotent)"));

  std::string tenant, username, role, display_name, unit;
  auto* user_cmd = cli.add_subcommand("user", "Accounts")->require_subcommand(1);
  auto* user_create = user_cmd->add_subcommand("create", "Create an account; the password is read from stdin");
  add_db(user_create);
  user_create->add_option("--username", username)->required();
  user_create->add_option("--role", role, "admin | leader | staff | liaison | worker | auditor")->required();
  user_create->add_option("--display-name", display_name);
  user_create->add_option("--unit", unit, "unit code");
  user_create->add_option("--tenant", tenant, "tenant code (default: the only one)");
  bool password_stdin = false;
  user_create->add_flag("--password-stdin", password_stdin, "read the password from standard input")->required();

  auto* token_cmd = cli.add_subcommand("token", "API tokens")->require_subcommand(1);
  auto* token_create = token_cmd->add_subcommand("create", "Print a new API token for an account, once");
  add_db(token_create);
  token_create->add_option("--username", username)->required();
  token_create->add_option("--tenant", tenant, "tenant code (default: the only one)");

  std::string backup_to;
  auto* backup_cmd = cli.add_subcommand("backup", "Consistent online copy of a SQLite database");
  add_db(backup_cmd);
  backup_cmd->add_option("--to", backup_to, "destination file")->required();

  CLI11_PARSE(cli, argc, argv);

  spdlog::init_thread_pool(8192, 1);
  auto logger = spdlog::stdout_color_mt<spdlog::async_factory>("jiguan");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");

  int rc = 0;
  if (serve_cmd->parsed()) {
    serve.db_url = db_url;
    serve.server.access_log = !quiet;
    if (!app::parse_listen(listen, serve.server)) {
      spdlog::error("--listen must be host:port, got '{}'", listen);
      rc = 2;
    } else {
      rc = app::serve(serve);
    }
  } else if (cli.got_subcommand("migrate")) {
    rc = app::migrate(db_url);
  } else if (cli.got_subcommand("demo-data")) {
    rc = app::demo_data(db_url);
  } else if (user_create->parsed()) {
    rc = app::create_user(db_url, tenant, username, role, display_name, unit);
  } else if (token_create->parsed()) {
    rc = app::create_token(db_url, tenant, username);
  } else if (backup_cmd->parsed()) {
    rc = app::backup(db_url, backup_to);
  }
  spdlog::shutdown();
  return rc;
}

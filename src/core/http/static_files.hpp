// The built web app (web/dist), loaded into memory at start. Hashed assets under /assets/
// are cached for a year (their names change with their content); index.html is revalidated
// every time. Text files are gzipped once at load and sent compressed when accepted.
// Any other GET path without a file extension gets index.html (the SPA's own router).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "core/http/message.hpp"

namespace jiguan::http {

class StaticFiles {
 public:
  explicit StaticFiles(const std::string& dir);  // a missing dir serves a short notice
  std::optional<Response> serve(const Request& request) const;
  std::size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
    std::string gzipped;  // empty when not worth compressing
    bool immutable = false;
  };
  Response respond(const File& file, const Request& request) const;
  std::unordered_map<std::string, File> files_;  // by URL path ("/index.html")
};

}  // namespace jiguan::http

#include "core/http/static_files.hpp"

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace jiguan::http {
namespace {

namespace fs = std::filesystem;

const char* content_type_of(const std::string& ext) {
  static const std::unordered_map<std::string, const char*> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".woff2", "font/woff2"},
      {".woff", "font/woff"},                {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json; charset=utf-8"},
  };
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::string gzip(const std::string& in) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&zs, in.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

bool compressible(const std::string& type) {
  return type.starts_with("text/") || type.starts_with("application/json") || type == "image/svg+xml";
}

}  // namespace

StaticFiles::StaticFiles(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    File notice{"text/html; charset=utf-8",
                "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>机管</title>"
                "<p>网页前端尚未构建（web/dist 不存在）。请运行 <code>make run</code>。</p></html>",
                {}, false};
    files_.emplace("/index.html", std::move(notice));
    return;
  }
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    File f;
    f.content_type = content_type_of(entry.path().extension().string());
    f.body = buf.str();
    if (compressible(f.content_type) && f.body.size() > 512) {
      f.gzipped = gzip(f.body);
      if (f.gzipped.size() >= f.body.size()) f.gzipped.clear();
    }
    const std::string url = "/" + fs::relative(entry.path(), dir).generic_string();
    f.immutable = url.starts_with("/assets/");
    files_.emplace(url, std::move(f));
  }
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  auto it = files_.find(request.path);
  if (it != files_.end()) return respond(it->second, request);
  // SPA fallback: a path that names no file (no extension in its last segment).
  const auto last = request.path.substr(request.path.rfind('/') + 1);
  if (last.find('.') != std::string::npos) return std::nullopt;
  it = files_.find("/index.html");
  if (it == files_.end()) return std::nullopt;
  return respond(it->second, request);
}

Response StaticFiles::respond(const File& file, const Request& request) const {
  Response r;
  r.content_type = file.content_type;
  r.with_header("Cache-Control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (!file.gzipped.empty()) {
    r.with_header("Vary", "Accept-Encoding");
    if (request.header("accept-encoding").find("gzip") != std::string_view::npos) {
      r.with_header("Content-Encoding", "gzip");
      r.body = file.gzipped;
      return r;
    }
  }
  r.body = file.body;
  return r;
}

}  // namespace jiguan::http

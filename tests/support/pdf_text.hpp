// The text of a PDF as poppler's pdftotext reads it, for tests of printed documents: what a
// person (or a search) finds in the file, not what the writer meant to put there.
#pragma once

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace jiguan::test {

inline std::string pdf_text(const std::string& pdf_bytes) {
  static int counter = 0;
  const auto path = std::filesystem::temp_directory_path() /
                    ("jiguan-pdf-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".pdf");
  std::ofstream(path, std::ios::binary) << pdf_bytes;
  std::string text;
  if (FILE* out = ::popen(("pdftotext -enc UTF-8 '" + path.string() + "' - 2>&1").c_str(), "r")) {
    std::array<char, 4096> buf{};
    for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), out)) > 0;) text.append(buf.data(), n);
    ::pclose(out);
  }
  std::filesystem::remove(path);
  return text;
}

}  // namespace jiguan::test

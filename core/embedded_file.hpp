// A data file compiled into the binary by cmake/embed_file.cmake (fonts, presets, corpora), so that the page,
// the desktop app and the CLI carry their data with them and never fetch it.
#pragma once
#include <cstddef>
#include <string_view>

namespace lpp {

struct EmbeddedFile {
  const char* name;             // file name without folders, e.g. "inter-Regular.otf"
  const unsigned char* data;    // the bytes, followed by one extra NUL byte
  std::size_t size;             // byte count, without that NUL

  std::string_view text() const { return {reinterpret_cast<const char*>(data), size}; }
};

}  // namespace lpp

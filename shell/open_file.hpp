// Opening a file the reader named on the desktop app's command line or dropped on its window: read it as text,
// refuse what is not text (a missing path, a folder, a device or pipe, an unreadable, oversized or binary file)
// with a message naming the path and the problem, and hand the text to open_text. Native only: the page gets
// dropped files from the browser as text, never as a path.
#pragma once
#include <string>

#include "app.hpp"

namespace lpp {

// Reads `path` whole into *text. Returns "" on success, else the problem, e.g. "data.csv: no such file".
std::string read_text_file(const std::string& path, std::string* text);

// read_text_file, then open_text under the file's name. A file that cannot be read becomes a notice and leaves
// the state as it was; the problem is returned (empty on success) so the caller can print it too.
std::string open_file(App& app, const std::string& path);

}  // namespace lpp

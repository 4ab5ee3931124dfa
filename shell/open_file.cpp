// read_text_file and open_file: every refusal names the path and says what is wrong with it.
#include "open_file.hpp"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <system_error>

namespace lpp {
namespace {

// "Permission denied" → "permission denied", to read as the rest of a message.
std::string reason(int error) {
  std::string s = std::generic_category().message(error);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

}  // namespace

std::string read_text_file(const std::string& path, std::string* text) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (st.type() == fs::file_type::not_found) return path + ": no such file";
  if (ec) return path + ": cannot be read (" + reason(ec.value()) + ")";
  if (fs::is_directory(st)) return path + ": is a folder, not a file";
  // A pipe or a device would block or never end (/dev/zero): only regular files are read.
  if (!fs::is_regular_file(st)) return path + ": is not a regular file (a device, pipe or socket)";
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > kMaxOpenBytes) return path + ": " + size_problem(size);

  errno = 0;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return path + ": cannot be read (" + reason(errno ? errno : EIO) + ")";
  std::string data;
  char buf[64 * 1024];
  std::size_t n = 0;
  while (data.size() <= kMaxOpenBytes && (n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  const int error = errno;
  std::fclose(f);
  if (failed) return path + ": cannot be read (" + reason(error ? error : EIO) + ")";
  const std::string problem = text_problem(data);
  if (!problem.empty()) return path + ": " + problem;
  *text = std::move(data);
  return {};
}

std::string open_file(App& app, const std::string& path) {
  std::string text;
  std::string problem = read_text_file(path, &text);
  if (problem.empty()) open_text(app, std::filesystem::path(path).filename().string(), text);
  else app.ui.notices.push_back(problem);
  return problem;
}

}  // namespace lpp

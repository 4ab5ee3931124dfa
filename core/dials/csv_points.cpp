// parse_csv_points: line by line, every problem named with its line number.
#include "dials/csv_points.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace lpp {
namespace {

constexpr int kMaxErrors = 10;

std::vector<std::string> split_fields(std::string_view line) {
  std::vector<std::string> fields;
  std::string cur;
  bool has_cur = false;
  const bool delimited = line.find_first_of(",;\t") != std::string_view::npos;
  for (char ch : line) {
    const bool sep = delimited ? (ch == ',' || ch == ';' || ch == '\t') : (ch == ' ');
    if (sep) {
      fields.push_back(cur);
      cur.clear();
      has_cur = false;
    } else {
      cur += ch;
      has_cur = true;
    }
  }
  if (has_cur || delimited) fields.push_back(cur);
  // Trim spaces; with space separation, runs of spaces made empty fields: drop them.
  std::vector<std::string> out;
  for (std::string& f : fields) {
    const auto b = f.find_first_not_of(" \r");
    const auto e = f.find_last_not_of(" \r");
    std::string t = b == std::string::npos ? std::string() : f.substr(b, e - b + 1);
    if (!delimited && t.empty()) continue;
    out.push_back(std::move(t));
  }
  return out;
}

// A finite number filling the whole field, or false.
bool parse_number(const std::string& field, double& out) {
  if (field.empty()) return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtod(field.c_str(), &end);
  return end == field.c_str() + field.size() && errno != ERANGE && std::isfinite(out);
}

}  // namespace

CsvPoints parse_csv_points(std::string_view text) {
  CsvPoints result;
  auto fail = [&result](int line, const std::string& what) {
    if (static_cast<int>(result.errors.size()) < kMaxErrors) result.errors.push_back("line " + std::to_string(line) + ": " + what);
  };
  int line_no = 0;
  bool seen_content = false;
  std::size_t pos = 0;
  while (pos <= text.size() && static_cast<int>(result.errors.size()) < kMaxErrors) {
    const std::size_t nl = text.find('\n', pos);
    const std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    const std::vector<std::string> fields = split_fields(line);
    if (fields.empty() || (fields.size() == 1 && fields[0].empty()) || fields[0].rfind('#', 0) == 0) continue;
    const bool first = !seen_content;
    seen_content = true;
    if (fields.size() != 2) {
      fail(line_no, "expected 2 values (x, y), found " + std::to_string(fields.size()));
      continue;
    }
    double x = 0, y = 0;
    const bool x_ok = parse_number(fields[0], x), y_ok = parse_number(fields[1], y);
    if (first && !x_ok && !y_ok) continue;  // a header such as "x,y"
    if (!x_ok) fail(line_no, "x \"" + fields[0] + "\" is not a finite number");
    if (!y_ok) fail(line_no, "y \"" + fields[1] + "\" is not a finite number");
    if (!x_ok || !y_ok) continue;
    if (std::abs(x) > kMaxPointMagnitude || std::abs(y) > kMaxPointMagnitude) {
      fail(line_no, (std::abs(x) > kMaxPointMagnitude ? "x \"" + fields[0] : "y \"" + fields[1]) +
                        "\" is outside -1e6 to 1e6");
      continue;
    }
    if (result.data.size() == kMaxCsvPoints) {
      fail(line_no, "more than " + std::to_string(kMaxCsvPoints) + " points");
      break;
    }
    result.data.x.push_back(x);
    result.data.y.push_back(y);
  }
  if (result.errors.empty() && result.data.size() < 2)
    result.errors.push_back("need at least 2 points (x, y), found " + std::to_string(result.data.size()));
  if (!result.errors.empty()) result.data = {};
  return result;
}

}  // namespace lpp

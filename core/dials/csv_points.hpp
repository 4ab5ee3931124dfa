// CSV import of (x, y) points for the Dials lab: the validation boundary for pasted or dropped text.
// Returns the points or a list of messages that each name the line and the problem; never partial data.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "linear_model.hpp"

namespace lpp {

constexpr int kMaxCsvPoints = 10000;  // more would make the scatter unreadable and the import box slow

struct CsvPoints {
  LineData data;                       // the points, when errors is empty
  std::vector<std::string> errors;     // "line 3: "abc" is not a number", ...
  bool ok() const { return errors.empty(); }
};

// One point per line, x then y, separated by a comma, semicolon, tab or spaces. Blank lines and lines starting
// with '#' are skipped, and so is a first non-blank line of two non-numeric fields (a header such as "x,y").
// Needs at least 2 points; reports at most 10 problems.
CsvPoints parse_csv_points(std::string_view text);

}  // namespace lpp

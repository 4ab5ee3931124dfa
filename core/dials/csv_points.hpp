// CSV import of (x, y) points for the Dials lab: the validation boundary for pasted or dropped text.
// Returns the points or a list of messages that each name the line and the problem; never partial data.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "linear_model.hpp"

namespace lpp {

constexpr int kMaxCsvPoints = 10000;  // more would make the scatter unreadable and the import box slow
// Largest |x| or |y| a point may have: what a link (d.pts) carries, so imported points survive a reload; squares
// and sums of 10,000 such points stay far from overflow, so the loss is always a number.
constexpr double kMaxPointMagnitude = 1e6;

struct CsvPoints {
  LineData data;                       // the points, when errors is empty
  std::vector<std::string> errors;     // "line 3: "abc" is not a number", ...
  bool ok() const { return errors.empty(); }
};

// One point per line, x then y, separated by a comma, semicolon, tab or spaces. Blank lines and lines starting
// with '#' are skipped, and so is a first non-blank line of two non-numeric fields (a header such as "x,y").
// Needs 2 to kMaxCsvPoints points within ±kMaxPointMagnitude. Stops reading at the first point over the limit or
// at the tenth problem (10 are reported).
CsvPoints parse_csv_points(std::string_view text);

}  // namespace lpp

// Data set generators (after TF Playground's dataset.ts, same shapes, radii and noise rules), the split,
// CSV import, features and targets.
#include "datasets.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdlib>
#include <random>

#include "draws.hpp"

namespace lpp {

const char* dataset_name(DataSetKind kind) {
  switch (kind) {
    case DataSetKind::Circle: return "Circle";
    case DataSetKind::Xor: return "XOR";
    case DataSetKind::Gaussian: return "Gaussian";
    case DataSetKind::Spiral: return "Spiral";
    case DataSetKind::ThreeSpirals: return "3 spirals (3 classes)";
    case DataSetKind::Plane: return "Plane (regression)";
    case DataSetKind::MultiGaussian: return "Multi-Gaussian (regression)";
    case DataSetKind::Csv: return "CSV import";
  }
  return "?";
}

const char* feature_name(int bit) {
  static const char* const kNames[kFeatureCount] = {"x1", "x2", "x1²", "x2²", "x1·x2", "sin x1", "sin x2"};
  return bit >= 0 && bit < kFeatureCount ? kNames[bit] : "?";
}

namespace {

constexpr double kPi = 3.14159265358979323846;

struct Builder {
  std::vector<double> x1, x2, value;
  std::vector<int> label;
  void add(double a, double b, int cls, double v = 0.0) {
    x1.push_back(a), x2.push_back(b), label.push_back(cls), value.push_back(v);
  }
  DataSet finish(int classes) const {
    DataSet d;
    const int n = static_cast<int>(x1.size());
    d.x.resize(2, n);
    d.value.resize(n);
    for (int i = 0; i < n; ++i) d.x(0, i) = x1[i], d.x(1, i) = x2[i], d.value[i] = value[i];
    d.label = label;
    d.classes = classes;
    return d;
  }
};

// TF Playground's label scale for the regression sets: linear map of [d0, d1] onto [r0, r1]. Halved first, which
// is exact in binary, so d1 − d0 cannot overflow (±1e308 in a CSV); a point span [d0, d0] maps to the middle.
double rescale(double v, double d0, double d1, double r0, double r1) {
  if (!(d1 > d0)) return (r0 + r1) / 2;
  return r0 + (v / 2 - d0 / 2) / (d1 / 2 - d0 / 2) * (r1 - r0);
}

double multi_gaussian_label(double x, double y) {
  // Six bumps of sign ±1; the strongest wins (dataset.ts regressGaussian).
  static const double kBumps[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  double label = 0;
  for (const auto& g : kBumps) {
    const double dist = std::hypot(x - g[0], y - g[1]);
    const double v = g[2] * std::clamp(rescale(dist, 0, 2, 1, 0), 0.0, 1.0);
    if (std::abs(v) > std::abs(label)) label = v;
  }
  return label;
}

// Fisher-Yates with our own draws (std::shuffle's use of the engine differs between standard libraries).
std::vector<int> shuffled_indices(int n, std::mt19937_64& rng) {
  std::vector<int> idx(n);
  for (int i = 0; i < n; ++i) idx[i] = i;
  for (int i = n - 1; i > 0; --i) std::swap(idx[i], idx[static_cast<int>(rng() % static_cast<std::uint64_t>(i + 1))]);
  return idx;
}

DataSet take(const DataSet& all, const std::vector<int>& idx, int from, int to) {
  DataSet d;
  d.classes = all.classes;
  d.x.resize(2, to - from);
  d.value.resize(to - from);
  for (int i = from; i < to; ++i) {
    d.x.col(i - from) = all.x.col(idx[i]);
    d.value[i - from] = all.value[idx[i]];
    d.label.push_back(all.label[idx[i]]);
  }
  return d;
}

}  // namespace

DataSet make_dataset(DataSetKind kind, int points, double noise, std::uint64_t seed) {
  assert(kind != DataSetKind::Csv && "CSV sets come from parse_csv_dataset");
  std::mt19937_64 rng(seed);
  auto uni = [&rng](double lo, double hi) { return draw_uniform(rng, lo, hi); };
  Builder b;
  switch (kind) {
    case DataSetKind::Circle: {
      // Class 1 inside radius 2.5, class 0 in the ring 3.5…5; the label is taken at a noisy copy of the point.
      const double radius = 5;
      for (int part = 0; part < 2; ++part) {
        for (int i = 0; i < points / 2; ++i) {
          const double r = part == 0 ? uni(0, radius * 0.5) : uni(radius * 0.7, radius);
          const double angle = uni(0, 2 * kPi);
          const double x = r * std::sin(angle), y = r * std::cos(angle);
          const double nx = uni(-radius, radius) * noise, ny = uni(-radius, radius) * noise;
          b.add(x, y, std::hypot(x + nx, y + ny) < radius * 0.5 ? 1 : 0);
        }
      }
      return b.finish(2);
    }
    case DataSetKind::Xor: {
      const double padding = 0.3;
      for (int i = 0; i < points; ++i) {
        double x = uni(-5, 5), y = uni(-5, 5);
        x += x > 0 ? padding : -padding;
        y += y > 0 ? padding : -padding;
        const double nx = uni(-5, 5) * noise, ny = uni(-5, 5) * noise;
        b.add(x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0);
      }
      return b.finish(2);
    }
    case DataSetKind::Gaussian: {
      // Variance 0.5 at no noise up to 4 at noise 0.5; class 1 around (2, 2), class 0 around (−2, −2).
      const double sd = std::sqrt(rescale(noise, 0, 0.5, 0.5, 4));
      for (int part = 0; part < 2; ++part) {
        const double c = part == 0 ? 2 : -2;
        for (int i = 0; i < points / 2; ++i) {
          const double x = draw_normal(rng, c, sd), y = draw_normal(rng, c, sd);
          b.add(x, y, part == 0 ? 1 : 0);
        }
      }
      return b.finish(2);
    }
    case DataSetKind::Spiral:
    case DataSetKind::ThreeSpirals: {
      // Arms r = 5·i/n, t = 1.75 turns·i/n + phase (two arms half a turn apart, or three a third apart).
      const int arms = kind == DataSetKind::Spiral ? 2 : 3;
      const int n = points / arms;
      for (int arm = 0; arm < arms; ++arm) {
        const double phase = 2 * kPi * arm / arms;
        for (int i = 0; i < n; ++i) {
          const double r = static_cast<double>(i) / n * 5;
          const double t = 1.75 * i / n * 2 * kPi + phase;
          const double x = r * std::sin(t) + uni(-1, 1) * noise, y = r * std::cos(t) + uni(-1, 1) * noise;
          b.add(x, y, arms == 2 ? 1 - arm : arm);
        }
      }
      return b.finish(arms);
    }
    case DataSetKind::Plane:
    case DataSetKind::MultiGaussian: {
      for (int i = 0; i < points; ++i) {
        const double x = uni(-kDataRadius, kDataRadius), y = uni(-kDataRadius, kDataRadius);
        const double nx = uni(-kDataRadius, kDataRadius) * noise, ny = uni(-kDataRadius, kDataRadius) * noise;
        const double v = kind == DataSetKind::Plane ? rescale(x + nx + y + ny, -10, 10, -1, 1)
                                                    : multi_gaussian_label(x + nx, y + ny);
        b.add(x, y, 0, v);
      }
      return b.finish(0);
    }
    case DataSetKind::Csv: break;
  }
  return b.finish(2);
}

TrainTest split_dataset(const DataSet& all, int train_percent, std::uint64_t seed) {
  std::mt19937_64 rng(seed + 0x9e3779b97f4a7c15ull);  // a stream apart from the generator's
  const std::vector<int> idx = shuffled_indices(all.size(), rng);
  const int cut = std::clamp(all.size() * train_percent / 100, 0, all.size());
  return {take(all, idx, 0, cut), take(all, idx, cut, all.size())};
}

CsvImport parse_csv_dataset(const std::string& text) {
  CsvImport out;
  std::vector<double> cols[3];
  auto fail = [&out](int line, const std::string& what) {
    if (out.errors.size() < 10) out.errors.push_back("line " + std::to_string(line) + ": " + what);
  };
  std::size_t pos = 0;
  int line_no = 0;
  bool first_row = true;   // only the first non-blank row may be a header
  while (pos <= text.size() && out.errors.size() < 10) {   // ten problems are enough to go on; stop reading
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    const bool header_allowed = first_row;
    first_row = false;
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = line.find(',', start);
      fields.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (fields.size() != 3) {
      fail(line_no, "expected 3 comma-separated values (x1,x2,label), found " + std::to_string(fields.size()));
      continue;
    }
    double v[3];
    bool numeric = true;
    std::string bad;
    for (int k = 0; k < 3; ++k) {
      const char* s = fields[k].c_str();
      char* e = nullptr;
      v[k] = std::strtod(s, &e);
      while (e && (*e == ' ' || *e == '\t')) ++e;
      if (e == s || *e != 0 || !std::isfinite(v[k])) {
        numeric = false;
        if (bad.empty()) bad = "'" + fields[k] + "' (column " + std::to_string(k + 1) + ") is not a finite number";
      }
    }
    if (!numeric) {
      if (header_allowed) continue;  // a header row such as "x1,x2,label"
      fail(line_no, bad);
      continue;
    }
    if (static_cast<int>(cols[0].size()) == kMaxCsvRows) {
      fail(line_no, "more than " + std::to_string(kMaxCsvRows) + " data rows");
      break;
    }
    for (int k = 0; k < 3; ++k) cols[k].push_back(v[k]);
  }
  if (!out.errors.empty()) return out;
  const int n = static_cast<int>(cols[0].size());
  if (n < 4) {
    out.errors.push_back("line " + std::to_string(line_no) + ": need at least 4 data rows, found " + std::to_string(n));
    return out;
  }
  // Classes if every label is an integer in 0…9 or is ±1; otherwise a regression target.
  bool integral = true, plus_minus = true;
  int max_class = 0;
  for (double y : cols[2]) {
    integral = integral && y == std::floor(y) && y >= 0 && y <= 9;
    plus_minus = plus_minus && (y == 1 || y == -1);
    if (y >= 0 && y <= 9) max_class = std::max(max_class, static_cast<int>(y));
  }
  DataSet& d = out.data;
  d.x.resize(2, n);
  d.value.setZero(n);
  d.label.assign(n, 0);
  for (int k = 0; k < 2; ++k) {
    const auto [lo, hi] = std::minmax_element(cols[k].begin(), cols[k].end());
    for (int i = 0; i < n; ++i) d.x(k, i) = rescale(cols[k][i], *lo, *hi, -kDataRadius, kDataRadius);
  }
  if (plus_minus || integral) {
    d.classes = plus_minus ? 2 : std::max(2, max_class + 1);
    for (int i = 0; i < n; ++i) d.label[i] = plus_minus ? (cols[2][i] > 0 ? 1 : 0) : static_cast<int>(cols[2][i]);
  } else {
    d.classes = 0;
    const auto [lo, hi] = std::minmax_element(cols[2].begin(), cols[2].end());
    for (int i = 0; i < n; ++i) d.value[i] = rescale(cols[2][i], *lo, *hi, -1, 1);
  }
  return out;
}

int feature_count(unsigned mask) {
  int n = 0;
  for (int bit = 0; bit < kFeatureCount; ++bit) n += (mask >> bit) & 1u;
  return n;
}

Eigen::MatrixXf make_features(const Eigen::Ref<const Eigen::Matrix<double, 2, Eigen::Dynamic>>& x, unsigned mask) {
  Eigen::MatrixXf f(feature_count(mask), x.cols());   // F×N
  int row = 0;
  for (int bit = 0; bit < kFeatureCount; ++bit) {
    if (!((mask >> bit) & 1u)) continue;
    for (Eigen::Index i = 0; i < x.cols(); ++i) {
      const double a = x(0, i), b = x(1, i);
      double v = 0;
      switch (1u << bit) {
        case kFeatureX1: v = a; break;
        case kFeatureX2: v = b; break;
        case kFeatureX1Sq: v = a * a; break;
        case kFeatureX2Sq: v = b * b; break;
        case kFeatureX1X2: v = a * b; break;
        case kFeatureSinX1: v = std::sin(a); break;
        case kFeatureSinX2: v = std::sin(b); break;
      }
      f(row, i) = static_cast<float>(v);
    }
    ++row;
  }
  return f;
}

bool loss_fits(LossKind loss, const DataSet& data) {
  if (data.regression()) return loss == LossKind::Mse;
  if (loss == LossKind::BinaryCrossEntropy) return data.classes == 2;
  return true;
}

int output_width(const DataSet& data, LossKind loss) {
  if (data.regression() || (data.classes == 2 && loss != LossKind::SoftmaxCrossEntropy)) return 1;
  return data.classes;
}

Eigen::MatrixXf make_targets(const DataSet& data, LossKind loss) {
  assert(loss_fits(loss, data) && "validated by the caller (loss_fits)");
  const int rows = output_width(data, loss);
  Eigen::MatrixXf y = Eigen::MatrixXf::Zero(rows, data.size());   // d_L×N
  for (int i = 0; i < data.size(); ++i) {
    if (data.regression()) y(0, i) = static_cast<float>(data.value[i]);
    else if (rows == 1) y(0, i) = loss == LossKind::Mse ? (data.label[i] == 1 ? 1.0f : -1.0f) : static_cast<float>(data.label[i]);
    else y(data.label[i], i) = 1.0f;
  }
  return y;
}

int predicted_class(LossKind loss, const Eigen::Ref<const Eigen::VectorXf>& p) {
  if (p.size() == 1) return p[0] > (loss == LossKind::Mse ? 0.0f : 0.5f) ? 1 : 0;
  Eigen::Index k = 0;
  p.maxCoeff(&k);
  return static_cast<int>(k);
}

}  // namespace lpp

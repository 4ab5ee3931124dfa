// The URL-state codec's field table and the two directions it drives. See state_codec.hpp.
//
// [SECTION] Text helpers: percent-encoding, numbers that round-trip, lists
// [SECTION] Field builders: real, integer, flag, choice, text
// [SECTION] The field table
// [SECTION] encode_state / decode_state
#include "state_codec.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <type_traits>
#include <utility>
#include <limits>

#include "dials/csv_points.hpp"
#include "lesson_keys.hpp"
#include "llm/presets.hpp"
#include "tour/tour.hpp"

namespace lpp {
namespace {

// [SECTION] Text helpers ------------------------------------------------------------------------------------

bool keep_unescaped(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',' || c == ':' || c == '@' ||
         c == '!' || c == '*' || c == '(' || c == ')' || c == '/';
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (keep_unescaped(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A '%' not followed by two hex digits is kept as it is (a hand-edited link should still mostly work).
std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// The shortest decimal text that reads back as exactly `v`.
std::string format_real(double v) {
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

bool parse_real(const std::string& s, double* out) {
  if (s.empty() || s.size() > 64) return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

bool parse_integer(const std::string& s, long double* out) {
  if (s.empty() || s.size() > 24) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!(std::isdigit(static_cast<unsigned char>(s[i])) || (i == 0 && s[i] == '-'))) return false;
  errno = 0;
  char* end = nullptr;
  const long double v = std::strtold(s.c_str(), &end);
  if (end != s.c_str() + s.size() || errno == ERANGE) return false;
  *out = v;
  return true;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  if (s.empty()) return parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = s.find(sep, start);
    parts.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return parts;
}

std::string join(const std::vector<std::string>& parts, char sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? std::string(1, sep) : "") + parts[i];
  return out;
}

std::string quoted(const std::string& v) {
  std::string shown = v.size() > 40 ? v.substr(0, 40) + "…" : v;
  for (char& c : shown)
    if (static_cast<unsigned char>(c) < 32) c = '?';
  return "'" + shown + "'";
}

// [SECTION] Field builders ----------------------------------------------------------------------------------
// Each accessor is a lambda `[](AppState& s) -> auto& { return s.lab.field; }`: captureless, so it converts
// to a plain function pointer `T& (*)(AppState&)` for the field's type T, which the Field keeps (type-erased) for
// the getter and setter of its kind. Plain function pointers rather than std::function: the table has ~70 fields,
// and a std::function per getter and setter cost 43 KB of the page's wasm. A setter returns "" or the problem
// ("must be between 0 and 10"). Fields with their own rules give their getter and setter directly
// ({key, get, set}: captureless lambdas).

struct Field {
  std::string key;
  std::string (*own_get)(const AppState&) = nullptr;
  std::string (*own_set)(AppState&, const std::string&) = nullptr;
  void (*access)() = nullptr;  // the accessor, as T& (*)(AppState&) for the kind's T
  std::string (*kind_get)(const Field&, const AppState&) = nullptr;
  std::string (*kind_set)(const Field&, AppState&, const std::string&) = nullptr;
  long double lo = 0, hi = 0;      // real and integer fields
  std::vector<std::string> names;  // choice fields: the enum's names by value
  std::size_t max_length = 0;      // text fields

  Field() = default;
  Field(std::string k, std::string (*get)(const AppState&), std::string (*set)(AppState&, const std::string&))
      : key(std::move(k)), own_get(get), own_set(set) {}

  std::string get(const AppState& s) const { return own_get ? own_get(s) : kind_get(*this, s); }
  std::string set(AppState& s, const std::string& v) const { return own_set ? own_set(s, v) : kind_set(*this, s, v); }
};

template <typename T>
using Accessor = T& (*)(AppState&);

// The field's value in `s` (the getters read a const state through the same accessor).
template <typename T>
T& value_of(const Field& f, const AppState& s) {
  return reinterpret_cast<Accessor<T>>(f.access)(const_cast<AppState&>(s));
}

template <typename Access>
using FieldType = std::remove_reference_t<decltype(std::declval<Access>()(std::declval<AppState&>()))>;

template <typename T, typename Access>
Field field_of(std::string key, Access access, std::string (*get)(const Field&, const AppState&),
               std::string (*set)(const Field&, AppState&, const std::string&)) {
  Field f;
  f.key = std::move(key);
  f.access = reinterpret_cast<void (*)()>(static_cast<Accessor<T>>(access));
  f.kind_get = get;
  f.kind_set = set;
  return f;
}

template <typename T>
std::string get_real(const Field& f, const AppState& s) { return format_real(value_of<T>(f, s)); }
template <typename T>
std::string set_real(const Field& f, AppState& s, const std::string& v) {
  double x = 0;
  if (!parse_real(v, &x)) return quoted(v) + " is not a number";
  const double lo = static_cast<double>(f.lo), hi = static_cast<double>(f.hi);
  if (x < lo || x > hi) return format_real(x) + " is outside " + format_real(lo) + " to " + format_real(hi);
  value_of<T>(f, s) = static_cast<T>(x);
  return "";
}

template <typename Access>
Field real(std::string key, Access access, double lo, double hi) {
  using T = FieldType<Access>;
  Field f = field_of<T>(std::move(key), access, get_real<T>, set_real<T>);
  f.lo = lo, f.hi = hi;
  return f;
}

template <typename T>
std::string get_integer(const Field& f, const AppState& s) { return std::to_string(value_of<T>(f, s)); }
template <typename T>
std::string set_integer(const Field& f, AppState& s, const std::string& v) {
  long double x = 0;
  if (!parse_integer(v, &x)) return quoted(v) + " is not a whole number";
  if (x < f.lo || x > f.hi) return v + " is outside " + std::to_string(static_cast<long long>(f.lo)) + " to " +
                                   std::to_string(static_cast<unsigned long long>(f.hi));
  value_of<T>(f, s) = static_cast<T>(x);
  return "";
}

template <typename Access>
Field integer(std::string key, Access access, long double lo, long double hi) {
  using T = FieldType<Access>;
  Field f = field_of<T>(std::move(key), access, get_integer<T>, set_integer<T>);
  f.lo = lo, f.hi = hi;
  return f;
}

std::string get_flag(const Field& f, const AppState& s) { return value_of<bool>(f, s) ? "1" : "0"; }
std::string set_flag(const Field& f, AppState& s, const std::string& v) {
  if (v == "1" || v == "true") value_of<bool>(f, s) = true;
  else if (v == "0" || v == "false") value_of<bool>(f, s) = false;
  else return quoted(v) + " is not 0 or 1";
  return "";
}

template <typename Access>
Field flag(std::string key, Access access) {
  return field_of<bool>(std::move(key), access, get_flag, set_flag);
}

// An enum named by `names`, indexed by its underlying value.
template <typename T>
std::string get_choice(const Field& f, const AppState& s) {
  return f.names.at(static_cast<std::size_t>(value_of<T>(f, s)));
}
template <typename T>
std::string set_choice(const Field& f, AppState& s, const std::string& v) {
  const auto it = std::find(f.names.begin(), f.names.end(), v);
  if (it == f.names.end()) return quoted(v) + " is not one of " + join(f.names, ',');
  value_of<T>(f, s) = static_cast<T>(it - f.names.begin());
  return "";
}

template <typename Access>
Field choice(std::string key, Access access, std::vector<std::string> names) {
  using T = FieldType<Access>;
  Field f = field_of<T>(std::move(key), access, get_choice<T>, set_choice<T>);
  f.names = std::move(names);
  return f;
}

std::string get_text(const Field& f, const AppState& s) { return value_of<std::string>(f, s); }
std::string set_text(const Field& f, AppState& s, const std::string& v) {
  if (v.size() > f.max_length) return "longer than " + std::to_string(f.max_length) + " characters";
  value_of<std::string>(f, s) = v;
  return "";
}

template <typename Access>
Field text(std::string key, Access access, std::size_t max_length) {
  Field f = field_of<std::string>(std::move(key), access, get_text, set_text);
  f.max_length = max_length;
  return f;
}

// "" if `id` names a preset (or the model the link itself carries), else the problem.
std::string preset_problem(const std::string& id) {
  if (id == kLlmCurrentModel) return "";
  for (const llm::PresetInfo& p : llm::list_presets())
    if (p.id == id) return "";
  return quoted(id) + " is not a preset";
}

const std::vector<std::string> kOptimizerNames = {"sgd", "momentum", "nesterov", "rmsprop", "adam"};
const std::vector<std::string> kActivationNames = {"relu", "tanh", "sigmoid", "linear"};

// d.<optimizer>.lr, .mom, .rho, .b1, .b2, .eps for optimizer K (a template parameter, so the accessors capture
// nothing), in optimizer order.
template <int K>
void add_optimizer_fields(std::vector<Field>& f) {
  const std::string p = "d." + kOptimizerNames[K] + ".";
  f.push_back(real(p + "lr", [](AppState& s) -> auto& { return s.dials.train.optimizers[K].learning_rate; }, 0, 1e3));
  f.push_back(real(p + "mom", [](AppState& s) -> auto& { return s.dials.train.optimizers[K].momentum; }, 0, 1));
  f.push_back(real(p + "rho", [](AppState& s) -> auto& { return s.dials.train.optimizers[K].rho; }, 0, 1));
  f.push_back(real(p + "b1", [](AppState& s) -> auto& { return s.dials.train.optimizers[K].beta1; }, 0, 1));
  f.push_back(real(p + "b2", [](AppState& s) -> auto& { return s.dials.train.optimizers[K].beta2; }, 0, 1));
  f.push_back(real(p + "eps", [](AppState& s) -> auto& { return s.dials.train.optimizers[K].epsilon; }, 0, 1));
}

template <int... K>
void add_optimizer_fields(std::vector<Field>& f, std::integer_sequence<int, K...>) {
  (add_optimizer_fields<K>(f), ...);
}

// [SECTION] The field table ---------------------------------------------------------------------------------

std::vector<Field> make_fields() {
  std::vector<Field> f;
  f.push_back(choice("view", [](AppState& s) -> auto& { return s.view; }, {"dials", "layers", "llm", "tour", "gpt"}));
  f.push_back(flag("embed", [](AppState& s) -> auto& { return s.page.embed; }));
  f.push_back({"hide", [](const AppState& s) { return join(s.page.hidden, ','); },
               [](AppState& s, const std::string& v) -> std::string {
                 // Known keys are kept even when others are not: a lesson from a newer version still hides
                 // what this one knows.
                 std::vector<std::string> keys;
                 std::string problem;
                 for (const std::string& t : split(v, ',')) {
                   if (t.empty()) continue;
                   if (!is_lesson_key(t)) {
                     if (problem.empty()) problem = quoted(t) + " is not a lesson key";
                   } else if (std::find(keys.begin(), keys.end(), t) == keys.end()) {
                     keys.push_back(t);
                   }
                 }
                 s.page.hidden = keys;
                 return problem;
               }});

  // Dials lab.
  f.push_back(real("d.a", [](AppState& s) -> auto& { return s.dials.params.a; }, -1e6, 1e6));
  f.push_back(real("d.b", [](AppState& s) -> auto& { return s.dials.params.b; }, -1e6, 1e6));
  f.push_back(flag("d.bias", [](AppState& s) -> auto& { return s.dials.use_bias; }));
  f.push_back(real("d.slope", [](AppState& s) -> auto& { return s.dials.data.slope; }, -1e3, 1e3));
  f.push_back(real("d.icpt", [](AppState& s) -> auto& { return s.dials.data.intercept; }, -1e3, 1e3));
  f.push_back(real("d.noise", [](AppState& s) -> auto& { return s.dials.data.noise; }, 0, 1e3));
  f.push_back(integer("d.n", [](AppState& s) -> auto& { return s.dials.data.count; }, 2, 10000));
  f.push_back(integer("d.seed", [](AppState& s) -> auto& { return s.dials.data.seed; }, 0, 18446744073709551615.0L));
  f.push_back({"d.pts",
               [](const AppState& s) {
                 if (!s.dials.custom_points) return std::string();
                 std::vector<std::string> pts;
                 for (int i = 0; i < s.dials.points.size(); ++i)
                   pts.push_back(format_real(s.dials.points.x[i]) + ":" + format_real(s.dials.points.y[i]));
                 return join(pts, ',');
               },
               [](AppState& s, const std::string& v) -> std::string {
                 if (v.empty()) {
                   s.dials.custom_points = false;
                   return "";
                 }
                 const std::vector<std::string> pts = split(v, ',');
                 if (pts.size() < 2 || pts.size() > 10000) return "needs 2 to 10000 points x:y";
                 LineData d;
                 for (const std::string& p : pts) {
                   const std::size_t colon = p.find(':');
                   double x = 0, y = 0;
                   if (colon == std::string::npos || !parse_real(p.substr(0, colon), &x) ||
                       !parse_real(p.substr(colon + 1), &y) || std::abs(x) > kMaxPointMagnitude ||
                       std::abs(y) > kMaxPointMagnitude)
                     return quoted(p) + " is not a point x:y";
                   d.x.push_back(x);
                   d.y.push_back(y);
                 }
                 s.dials.points = d;
                 s.dials.custom_points = true;
                 return "";
               }});
  // No start point: a new run starts where the dials are (and a race shows its start on the dials).
  f.push_back(choice("d.opt", [](AppState& s) -> auto& { return s.dials.train.optimizer; }, kOptimizerNames));
  add_optimizer_fields(f, std::make_integer_sequence<int, kOptimizerKindCount>{});
  f.push_back(flag("d.mini", [](AppState& s) -> auto& { return s.dials.train.mini_batch; }));
  f.push_back(integer("d.batch", [](AppState& s) -> auto& { return s.dials.train.batch_size; }, 1, 10000));
  f.push_back(integer("d.speed", [](AppState& s) -> auto& { return s.dials.train.steps_per_frame; }, 1, 1000));
  f.push_back(flag("d.race", [](AppState& s) -> auto& { return s.dials.train.race; }));
  f.push_back({"d.racers",
               [](const AppState& s) {
                 std::vector<std::string> on;
                 for (int k = 0; k < kOptimizerKindCount; ++k)
                   if (s.dials.train.racers[k]) on.push_back(kOptimizerNames[k]);
                 return join(on, ',');
               },
               [](AppState& s, const std::string& v) -> std::string {
                 std::array<bool, kOptimizerKindCount> on{};
                 for (const std::string& name : split(v, ',')) {
                   const auto it = std::find(kOptimizerNames.begin(), kOptimizerNames.end(), name);
                   if (it == kOptimizerNames.end()) return quoted(name) + " is not an optimizer";
                   on[it - kOptimizerNames.begin()] = true;
                 }
                 s.dials.train.racers = on;
                 return "";
               }});
  f.push_back(real("d.zoom", [](AppState& s) -> auto& { return s.dials.landscape.zoom; }, 1e-3, 1e3));
  f.push_back(real("d.pan_a", [](AppState& s) -> auto& { return s.dials.landscape.pan_a; }, -1e6, 1e6));
  f.push_back(real("d.pan_b", [](AppState& s) -> auto& { return s.dials.landscape.pan_b; }, -1e6, 1e6));
  f.push_back(flag("d.log", [](AppState& s) -> auto& { return s.dials.log_loss; }));

  // Layers lab.
  f.push_back(choice("l.data", [](AppState& s) -> auto& { return s.layers.data; },
                     {"circle", "xor", "gauss", "spiral", "spirals3", "plane", "mgauss", "csv"}));
  f.push_back(integer("l.n", [](AppState& s) -> auto& { return s.layers.points; }, 10, 5000));
  f.push_back(real("l.noise", [](AppState& s) -> auto& { return s.layers.noise; }, 0, 0.5));
  f.push_back(integer("l.train", [](AppState& s) -> auto& { return s.layers.train_percent; }, 10, 90));
  f.push_back(integer("l.dseed", [](AppState& s) -> auto& { return s.layers.data_seed; }, 0, 18446744073709551615.0L));
  f.push_back(integer("l.feat", [](AppState& s) -> auto& { return s.layers.features; }, 1, (1 << kFeatureCount) - 1));
  f.push_back({"l.layers",
               [](const AppState& s) {
                 std::vector<std::string> layers;
                 for (const HiddenLayer& h : s.layers.hidden)
                   layers.push_back(std::to_string(h.width) + kActivationNames[static_cast<int>(h.activation)][0]);
                 return layers.empty() ? std::string("none") : join(layers, ',');
               },
               [](AppState& s, const std::string& v) -> std::string {
                 std::vector<HiddenLayer> hidden;
                 if (v != "none") {
                   const std::vector<std::string> parts = split(v, ',');
                   if (parts.size() > static_cast<std::size_t>(LayersState::kMaxLayers))
                     return "more than " + std::to_string(LayersState::kMaxLayers) + " hidden layers";
                   for (const std::string& p : parts) {
                     long double w = 0;
                     const char act = p.empty() ? '?' : p.back();
                     const auto it = std::find_if(kActivationNames.begin(), kActivationNames.end(),
                                                  [act](const std::string& n) { return n[0] == act; });
                     if (p.size() < 2 || it == kActivationNames.end() || !parse_integer(p.substr(0, p.size() - 1), &w) ||
                         w < 1 || w > LayersState::kMaxWidth)
                       return quoted(p) + " is not a layer (width 1-" + std::to_string(LayersState::kMaxWidth) +
                              " then r, t, s or l, e.g. 4t)";
                     hidden.push_back({static_cast<int>(w), static_cast<Activation>(it - kActivationNames.begin())});
                   }
                 }
                 s.layers.hidden = hidden;
                 return "";
               }});
  f.push_back(choice("l.out", [](AppState& s) -> auto& { return s.layers.output_activation; }, kActivationNames));
  f.push_back(choice("l.loss", [](AppState& s) -> auto& { return s.layers.loss; }, {"mse", "bce", "softmax"}));
  f.push_back(choice("l.reg", [](AppState& s) -> auto& { return s.layers.regularization; }, {"none", "l1", "l2"}));
  f.push_back(real("l.rate", [](AppState& s) -> auto& { return s.layers.regularization_rate; }, 0, 10));
  f.push_back(choice("l.init", [](AppState& s) -> auto& { return s.layers.init; }, {"auto", "xavier", "he"}));
  f.push_back(integer("l.seed", [](AppState& s) -> auto& { return s.layers.seed; }, 0, 18446744073709551615.0L));
  f.push_back(integer("l.batch", [](AppState& s) -> auto& { return s.layers.batch_size; }, 1, 5000));
  f.push_back(choice("l.opt", [](AppState& s) -> auto& { return s.layers.optimizer.kind; }, kOptimizerNames));
  f.push_back(real("l.lr", [](AppState& s) -> auto& { return s.layers.optimizer.learning_rate; }, 0, 1e3));
  f.push_back(real("l.mom", [](AppState& s) -> auto& { return s.layers.optimizer.momentum; }, 0, 1));
  f.push_back(real("l.rho", [](AppState& s) -> auto& { return s.layers.optimizer.rho; }, 0, 1));
  f.push_back(real("l.b1", [](AppState& s) -> auto& { return s.layers.optimizer.beta1; }, 0, 1));
  f.push_back(real("l.b2", [](AppState& s) -> auto& { return s.layers.optimizer.beta2; }, 0, 1));
  f.push_back(real("l.eps", [](AppState& s) -> auto& { return s.layers.optimizer.epsilon; }, 0, 1));

  // LLM lab.
  f.push_back(choice("m.tab", [](AppState& s) -> auto& { return s.llm.tab; },
                     {"model", "whatif", "tensors", "memory", "compare", "ladder"}));
  f.push_back({"m.preset", [](const AppState& s) { return s.llm.preset; },
               [](AppState& s, const std::string& v) -> std::string {
                 if (v == kLlmCurrentModel) return quoted(v) + " is not a preset";
                 std::string problem = preset_problem(v);
                 if (problem.empty()) s.llm.preset = v;
                 return problem;
               }});
  f.push_back(text("m.config", [](AppState& s) -> auto& { return s.llm.config_text; }, 64 * 1024));
  f.push_back(text("m.name", [](AppState& s) -> auto& { return s.llm.config_name; }, 256));
  f.push_back({"m.over", [](const AppState& s) { return s.llm.overrides.empty() ? std::string() : s.llm.overrides.dump(); },
               [](AppState& s, const std::string& v) -> std::string {
                 if (v.size() > 8192) return "longer than 8192 characters";
                 // Parsed from a pointer range, as every caller does: one parser instantiation in the wasm.
                 nlohmann::json j = v.empty() ? nlohmann::json::object()
                                              : nlohmann::json::parse(v.data(), v.data() + v.size(), nullptr, false);
                 if (!j.is_object()) return "is not a JSON object";
                 for (const auto& item : j.items())
                   if (!item.value().is_primitive()) return "field " + quoted(item.key()) + " is not a plain value";
                 s.llm.overrides = j;
                 return "";
               }});
  f.push_back({"m.compare", [](const AppState& s) { return join(s.llm.compare, ','); },
               [](AppState& s, const std::string& v) -> std::string {
                 const std::vector<std::string> ids = split(v, ',');
                 if (ids.size() < 2 || ids.size() > 4) return "needs 2 to 4 models";
                 for (const std::string& id : ids) {
                   const std::string problem = preset_problem(id);
                   if (!problem.empty()) return problem;
                 }
                 s.llm.compare = ids;
                 return "";
               }});
  f.push_back(choice("m.dtype", [](AppState& s) -> auto& { return s.llm.dtype; },
                     {"fp32", "bf16", "fp16", "fp8", "int8", "int4"}));
  f.push_back(integer("m.group", [](AppState& s) -> auto& { return s.llm.quant_group; }, 0, 1 << 20));
  f.push_back(choice("m.w", [](AppState& s) -> auto& { return s.llm.weights; }, {"stored", "dtype", "gguf"}));
  std::vector<std::string> recipes;
  for (int i = 0; i < llm::kGgufRecipeCount; ++i) recipes.push_back(llm::gguf_recipe_name(static_cast<llm::GgufRecipe>(i)));
  f.push_back(choice("m.gguf", [](AppState& s) -> auto& { return s.llm.gguf; }, recipes));
  f.push_back(integer("m.ctx", [](AppState& s) -> auto& { return s.llm.context; }, 1, 1LL << 30));
  f.push_back(integer("m.batch", [](AppState& s) -> auto& { return s.llm.batch; }, 1, 1 << 20));
  f.push_back(flag("m.mixed", [](AppState& s) -> auto& { return s.llm.mixed_precision; }));
  f.push_back(real("m.tokens", [](AppState& s) -> auto& { return s.llm.training_tokens; }, 0, 1e18));
  f.push_back(text("m.acc", [](AppState& s) -> auto& { return s.llm.accelerator; }, 64));
  f.push_back(real("m.mfu", [](AppState& s) -> auto& { return s.llm.utilisation; }, 1e-3, 1));
  f.push_back(integer("m.dev", [](AppState& s) -> auto& { return s.llm.devices; }, 1, 1LL << 24));
  f.push_back(real("m.budget", [](AppState& s) -> auto& { return s.llm.memory_budget_gb; }, 1e-3, 1e9));
  f.push_back(choice("m.fit", [](AppState& s) -> auto& { return s.llm.fit_axis; }, {"context", "batch"}));

  // Tour: a step is linked by its id ("t.step=vectors"), so links survive steps being added.
  f.push_back({"t.step", [](const AppState& s) { return std::string(tour_step(clamp_tour_step(s.tour.step)).id); },
               [](AppState& s, const std::string& v) -> std::string {
                 const int index = tour_step_index(v);
                 if (index < 0) {
                   std::string ids;
                   for (int i = 0; i < kTourStepCount; ++i) ids += std::string(i ? "," : "") + tour_step(i).id;
                   return quoted(v) + " is not one of " + ids;
                 }
                 s.tour.step = index;
                 return "";
               }});
  f.push_back(integer("t.in", [](AppState& s) -> auto& { return s.tour.layer_inputs; }, 1, 8));
  f.push_back(integer("t.out", [](AppState& s) -> auto& { return s.tour.layer_outputs; }, 1, 8));
  f.push_back(integer("t.dim", [](AppState& s) -> auto& { return s.tour.word_dim; }, 2, 64));
  f.push_back(text("t.word", [](AppState& s) -> auto& { return s.tour.word; }, 32));
  f.push_back(integer("t.experts", [](AppState& s) -> auto& { return s.tour.moe_experts; }, 2, 8));
  f.push_back(integer("t.topk", [](AppState& s) -> auto& { return s.tour.moe_top_k; }, 1, 8));

  // Tiny GPT lab. Each value is checked alone here; whether the sizes make a model (heads dividing the width, ...)
  // is gpt::validate's call in apply_link, which keeps the reader's previous settings otherwise.
  f.push_back(integer("g.layers", [](AppState& s) -> auto& { return s.gpt.model.layers; }, 1, gpt::kMaxLayers));
  f.push_back(integer("g.width", [](AppState& s) -> auto& { return s.gpt.model.width; }, 2, gpt::kMaxWidth));
  f.push_back(integer("g.heads", [](AppState& s) -> auto& { return s.gpt.model.heads; }, 1, gpt::kMaxWidth));
  f.push_back(integer("g.kv", [](AppState& s) -> auto& { return s.gpt.model.kv_heads; }, 1, gpt::kMaxWidth));
  f.push_back(integer("g.ctx", [](AppState& s) -> auto& { return s.gpt.model.context; }, 1, gpt::kMaxContext));
  f.push_back(integer("g.ff", [](AppState& s) -> auto& { return s.gpt.model.mlp_width; }, 1, gpt::kMaxMlpWidth));
  f.push_back(choice("g.mlp", [](AppState& s) -> auto& { return s.gpt.model.mlp; }, {"gelu", "swiglu"}));
  f.push_back(choice("g.pos", [](AppState& s) -> auto& { return s.gpt.model.positions; }, {"learned", "rope"}));
  f.push_back(choice("g.norm", [](AppState& s) -> auto& { return s.gpt.model.norm; }, {"layernorm", "rmsnorm"}));
  f.push_back(flag("g.tied", [](AppState& s) -> auto& { return s.gpt.model.tied; }));
  f.push_back(flag("g.bias", [](AppState& s) -> auto& { return s.gpt.model.biases; }));
  f.push_back(integer("g.batch", [](AppState& s) -> auto& { return s.gpt.train.batch; }, 1, 64));
  f.push_back(real("g.lr", [](AppState& s) -> auto& { return s.gpt.train.learning_rate; }, 1e-6, 1));
  f.push_back(integer("g.warmup", [](AppState& s) -> auto& { return s.gpt.train.warmup_steps; }, 0, 1000000));
  f.push_back(integer("g.decay", [](AppState& s) -> auto& { return s.gpt.train.decay_steps; }, 1, 100000000));
  f.push_back(real("g.wd", [](AppState& s) -> auto& { return s.gpt.train.weight_decay; }, 0, 10));
  f.push_back(integer("g.seed", [](AppState& s) -> auto& { return s.gpt.seed; }, 0, 18446744073709551615.0L));
  f.push_back(real("g.temp", [](AppState& s) -> auto& { return s.gpt.temperature; }, 0, 10));
  f.push_back(text("g.prompt", [](AppState& s) -> auto& { return s.gpt.prompt; }, 256));
  return f;
}

const std::vector<Field>& fields() {
  static const std::vector<Field> kFields = make_fields();  // immutable after construction
  return kFields;
}

bool fields_differ(const std::string& key, const AppState& a, const AppState& b) {
  for (const Field& f : fields())
    if (f.key == key) return f.get(a) != f.get(b);
  return false;
}

}  // namespace

// [SECTION] encode_state / decode_state -----------------------------------------------------------------------

std::string encode_state(const AppState& state) {
  static const AppState kDefaults;
  std::string out = "v=" + std::to_string(kStateCodecVersion);
  const bool dtype_written = fields_differ("m.dtype", state, kDefaults);
  for (const Field& f : fields()) {
    const std::string value = f.get(state);
    // m.w goes with every m.dtype: a link that has m.dtype without m.w is older than m.w and means "N × dtype".
    if (value != f.get(kDefaults) || (f.key == "m.w" && dtype_written))
      out += "&" + f.key + "=" + percent_encode(value);
  }
  return out;
}

DecodedState decode_state(std::string_view text) {
  DecodedState out;
  auto notice = [&out](std::string message) {
    if (out.notices.size() < 20) out.notices.push_back(std::move(message));
    else if (out.notices.size() == 20) out.notices.push_back("… and more problems in the link");
  };
  if (!text.empty() && text.front() == '#') text.remove_prefix(1);
  if (text.size() > kMaxStateLength) {
    notice("the link is longer than " + std::to_string(kMaxStateLength / 1024) + " KB; the rest was ignored");
    text = text.substr(0, kMaxStateLength);
  }
  std::vector<std::string> seen;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('&', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view part = text.substr(start, end - start);
    start = end + 1;
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    const std::string key = percent_decode(part.substr(0, eq));
    if (eq == std::string_view::npos) {
      notice("link: " + quoted(key) + " has no value; ignored");
      continue;
    }
    const std::string value = percent_decode(part.substr(eq + 1));
    if (key == "v") {
      long double v = 0;
      if (!parse_integer(value, &v) || v < 1) notice("link: version " + quoted(value) + " is not valid");
      else if (v > kStateCodecVersion) notice("link: made by a newer version of the playground; some settings may be lost");
      continue;
    }
    const auto it = std::find_if(fields().begin(), fields().end(), [&key](const Field& f) { return f.key == key; });
    if (it == fields().end()) {
      notice("link: unknown setting " + quoted(key) + " ignored");
      continue;
    }
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) notice("link: " + key + " appears twice; the last one counts");
    seen.push_back(key);
    const std::string problem = it->set(out.state, value);
    if (problem.empty()) ++out.settings;
    if (!problem.empty()) {
      const std::string kept = it->get(out.state);
      notice("link: " + key + ": " + problem + "; kept " + (kept.empty() ? "the default" : kept));
    }
  }
  // Links from before m.w sized the weights as N × m.dtype; they keep meaning that.
  const auto seen_key = [&seen](const char* k) { return std::find(seen.begin(), seen.end(), k) != seen.end(); };
  if (seen_key("m.dtype") && !seen_key("m.w")) out.state.llm.weights = llm::WeightSource::kDtype;
  return out;
}

std::vector<std::string> state_keys() {
  std::vector<std::string> keys;
  for (const Field& f : fields()) keys.push_back(f.key);
  return keys;
}

}  // namespace lpp

// The page's JS API to the counting engine: Module.countParameters(text, options) (web/api.js) calls
// lpp_count_json, which returns exactly what `paramcount --json` prints, from the same core code.
#include <emscripten.h>

#include <nlohmann/json.hpp>
#include <string>

#include "llm/count_json.hpp"

namespace {

// Reads the options object ({"tensors": true, "dtype": "int4", "context": 8192, ...}); unknown keys are
// ignored and wrongly typed ones keep their defaults, so a page's typo never breaks the count itself.
lpp::llm::JsonOptions parse_options(const char* text) {
  lpp::llm::JsonOptions o;
  const nlohmann::json j = nlohmann::json::parse(text ? text : "", nullptr, false);
  if (!j.is_object()) return o;
  auto get = [&j](const char* key, auto& field) {
    const auto it = j.find(key);
    if (it == j.end()) return;
    using T = std::decay_t<decltype(field)>;
    if constexpr (std::is_same_v<T, bool>) {
      if (it->is_boolean()) field = it->get<bool>();
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (it->is_string()) field = it->get<std::string>();
    } else if constexpr (std::is_integral_v<T>) {
      if (it->is_number_integer() && it->get<std::int64_t>() > 0) field = it->get<std::int64_t>();
    } else {
      if (it->is_number() && it->get<double>() >= 0) field = it->get<double>();
    }
  };
  get("tensors", o.tensors);
  get("dtype", o.dtype);
  get("context", o.context);
  get("batch", o.batch);
  get("training_tokens", o.training_tokens);
  get("accelerator", o.accelerator);
  get("utilisation", o.utilisation);
  get("devices", o.devices);
  return o;
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE const char* lpp_count_json(const char* text, const char* options_json) {
  static std::string result;  // handed to JS, which copies it before the next call
  result = lpp::llm::count_json(text ? text : "", parse_options(options_json));
  return result.c_str();
}

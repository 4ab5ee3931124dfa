// Limits checked by a linear scan before parsing, so hostile input (50 MB, 100k nested brackets) is refused
// with a message instead of exhausting memory or the stack.
#include "llm/json_guard.hpp"

namespace lpp::llm {
namespace {

// Deepest bracket nesting outside strings, stopping early once past `limit`.
int nesting_depth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') { if (++depth > deepest) deepest = depth; if (deepest > limit) break; }
    else if (c == '}' || c == ']') --depth;
  }
  return deepest;
}

}  // namespace

bool parse_json_guarded(std::string_view text, nlohmann::json* out, std::string* error) {
  if (text.size() > kMaxJsonBytes) {
    *error = "input is " + std::to_string(text.size()) + " bytes, more than the " + std::to_string(kMaxJsonBytes) +
             "-byte limit for a config (a config.json is a few KB)";
    return false;
  }
  if (nesting_depth(text, kMaxJsonDepth) > kMaxJsonDepth) {
    *error = "input nests deeper than " + std::to_string(kMaxJsonDepth) + " levels; a config.json nests 3 or 4";
    return false;
  }
  try {
    *out = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& e) {
    *error = std::string("not valid JSON: ") + e.what();
    return false;
  }
  return true;
}

std::string describe_json(const nlohmann::json& j) {
  if (j.is_number()) return "number " + j.dump();
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    if (s.size() > 40) s = s.substr(0, 40) + "...";
    return "string \"" + s + "\"";
  }
  return j.type_name();
}

}  // namespace lpp::llm

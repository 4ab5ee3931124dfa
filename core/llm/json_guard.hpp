// Guarded JSON parsing for untrusted text (pasted configs, dropped files): a size and nesting limit checked
// before nlohmann-json sees the text, and every parse error returned as a message. Never throws.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lpp::llm {

inline constexpr std::size_t kMaxJsonBytes = 8u << 20;  // a config.json is a few KB; a preset file a few more
inline constexpr int kMaxJsonDepth = 64;                // real configs nest 3-4 levels

// Parses `text` into *out, or returns false with *error saying what was wrong.
bool parse_json_guarded(std::string_view text, nlohmann::json* out, std::string* error);

// "string", "array", "number 4096.5", ... for messages about wrong JSON types.
std::string describe_json(const nlohmann::json& j);

}  // namespace lpp::llm

// The one report every front end shows: config or preset text in, a JSON object out (counts, components, extra
// modules, estimates, optionally tensors). The CLI's --json and the page's JS API both print exactly this, so
// the numbers are identical everywhere. Never throws; errors come back as {"error": ..., "errors": [...]}.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lpp::llm {

struct JsonOptions {
  bool tensors = false;          // include "tensors": [{name, shape, count, ...}]
  std::string dtype = "bf16";    // weights and KV cache dtype for the estimates, e.g. "bf16", "int4"
  std::int64_t context = 4096;   // T for the KV cache and attention FLOPs, e.g. 4096
  std::int64_t batch = 1;        // B sequences for the KV cache, e.g. 1
  int indent = -1;               // -1 compact, 2 pretty
};

// `text` is a config.json, a preset/reference file, an explicit architecture, or a preset id ("llama-2-7b").
nlohmann::json count_report(std::string_view text, const JsonOptions& options);

// count_report serialised (invalid UTF-8 replaced, never throws).
std::string count_json(std::string_view text, const JsonOptions& options);

}  // namespace lpp::llm

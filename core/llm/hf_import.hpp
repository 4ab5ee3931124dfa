// Reads a model description into an Architecture: a Hugging Face config.json (per-family conventions and the
// library's defaults), a preset file, or an explicit {"architecture": {...}}. Errors are values naming the field.
// It does not count; param_count.hpp does. Never throws.
#pragma once
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "llm/architecture.hpp"

namespace lpp::llm {

// Where one architectural quantity came from: a key of the config, or the library default the family takes.
struct Provenance {
  std::string key;        // config key path, e.g. "text_config.num_hidden_layers"
  std::string value;      // the value used, as JSON text, e.g. "62" or "true"
  bool defaulted = false; // absent from the config: `rule` says what was taken
  std::string rule;       // e.g. "absent, default true for gemma3_text"; empty when read from the config
};

struct ImportResult {
  Architecture arch;                      // valid only when ok()
  FieldKeys keys;                         // config keys the sizes came from, for later messages
  std::string name;                       // display name (a preset's "name"), may be empty
  std::string source;                     // where the numbers come from (presets), may be empty
  std::string caveats;                    // what the preset does not claim (presets), may be empty
  bool best_effort = false;               // unknown model_type counted as Llama-like
  std::vector<std::string> assumptions;   // what a best-effort count or an explicit architecture assumed
  std::vector<std::string> notes;         // facts worth showing, e.g. "counted text_config only"
  std::vector<std::string> errors;        // each names the field and the problem
  std::vector<Provenance> provenance;     // each quantity the family read, in reading order (HF configs only)
  std::vector<std::string> ignored_keys;  // config keys present but not read by the family, e.g. "rope_theta"
  std::set<std::string> consulted;        // every key path the importer looked up, present or not
  bool ok() const { return errors.empty(); }
};

// A config.json object; supported model_types listed by supported_model_types().
ImportResult import_hf_config(const nlohmann::json& config);

// Any accepted text: an HF config.json, a preset or reference file ({"config": {...}} or {"architecture": {...}}),
// or an explicit architecture. Guards size and nesting; every problem becomes an error.
ImportResult import_model_text(std::string_view text);

// The same for parsed JSON.
ImportResult import_model_json(const nlohmann::json& j);

const std::vector<std::string>& supported_model_types();

// Wrapper model_types whose language model is counted from text_config, e.g. "gemma3", "llama4", "mistral3".
const std::vector<std::string>& wrapper_model_types();

// Explicit architectures: every Architecture field by its name (the field table of architecture_json.cpp).
nlohmann::json architecture_to_json(const Architecture& arch);
// Fields missing from `j` keep the defaults of `base`; unknown keys and bad values become errors.
Architecture architecture_from_json(const nlohmann::json& j, const Architecture& base,
                                    std::vector<std::string>* errors);

}  // namespace lpp::llm

// The model presets the app ships (assets/presets/llm/*.json, compiled into the binary): listing and loading.
// Each preset is an HF config or an explicit architecture plus its source and caveats; this file does not count.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "llm/hf_import.hpp"

namespace lpp::llm {

struct PresetInfo {
  std::string id;            // file name without .json, e.g. "llama-2-7b"
  std::string name;          // display name, e.g. "Llama 2 7B"
  std::string source;        // where the architecture comes from, e.g. a config.json URL or a paper table
  std::string caveats;       // what is uncertain or differs from the headline figure
  bool unverified = false;   // true for rumours (GPT-4): no claim of exactness
};

const std::vector<PresetInfo>& list_presets();

// The preset file's text, or empty for an unknown id.
std::string_view preset_text(std::string_view id);

// Imports a preset; an unknown id is an error naming the known ones.
ImportResult load_preset(std::string_view id);

// One-click comparison sets of preset ids (2-4 each). The first is the seed's Grok-1 vs DeepSeek-V3 vs GPT-4
// rumour; the second its 2025-26 companion.
struct CompareSet {
  std::string label;             // e.g. "Grok-1 vs DeepSeek-V3 vs GPT-4 rumour"
  std::vector<std::string> ids;  // preset ids, e.g. {"grok-1", "deepseek-v3", "gpt-4-rumoured"}
};
const std::vector<CompareSet>& compare_sets();

}  // namespace lpp::llm

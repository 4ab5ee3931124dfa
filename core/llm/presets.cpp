// Presets come from the embedded files of lpp_embed_files(NAMESPACE lpp::presets_data); the list is read once.
#include "llm/presets.hpp"

#include "embedded_file.hpp"
#include "llm/json_guard.hpp"

namespace lpp::presets_data {
extern const lpp::EmbeddedFile kFiles[];
extern const std::size_t kFileCount;
}  // namespace lpp::presets_data

namespace lpp::llm {
namespace {

std::string id_of(std::string_view file_name) {
  const std::string_view ext = ".json";
  if (file_name.size() > ext.size() && file_name.substr(file_name.size() - ext.size()) == ext)
    file_name.remove_suffix(ext.size());
  return std::string(file_name);
}

}  // namespace

const std::vector<PresetInfo>& list_presets() {
  static const std::vector<PresetInfo> kList = [] {
    std::vector<PresetInfo> list;
    for (std::size_t i = 0; i < presets_data::kFileCount; ++i) {
      const EmbeddedFile& f = presets_data::kFiles[i];
      PresetInfo p;
      p.id = id_of(f.name);
      nlohmann::json j;
      std::string error;
      if (parse_json_guarded(f.text(), &j, &error) && j.is_object()) {
        auto str = [&](const char* k, const std::string& fallback) {
          auto it = j.find(k);
          return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
        };
        p.name = str("name", p.id);
        p.source = str("source", "");
        p.caveats = str("caveats", "");
        auto u = j.find("unverified");
        p.unverified = u != j.end() && u->is_boolean() && u->get<bool>();
      }
      list.push_back(p);
    }
    return list;
  }();
  return kList;
}

std::string_view preset_text(std::string_view id) {
  for (std::size_t i = 0; i < presets_data::kFileCount; ++i)
    if (id_of(presets_data::kFiles[i].name) == id) return presets_data::kFiles[i].text();
  return {};
}

ImportResult load_preset(std::string_view id) {
  const std::string_view text = preset_text(id);
  if (text.empty()) {
    ImportResult r;
    std::string known;
    for (const PresetInfo& p : list_presets()) known += (known.empty() ? "" : ", ") + p.id;
    r.errors.push_back("unknown preset \"" + std::string(id.substr(0, 80)) + "\" (known: " + known + ")");
    return r;
  }
  return import_model_text(text);
}

const std::vector<CompareSet>& compare_sets() {
  static const std::vector<CompareSet> kSets = {
      {"Grok-1 vs DeepSeek-V3 vs GPT-4 rumour", {"grok-1", "deepseek-v3", "gpt-4-rumoured"}},
      {"gpt-oss-120b vs DeepSeek-V3.1 vs Kimi K2 vs Qwen3-235B",
       {"gpt-oss-120b", "deepseek-v3.1", "kimi-k2", "qwen3-235b-a22b"}},
      {"Llama 2 7B vs Llama 3.1 8B", {"llama-2-7b", "llama-3.1-8b"}},
      {"Mistral 7B vs Mixtral 8x7B", {"mistral-7b", "mixtral-8x7b"}},
      {"GPT-2 vs GPT-3", {"gpt2", "gpt2-xl", "gpt-3-175b"}},
  };
  return kSets;
}

}  // namespace lpp::llm

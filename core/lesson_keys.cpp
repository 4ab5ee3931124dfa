#include "lesson_keys.hpp"

#include <algorithm>

namespace lpp {

const std::vector<LessonKey>& lesson_keys() {
  static const std::vector<LessonKey> keys = {
      {"d.train", "Dials: the Train / Step / Reset toolbar and the run status"},
      {"d.optimizer", "Dials: the Optimizer tab"},
      {"d.data", "Dials: the Data tab (generator, point editing, CSV import)"},
      {"d.bias", "Dials: the \"Use a bias\" switch"},
      {"d.bytes", "Dials: the parameters-as-bytes table"},
      {"d.formulas", "Dials: the \"Show formulas\" switch"},
      {"d.landscape", "Dials: the loss landscape (the data plot takes its place)"},
      {"d.curve", "Dials: the loss curve"},
      {"l.train", "Layers: the Reset / Play / Step toolbar"},
      {"l.data", "Layers: the data and feature settings"},
      {"l.training", "Layers: the optimizer, learning rate, activation, loss and regularization settings"},
      {"l.csv", "Layers: CSV import"},
      {"l.arch", "Layers: the buttons that add or remove layers and neurons"},
      {"l.sweep", "Layers: the \"More parameters, more power?\" sweep and the compute figures"},
      {"l.moe", "Layers: the Mixture of experts tab"},
      {"m.picker", "LLM: the model picker and the comparison button"},
      {"m.export", "LLM: the Export menu"},
      {"m.paste", "LLM: the config.json paste box"},
      {"m.whatif", "LLM: the What-if tab"},
      {"m.tensors", "LLM: the Tensors tab"},
      {"m.memory", "LLM: the Memory & compute tab"},
      {"m.compare", "LLM: the Compare tab"},
      {"m.ladder", "LLM: the Ladder tab"},
      {"t.nav", "Tour: the step list and the Back / Next buttons"},
      {"t.text", "Tour: the step's text"},
  };
  return keys;
}

bool is_lesson_key(std::string_view key) {
  const auto& keys = lesson_keys();
  return std::any_of(keys.begin(), keys.end(), [key](const LessonKey& k) { return k.key == key; });
}

}  // namespace lpp

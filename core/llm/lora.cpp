// LoRA's trainable parameters and memory over the counter's tensor list. Targets match as peft's target_modules
// do: a module's dotted path equals the name or ends with "." + name; "all-linear" is every Linear but the output
// head. Legend: see lora.hpp.
#include "llm/lora.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "llm/deploy.hpp"
#include "llm/storage.hpp"

namespace lpp::llm {
namespace {

using I64 = std::int64_t;

constexpr const char* kAllLinear = "all-linear";
constexpr std::size_t kMaxTargets = 64;

// "model.layers.{i}.self_attn.q_proj.weight" -> "model.layers.{i}.self_attn.q_proj"; empty for non-".weight".
std::string module_path(const std::string& tensor) {
  const std::string suffix = ".weight";
  if (tensor.size() <= suffix.size() || tensor.compare(tensor.size() - suffix.size(), suffix.size(), suffix) != 0)
    return "";
  return tensor.substr(0, tensor.size() - suffix.size());
}

std::string last_part(const std::string& path) {
  const std::size_t dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

bool path_matches(const std::string& path, const std::string& target) {
  if (path == target) return true;
  return path.size() > target.size() && path.compare(path.size() - target.size(), target.size(), target) == 0 &&
         path[path.size() - target.size() - 1] == '.';
}

// A Linear (or Conv1D) weight LoRA can wrap: a 2-D ".weight" outside the embeddings and the output head.
bool is_linear(const TensorGroup& t) {
  return !t.bias && t.shape.size() == 2 && !module_path(t.name).empty() && t.component != Component::kEmbeddings &&
         t.component != Component::kLmHead;
}

std::string g(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::vector<std::string> parse_lora_targets(std::string_view text, std::vector<std::string>* errors) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(start, end - start);
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) item.remove_prefix(1);
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) item.remove_suffix(1);
    const std::string where = "lora target " + std::to_string(out.size() + 1);
    if (item.empty()) {
      errors->push_back(where + " is empty (write names separated by commas, e.g. q_proj,v_proj)");
    } else if (item.size() > 100) {
      errors->push_back(where + " is longer than 100 characters");
    } else if (!std::all_of(item.begin(), item.end(), [](char c) {
                 return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
               }) || item.front() == '.' || item.back() == '.') {
      errors->push_back(where + " \"" + std::string(item) + "\" is not a module name (letters, digits, _ and .)");
    } else if (out.size() == kMaxTargets) {
      errors->push_back("more than " + std::to_string(kMaxTargets) + " lora targets");
      break;
    } else {
      out.emplace_back(item);
    }
    start = end + 1;
  }
  return out;
}

LoraReport lora_report(const Architecture& a, const ParamCount& pc, const LoraOptions& o) {
  LoraReport r;
  for (const TensorGroup& t : pc.tensors) {
    if (!is_linear(t)) continue;
    const std::string name = last_part(module_path(t.name));
    if (std::find(r.available.begin(), r.available.end(), name) == r.available.end()) r.available.push_back(name);
  }
  if (o.rank < 1 || o.rank > 65536) r.errors.push_back("lora rank (" + std::to_string(o.rank) + ") must be 1 to 65536");
  if (!(o.alpha > 0)) r.errors.push_back("lora alpha must be positive");
  if (o.targets.empty()) r.errors.push_back("no lora targets given");
  if (!r.errors.empty()) return r;

  const bool all_linear = std::find(o.targets.begin(), o.targets.end(), kAllLinear) != o.targets.end();
  std::vector<bool> used(o.targets.size(), false);
  bool skipped_experts = false;
  for (const TensorGroup& t : pc.tensors) {
    const std::string path = module_path(t.name);
    if (path.empty()) continue;
    bool hit = false;
    for (std::size_t i = 0; i < o.targets.size(); ++i) {
      const bool match = o.targets[i] == kAllLinear ? is_linear(t) : path_matches(path, o.targets[i]);
      if (match && t.shape.size() == 2 && !t.bias) { used[i] = true; hit = true; }
    }
    if (!hit) continue;
    if (t.experts > 0 && !o.experts) { skipped_experts = true; continue; }
    // LoRA's A [r, I] and B [O, r] (an Embedding's are [r, V] and [C, r]: the same sum); Conv1D stores [I, O].
    const I64 each = o.rank * (t.shape[0] + t.shape[1]);
    const I64 params = each * t.repeat;
    const std::string name = last_part(path);
    auto m = std::find_if(r.modules.begin(), r.modules.end(), [&](const LoraModule& x) { return x.name == name; });
    if (m == r.modules.end()) {
      LoraModule nm;
      nm.name = name;
      nm.out = t.shape[0];
      nm.in = t.shape[1];
      r.modules.push_back(nm);
      m = r.modules.end() - 1;
    }
    m->instances += t.repeat;
    m->params += params;
    r.lora_params += params;
  }
  for (std::size_t i = 0; i < o.targets.size(); ++i)
    if (!used[i]) {
      std::string names;
      for (const std::string& s : r.available) names += (names.empty() ? "" : ", ") + s;
      r.errors.push_back("lora target \"" + o.targets[i] + "\" matches no module of this model (its Linear modules: " +
                         names + ")");
    }
  // modules_to_save: the named modules' tensors trained in full as copies; a tied lm_head copies the embedding.
  for (const std::string& s : o.modules_to_save) {
    I64 count = 0;
    for (const TensorGroup& t : pc.tensors) {
      const std::size_t dot = t.name.rfind('.');
      if (dot != std::string::npos && path_matches(t.name.substr(0, dot), s)) count += t.count;
    }
    if (count == 0 && s == "lm_head" && a.tie_word_embeddings) {
      for (const TensorGroup& t : pc.tensors)
        if (t.component == Component::kEmbeddings && t.shape.size() == 2 && t.shape[0] == a.vocab_size) count = t.count;
      r.notes.push_back("lm_head is tied to the embedding: its saved copy is a new " + format_count(count) +
                        "-parameter matrix, and the tie is broken for training");
    }
    if (count == 0) r.errors.push_back("modules_to_save \"" + s + "\" matches no module of this model");
    r.saved_params += count;
  }
  if (!r.errors.empty()) return r;
  if (skipped_experts) r.notes.push_back("routed experts' Linears match the targets but are left out (experts off)");
  if (all_linear) r.notes.push_back("all-linear: every Linear but the output head, routers included, as peft does");
  for (const TensorGroup& t : pc.tensors)
    if (t.component == Component::kExperts && t.shape.size() == 3) {
      r.notes.push_back("fused expert tensors (" + t.name + ") are parameters, not Linear modules: target_modules "
                        "cannot wrap them");
      break;
    }

  r.trainable = r.lora_params + r.saved_params;
  r.all_params = pc.total + r.trainable;
  r.trainable_share = static_cast<double>(r.trainable) / static_cast<double>(r.all_params);
  r.scaling = o.alpha / static_cast<double>(o.rank);

  const double ba = dtype_bits(o.adapter_dtype) / 8, bb = dtype_bits(o.base_dtype) / 8;
  const double adapter = static_cast<double>(r.lora_params) * ba + static_cast<double>(r.saved_params) * bb;
  r.adapter_bytes = bytes_estimate(adapter, "lora · b_adapter + saved · b_base = " + format_count(r.lora_params) +
                                                " · " + g(ba) + " B + " + format_count(r.saved_params) + " · " +
                                                g(bb) + " B = " + format_bytes(adapter));
  const TrainingMemory full = training_memory(pc.total);
  r.full_memory = full.total;
  const double trained = static_cast<double>(r.trainable) * 16;
  const double lora = static_cast<double>(pc.total) * bb + trained;
  r.lora_memory = bytes_estimate(lora, "N · b_base + trainable · (4 + 4 + 8) B = " + format_count(pc.total) + " · " +
                                           g(bb) + " B + " + format_count(r.trainable) + " · 16 B = " +
                                           format_bytes(lora) + " (fp32 adapter, gradient, Adam m and v; "
                                           "without activations)");
  // The 4-bit base as bitsandbytes lays it out: nf4 codes two a byte, double-quantized absmax per 64.
  CheckpointFormat nf4;
  nf4.dtype = StoreType::kBf16;
  nf4.scheme.method = QuantMethod::kBnb4;
  nf4.scheme.bits = 4;
  nf4.scheme.double_quant = true;
  nf4.scheme.quantize_router = true;
  nf4.scheme.label = "bitsandbytes nf4 4-bit, blocks of 64, double quantization";
  const StorageReport st = storage_report(pc, nf4);
  const double qlora = static_cast<double>(st.main_bytes) + trained;
  r.qlora_memory = bytes_estimate(qlora, "nf4 base + trainable · 16 B = " + format_bytes(static_cast<double>(
                                             st.main_bytes)) + " + " + format_count(r.trainable) + " · 16 B = " +
                                             format_bytes(qlora) + " (" + nf4.scheme.label + ")");
  r.all_params_4bit = (pc.total - st.quantized_params) + st.quantized_elements + r.trainable;
  return r;
}

}  // namespace lpp::llm

// The checkpoint layouts of storage.hpp, one per quantization method, each following the code that writes it.
// [SECTION] types and helpers  [SECTION] quantization_config  [SECTION] matching module lists
// [SECTION] layouts  [SECTION] report
#include "llm/storage.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "llm/estimates.hpp"
#include "llm/json_guard.hpp"
#include "llm/presets.hpp"

namespace lpp::llm {
namespace {

using nlohmann::json;
using I64 = std::int64_t;

// [SECTION] types and helpers

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

I64 ceil_div(I64 a, I64 b) { return b > 0 ? (a + b - 1) / b : a; }

// "12.3 B", "456 M": the scale of a count in a sentence.
std::string short_count(double n) {
  char buf[32];
  if (n >= 1e12) std::snprintf(buf, sizeof buf, "%.2f T", n / 1e12);
  else if (n >= 1e9) std::snprintf(buf, sizeof buf, "%.2f B", n / 1e9);
  else if (n >= 1e6) std::snprintf(buf, sizeof buf, "%.2f M", n / 1e6);
  else if (n >= 1e3) std::snprintf(buf, sizeof buf, "%.1f K", n / 1e3);
  else std::snprintf(buf, sizeof buf, "%.0f", n);
  return buf;
}

// Checked arithmetic: the first overflow is kept and every later result is void (the caller reports it once).
struct Checked {
  std::string overflow;
  I64 mul(I64 a, I64 b, const std::string& where) {
    I64 r = 0;
    if (__builtin_mul_overflow(a, b, &r)) { note(where); return 0; }
    return r;
  }
  I64 add(I64 a, I64 b, const std::string& where) {
    I64 r = 0;
    if (__builtin_add_overflow(a, b, &r)) { note(where); return 0; }
    return r;
  }
  void note(const std::string& where) {
    if (overflow.empty()) overflow = "stored size overflows 64-bit integers at " + where;
  }
};

// [SECTION] quantization_config

// Reads an optional integer key; a wrong type or a value outside [lo, hi] is an error naming the key.
bool read_int(const json& qc, const char* key, I64 lo, I64 hi, I64* out, std::vector<std::string>* errors) {
  if (!qc.contains(key) || qc[key].is_null()) return false;
  const json& v = qc[key];
  if (!v.is_number_integer()) {
    errors->push_back(std::string("quantization_config.") + key + " is " + describe_json(v) + ", expected an integer");
    return false;
  }
  const I64 x = v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi) ? hi + 1 : v.get<I64>();
  if (x < lo || x > hi) {
    errors->push_back(std::string("quantization_config.") + key + " (" + v.dump() + ") must be between " +
                      std::to_string(lo) + " and " + std::to_string(hi));
    return false;
  }
  *out = x;
  return true;
}

bool read_bool(const json& qc, const char* key, bool* out, std::vector<std::string>* errors) {
  if (!qc.contains(key) || qc[key].is_null()) return false;
  if (!qc[key].is_boolean()) {
    errors->push_back(std::string("quantization_config.") + key + " is " + describe_json(qc[key]) + ", expected true or false");
    return false;
  }
  *out = qc[key].get<bool>();
  return true;
}

std::string read_string(const json& j, const char* key, const std::string& path, std::vector<std::string>* errors) {
  if (!j.contains(key) || j[key].is_null()) return "";
  if (!j[key].is_string()) {
    errors->push_back(path + key + " is " + describe_json(j[key]) + ", expected a string");
    return "";
  }
  return j[key].get<std::string>();
}

void read_list(const json& qc, const char* key, std::vector<std::string>* out, std::vector<std::string>* errors) {
  if (!qc.contains(key) || qc[key].is_null()) return;
  const json& v = qc[key];
  if (!v.is_array()) {
    errors->push_back(std::string("quantization_config.") + key + " is " + describe_json(v) + ", expected a list of names");
    return;
  }
  for (const json& e : v) {
    if (!e.is_string()) {
      errors->push_back(std::string("quantization_config.") + key + " holds " + describe_json(e) + ", expected names");
      return;
    }
    out->push_back(e.get<std::string>().substr(0, 200));
  }
}

bool valid_bits(I64 b) { return b == 2 || b == 3 || b == 4 || b == 8; }

void parse_gptq(const json& qc, QuantScheme* s, std::vector<std::string>* e) {
  // transformers' GPTQConfig (src/transformers/utils/quantization_config.py): bits, group_size (-1 = one group
  // per column), desc_act, sym, lm_head; the layout is AutoGPTQ's QuantLinear (qweight, qzeros, scales, g_idx).
  I64 bits = 4, group = 128;
  read_int(qc, "bits", 2, 8, &bits, e);
  if (!valid_bits(bits)) e->push_back("quantization_config.bits (" + std::to_string(bits) + ") is not one of 2, 3, 4, 8");
  read_int(qc, "group_size", -1, I64{1} << 30, &group, e);
  if (group == 0) e->push_back("quantization_config.group_size (0) must be -1 or positive");
  bool desc_act = false, lm_head = false;
  read_bool(qc, "desc_act", &desc_act, e);
  read_bool(qc, "lm_head", &lm_head, e);
  s->bits = static_cast<int>(bits);
  s->group_size = group > 0 ? group : 0;
  s->zero_point = true;  // qzeros is written for symmetric checkpoints too (filled with the mid-point)
  s->g_idx = true;
  s->quantize_lm_head = lm_head;
  s->label = "GPTQ " + std::to_string(bits) + "-bit, " +
             (group > 0 ? "group " + std::to_string(group) : std::string("one group per column")) +
             (desc_act ? ", act-order (desc_act)" : "");
  const std::string format = read_string(qc, "checkpoint_format", "quantization_config.", e);
  if (!format.empty() && format != "gptq" && format != "gptq_v2")
    e->push_back("quantization_config.checkpoint_format \"" + format.substr(0, 40) +
                 "\" is not gptq or gptq_v2; its tensor layout is not known here");
}

void parse_awq(const json& qc, QuantScheme* s, std::vector<std::string>* e) {
  // transformers' AwqConfig: bits (4), group_size, zero_point, version; AutoAWQ's WQLinear_GEMM layout.
  I64 bits = 4, group = 128;
  read_int(qc, "bits", 2, 8, &bits, e);
  if (bits != 4 && bits != 8) e->push_back("quantization_config.bits (" + std::to_string(bits) + ") is not 4 or 8");
  read_int(qc, "group_size", -1, I64{1} << 30, &group, e);
  if (group == 0) e->push_back("quantization_config.group_size (0) must be -1 or positive");
  bool zero_point = true;
  read_bool(qc, "zero_point", &zero_point, e);
  s->bits = static_cast<int>(bits);
  s->group_size = group > 0 ? group : 0;
  s->zero_point = zero_point;
  const std::string version = lower(read_string(qc, "version", "quantization_config.", e));
  s->label = "AWQ " + std::to_string(bits) + "-bit, group " + (group > 0 ? std::to_string(group) : "per column") +
             (zero_point ? ", zero points" : ", symmetric") + (version.empty() ? "" : " (" + version + ")");
}

void parse_bnb(const json& qc, QuantScheme* s, std::vector<std::string>* e) {
  // transformers' BitsAndBytesConfig; serialised 4-bit weights are bitsandbytes' Params4bit with the QuantState
  // tensors of QuantState.as_dict(packed=True) (bitsandbytes/functional.py).
  bool four = false, eight = false;
  if (!read_bool(qc, "load_in_4bit", &four, e)) read_bool(qc, "_load_in_4bit", &four, e);
  if (!read_bool(qc, "load_in_8bit", &eight, e)) read_bool(qc, "_load_in_8bit", &eight, e);
  if (four == eight) {
    e->push_back(std::string("quantization_config: bitsandbytes needs exactly one of load_in_4bit and load_in_8bit ") +
                 (four ? "(both are true)" : "(neither is true)"));
    return;
  }
  read_list(qc, "llm_int8_skip_modules", &s->skip, e);
  s->quantize_router = true;  // every nn.Linear but the skipped ones and the output head
  if (eight) {
    s->method = QuantMethod::kBnb8;
    s->bits = 8;
    s->label = "bitsandbytes LLM.int8 (int8 rows + one fp32 scale per row)";
    return;
  }
  s->method = QuantMethod::kBnb4;
  s->bits = 4;
  std::string type = lower(read_string(qc, "bnb_4bit_quant_type", "quantization_config.", e));
  if (type.empty()) type = "fp4";  // BitsAndBytesConfig's default
  if (type != "nf4" && type != "fp4")
    e->push_back("quantization_config.bnb_4bit_quant_type \"" + type.substr(0, 20) + "\" is not nf4 or fp4");
  read_bool(qc, "bnb_4bit_use_double_quant", &s->double_quant, e);
  const std::string storage = lower(read_string(qc, "bnb_4bit_quant_storage", "quantization_config.", e));
  if (!storage.empty() && storage != "uint8")
    e->push_back("quantization_config.bnb_4bit_quant_storage \"" + storage.substr(0, 20) +
                 "\" is not uint8; only the uint8 packing is laid out here");
  s->label = "bitsandbytes " + type + " 4-bit, blocks of 64" + (s->double_quant ? ", double quantization" : "");
}

void parse_fp8(const json& qc, QuantScheme* s, std::vector<std::string>* e) {
  // DeepSeek-V3's format (README_WEIGHTS.md, "FP8 Weight Documentation"): e4m3 weights and a float32
  // weight_scale_inv per 128 x 128 block, partial blocks padded; transformers' FineGrainedFP8Config likewise.
  const std::string fmt = lower(read_string(qc, "fmt", "quantization_config.", e));
  if (!fmt.empty() && fmt != "e4m3")
    e->push_back("quantization_config.fmt \"" + fmt.substr(0, 20) + "\" is not e4m3");
  if (qc.contains("weight_block_size") && !qc["weight_block_size"].is_null()) {
    const json& b = qc["weight_block_size"];
    if (!b.is_array() || b.size() != 2 || !b[0].is_number_integer() || !b[1].is_number_integer() ||
        b[0].get<I64>() < 1 || b[1].get<I64>() < 1 || b[0].get<I64>() > (I64{1} << 30) || b[1].get<I64>() > (I64{1} << 30)) {
      e->push_back("quantization_config.weight_block_size is " + b.dump().substr(0, 40) +
                   ", expected two positive integers like [128, 128]");
    } else {
      s->block_out = b[0].get<I64>();
      s->block_in = b[1].get<I64>();
    }
  } else {
    s->block_out = s->block_in = 0;  // one scale per tensor
  }
  s->bits = 8;
  s->label = s->block_out > 0 ? "FP8 e4m3, one fp32 scale per " + std::to_string(s->block_out) + " x " +
                                    std::to_string(s->block_in) + " block"
                              : "FP8 e4m3, one fp32 scale per tensor";
  read_list(qc, "ignored_layers", &s->skip, e);
}

void parse_compressed(const json& qc, QuantScheme* s, std::vector<std::string>* e) {
  // compressed-tensors (neuralmagic/compressed-tensors, quantization/quant_scheme.py and compressors/): one
  // config group targeting Linear, its weights' num_bits, type, symmetric, strategy, group_size.
  read_list(qc, "ignore", &s->skip, e);
  s->quantize_router = true;
  s->quantize_lm_head = true;  // targets every Linear; lm_head is kept only when `ignore` lists it
  if (!qc.contains("config_groups") || !qc["config_groups"].is_object() || qc["config_groups"].empty()) {
    e->push_back("quantization_config.config_groups is missing or empty: the compressed-tensors scheme is not readable");
    return;
  }
  const json& groups = qc["config_groups"];
  if (groups.size() > 1) {
    e->push_back("quantization_config.config_groups has " + std::to_string(groups.size()) +
                 " groups; which tensors each one targets is not laid out here (one group is)");
    return;
  }
  const std::string gname = groups.begin().key().substr(0, 40);
  const json& g = groups.begin().value();
  const std::string path = "quantization_config.config_groups." + gname + ".";
  if (!g.is_object() || !g.contains("weights") || !g["weights"].is_object()) {
    e->push_back(path + "weights is missing: the compressed-tensors scheme is not readable");
    return;
  }
  if (g.contains("targets")) {
    bool linear = false;
    if (g["targets"].is_array())
      for (const json& t : g["targets"]) linear = linear || (t.is_string() && t.get<std::string>() == "Linear");
    if (!linear) {
      e->push_back(path + "targets does not name \"Linear\"; other targets are not laid out here");
      return;
    }
  }
  const json& w = g["weights"];
  I64 bits = 8;
  if (w.contains("num_bits") && w["num_bits"].is_number_integer()) bits = w["num_bits"].get<I64>();
  else e->push_back(path + "weights.num_bits is missing or not an integer");
  const std::string type = lower(read_string(w, "type", path + "weights.", e));
  const std::string strategy = lower(read_string(w, "strategy", path + "weights.", e));
  bool symmetric = true;
  if (w.contains("symmetric") && w["symmetric"].is_boolean()) symmetric = w["symmetric"].get<bool>();
  if (strategy == "tensor") s->ct_strategy = CtStrategy::kTensor;
  else if (strategy == "channel") s->ct_strategy = CtStrategy::kChannel;
  else if (strategy == "group" || strategy == "tensor_group") s->ct_strategy = CtStrategy::kGroup;
  else if (strategy == "block") s->ct_strategy = CtStrategy::kBlock;
  else e->push_back(path + "weights.strategy \"" + strategy.substr(0, 20) + "\" is not tensor, channel, group or block");
  if (s->ct_strategy == CtStrategy::kGroup) {
    if (w.contains("group_size") && w["group_size"].is_number_integer() && w["group_size"].get<I64>() > 0 &&
        w["group_size"].get<I64>() <= (I64{1} << 30))
      s->group_size = w["group_size"].get<I64>();
    else e->push_back(path + "weights.group_size must be a positive integer for the group strategy");
  }
  if (s->ct_strategy == CtStrategy::kBlock) {
    const json& b = w.contains("block_structure") ? w["block_structure"] : json();
    if (b.is_array() && b.size() == 2 && b[0].is_number_integer() && b[1].is_number_integer() && b[0].get<I64>() > 0 &&
        b[1].get<I64>() > 0 && b[0].get<I64>() <= (I64{1} << 30) && b[1].get<I64>() <= (I64{1} << 30)) {
      s->block_out = b[0].get<I64>();
      s->block_in = b[1].get<I64>();
    } else {
      e->push_back(path + "weights.block_structure must be two positive integers for the block strategy");
    }
  }
  const json& ia = g.contains("input_activations") ? g["input_activations"] : json();
  s->ct_static_input = ia.is_object() && ia.contains("dynamic") && ia["dynamic"].is_boolean() && !ia["dynamic"].get<bool>();
  std::string format = lower(read_string(qc, "format", "quantization_config.", e));
  if (format.empty()) format = type == "float" ? (bits == 4 ? "nvfp4-pack-quantized" : "float-quantized")
                                               : "pack-quantized";
  if (format == "pack-quantized") s->ct_format = CtFormat::kPackQuantized;
  else if (format == "int-quantized" || format == "naive-quantized") s->ct_format = CtFormat::kIntQuantized;
  else if (format == "float-quantized") s->ct_format = CtFormat::kFloatQuantized;
  else if (format == "nvfp4-pack-quantized") s->ct_format = CtFormat::kNvfp4;
  else {
    e->push_back("quantization_config.format \"" + format.substr(0, 40) +
                 "\" is not pack-quantized, int-quantized, naive-quantized, float-quantized or nvfp4-pack-quantized");
    return;
  }
  if (s->ct_format == CtFormat::kPackQuantized && bits != 4 && bits != 8)
    e->push_back(path + "weights.num_bits (" + std::to_string(bits) + ") is not 4 or 8 for pack-quantized");
  if ((s->ct_format == CtFormat::kFloatQuantized || s->ct_format == CtFormat::kIntQuantized) && bits != 8)
    e->push_back(path + "weights.num_bits (" + std::to_string(bits) + ") is not 8 for " + format);
  s->bits = static_cast<int>(bits);
  s->zero_point = !symmetric && s->ct_format != CtFormat::kFloatQuantized && s->ct_format != CtFormat::kNvfp4;
  const char* strategies[] = {"per tensor", "per channel", "group", "block"};
  s->label = "compressed-tensors " + format + ", " + (type.empty() ? "int" : type) + std::to_string(bits) + ", " +
             strategies[static_cast<int>(s->ct_strategy)] +
             (s->ct_strategy == CtStrategy::kGroup ? " " + std::to_string(s->group_size) : "") +
             (s->zero_point ? ", zero points" : "");
}

// [SECTION] matching module lists

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

bool glob_match(const char* p, const char* s) {
  if (*p == 0) return *s == 0 || *s == '.';  // a listed module covers its children
  if (*p == '*') return glob_match(p + 1, s) || (*s != 0 && glob_match(p, s + 1));
  return *s == *p && glob_match(p + 1, s + 1);
}

// Fused expert tensors of gpt-oss and Llama 4 are parameters of the experts module itself, stored [E, I, O]
// (GptOssExperts.gate_up_proj is (num_experts, hidden_size, 2 * expert_dim)); every other weight is an nn.Linear's.
bool fused_experts(const TensorGroup& t) {
  return !t.bias && t.shape.size() == 3 && !ends_with(t.name, ".weight") &&
         (ends_with(t.name, "gate_up_proj") || ends_with(t.name, "down_proj"));
}

std::string module_of(const std::string& name, bool fused) {
  const std::size_t dot = name.rfind('.');
  if (fused || ends_with(name, ".weight") || ends_with(name, ".bias")) return dot == std::string::npos ? name : name.substr(0, dot);
  return name;
}

// Python's re.match (anchored at the start; a trailing $ anchors the end) for the subset module lists use:
// literals, '.', '*' after an atom, backslash escapes, '^' and '$'. Other syntax matches nothing (and is noted).
// A table over (pattern atom, path position), so no input makes it backtrack.
bool pattern_match(const std::string& pattern, const std::string& path) {
  if (pattern.find_first_of("()[]{}|+?") != std::string::npos) return false;
  struct Atom { char c; bool any; bool star; };
  std::vector<Atom> atoms;
  bool anchored_end = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char ch = pattern[i];
    if (ch == '^' && i == 0) continue;
    if (ch == '$' && i + 1 == pattern.size()) { anchored_end = true; continue; }
    if (ch == '*') {
      if (!atoms.empty()) atoms.back().star = true;
      continue;
    }
    if (ch == '\\' && i + 1 < pattern.size()) { atoms.push_back({pattern[++i], false, false}); continue; }
    atoms.push_back({ch, ch == '.', false});
  }
  const std::size_t n = path.size();
  // reach[i]: the atoms so far can consume exactly path[0, i)
  std::vector<char> reach(n + 1, 0), next(n + 1, 0);
  reach[0] = 1;
  for (const Atom& a : atoms) {
    std::fill(next.begin(), next.end(), 0);
    for (std::size_t i = 0; i <= n; ++i) {
      if (!reach[i]) continue;
      if (a.star) {
        next[i] = 1;
        for (std::size_t k = i; k < n && (a.any || path[k] == a.c); ++k) next[k + 1] = 1;
      } else if (i < n && (a.any || path[i] == a.c)) {
        next[i + 1] = 1;
      }
    }
    reach.swap(next);
  }
  if (anchored_end) return reach[n] != 0;
  return std::any_of(reach.begin(), reach.end(), [](char r) { return r != 0; });
}

// [SECTION] layouts

StoredTensor part(std::string name, std::vector<I64> shape, StoreType type, Checked& c) {
  StoredTensor t;
  t.name = std::move(name);
  t.shape = std::move(shape);
  t.type = type;
  t.elements = 1;
  for (I64 d : t.shape) t.elements = c.mul(t.elements, d, t.name);
  t.bytes = c.mul(t.elements, store_type_bytes(type), t.name);
  return t;
}

struct LinearDims {
  std::vector<I64> lead;  // leading dims (experts of a fused tensor), e.g. {32}
  I64 out = 0;            // O
  I64 in = 0;             // I
};

LinearDims linear_dims(const TensorGroup& t) {
  LinearDims d;
  const std::size_t n = t.shape.size();
  d.lead.assign(t.shape.begin(), t.shape.end() - 2);
  if (fused_experts(t)) {
    d.in = t.shape[n - 2];
    d.out = t.shape[n - 1];
  } else if (t.name.find(".attn.c_") != std::string::npos || t.name.find(".mlp.c_") != std::string::npos) {
    d.in = t.shape[n - 2];  // GPT-2's Conv1D stores [in, out]
    d.out = t.shape[n - 1];
  } else {
    d.out = t.shape[n - 2];
    d.in = t.shape[n - 1];
  }
  return d;
}

std::vector<I64> with_lead(const std::vector<I64>& lead, std::vector<I64> tail) {
  std::vector<I64> s = lead;
  s.insert(s.end(), tail.begin(), tail.end());
  return s;
}

// The stored tensors of one quantized weight. `name` is the counter's name; `base` the module's.
std::vector<StoredTensor> quantized_layout(const TensorGroup& t, const QuantScheme& q, StoreType dtype, Checked& c) {
  const LinearDims d = linear_dims(t);
  const std::string base = module_of(t.name, fused_experts(t));
  const I64 O = d.out, I = d.in, b = q.bits;
  const I64 groups = q.group_size > 0 ? ceil_div(I, q.group_size) : 1;
  std::vector<StoredTensor> p;
  switch (q.method) {
    case QuantMethod::kMxfp4: {
      // transformers integrations/mxfp4.py, Mxfp4GptOssExperts: *_blocks uint8 [E, O, I/32, 16] (two e2m1 codes a
      // byte, 32 per block) and *_scales uint8 [E, O, I/32] (one e8m0 exponent per block of 32).
      const I64 blocks = ceil_div(I, 32);
      p.push_back(part(t.name + "_blocks", with_lead(d.lead, {O, blocks, 16}), StoreType::kU8, c));
      p.push_back(part(t.name + "_scales", with_lead(d.lead, {O, blocks}), StoreType::kU8, c));
      break;
    }
    case QuantMethod::kFp8: {
      p.push_back(part(t.name, t.shape, StoreType::kF8, c));
      std::vector<I64> scale = q.block_out > 0 ? with_lead(d.lead, {ceil_div(O, q.block_out), ceil_div(I, q.block_in)})
                                               : std::vector<I64>{1};
      p.push_back(part(base + ".weight_scale_inv", scale, StoreType::kF32, c));
      break;
    }
    case QuantMethod::kGptq:
      // AutoGPTQ's QuantLinear: qweight int32 [I·b/32, O], qzeros int32 [G, O·b/32], scales fp16 [G, O],
      // g_idx int32 [I] (registered whatever desc_act says); G = ⌈I/g⌉, or 1 without groups.
      p.push_back(part(base + ".qweight", with_lead(d.lead, {ceil_div(c.mul(I, b, base), 32), O}), StoreType::kI32, c));
      p.push_back(part(base + ".qzeros", with_lead(d.lead, {groups, ceil_div(c.mul(O, b, base), 32)}), StoreType::kI32, c));
      p.push_back(part(base + ".scales", with_lead(d.lead, {groups, O}), StoreType::kF16, c));
      p.push_back(part(base + ".g_idx", with_lead(d.lead, {I}), StoreType::kI32, c));
      break;
    case QuantMethod::kAwq:
      // AutoAWQ's WQLinear_GEMM: qweight int32 [I, O·b/32], qzeros int32 [⌈I/g⌉, O·b/32], scales fp16 [⌈I/g⌉, O].
      p.push_back(part(base + ".qweight", with_lead(d.lead, {I, ceil_div(c.mul(O, b, base), 32)}), StoreType::kI32, c));
      if (q.zero_point)
        p.push_back(part(base + ".qzeros", with_lead(d.lead, {groups, ceil_div(c.mul(O, b, base), 32)}), StoreType::kI32, c));
      p.push_back(part(base + ".scales", with_lead(d.lead, {groups, O}), StoreType::kF16, c));
      break;
    case QuantMethod::kBnb4: {
      // bitsandbytes Params4bit: the weight flattened and packed two codes a byte [n/2, 1]; QuantState.as_dict:
      // absmax per block of 64 (fp32, or uint8 under double quantization with nested_absmax fp32 per 256 absmax and
      // a 256-entry nested_quant_map), the 16-entry quant_map, and a packed JSON of the rest (not counted).
      I64 n = 1;
      for (I64 x : t.shape) n = c.mul(n, x, base);
      const I64 blocks = ceil_div(n, 64);
      p.push_back(part(t.name, {ceil_div(n, 2), 1}, StoreType::kU8, c));
      p.push_back(part(t.name + ".absmax", {blocks}, q.double_quant ? StoreType::kU8 : StoreType::kF32, c));
      p.push_back(part(t.name + ".quant_map", {16}, StoreType::kF32, c));
      if (q.double_quant) {
        p.push_back(part(t.name + ".nested_absmax", {ceil_div(blocks, 256)}, StoreType::kF32, c));
        p.push_back(part(t.name + ".nested_quant_map", {256}, StoreType::kF32, c));
      }
      break;
    }
    case QuantMethod::kBnb8:
      // bitsandbytes Int8Params: int8 weight [O, I] and SCB, one fp32 absmax per output row.
      p.push_back(part(t.name, t.shape, StoreType::kI8, c));
      p.push_back(part(base + ".SCB", with_lead(d.lead, {O}), StoreType::kF32, c));
      break;
    case QuantMethod::kCompressed: {
      std::vector<I64> scale;
      switch (q.ct_strategy) {
        case CtStrategy::kTensor: scale = {1}; break;
        case CtStrategy::kChannel: scale = with_lead(d.lead, {O, 1}); break;
        case CtStrategy::kGroup: scale = with_lead(d.lead, {O, groups}); break;
        case CtStrategy::kBlock: scale = with_lead(d.lead, {ceil_div(O, q.block_out), ceil_div(I, q.block_in)}); break;
      }
      const I64 scale_cols = scale.back();
      switch (q.ct_format) {
        case CtFormat::kPackQuantized:
          // PackedQuantizationCompressor: weight_packed int32 [O, I·b/32], weight_scale [O, G], weight_shape int64
          // [2]; asymmetric adds weight_zero_point packed along O, int32 [O·b/32, G].
          p.push_back(part(base + ".weight_packed", with_lead(d.lead, {O, ceil_div(c.mul(I, b, base), 32)}), StoreType::kI32, c));
          p.push_back(part(base + ".weight_scale", scale, dtype, c));
          if (q.zero_point)
            p.push_back(part(base + ".weight_zero_point", with_lead(d.lead, {ceil_div(c.mul(O, b, base), 32), scale_cols}), StoreType::kI32, c));
          p.push_back(part(base + ".weight_shape", {2}, StoreType::kI64, c));
          break;
        case CtFormat::kIntQuantized:
          p.push_back(part(t.name, t.shape, StoreType::kI8, c));
          p.push_back(part(base + ".weight_scale", scale, dtype, c));
          if (q.zero_point) p.push_back(part(base + ".weight_zero_point", scale, StoreType::kI8, c));
          break;
        case CtFormat::kFloatQuantized:
          p.push_back(part(t.name, t.shape, StoreType::kF8, c));
          p.push_back(part(base + ".weight_scale", scale, dtype, c));
          break;
        case CtFormat::kNvfp4:
          // NVFP4: two e2m1 codes a byte [O, I/2], an fp8 scale per 16 inputs [O, I/16], one fp32 global scale.
          p.push_back(part(base + ".weight_packed", with_lead(d.lead, {O, ceil_div(I, 2)}), StoreType::kU8, c));
          p.push_back(part(base + ".weight_scale", with_lead(d.lead, {O, ceil_div(I, 16)}), StoreType::kF8, c));
          p.push_back(part(base + ".weight_global_scale", {1}, StoreType::kF32, c));
          p.push_back(part(base + ".input_global_scale", {1}, StoreType::kF32, c));
          break;
      }
      if (q.ct_static_input && q.ct_format != CtFormat::kNvfp4)
        p.push_back(part(base + ".input_scale", {1}, StoreType::kF32, c));
      break;
    }
    case QuantMethod::kNone:
      break;
  }
  return p;
}

// Whether the method quantizes this tensor at all (before the skip lists).
bool candidate(const TensorGroup& t, const QuantScheme& q) {
  if (q.method == QuantMethod::kNone || t.bias || t.shape.size() < 2) return false;
  if (!ends_with(t.name, ".weight") && !fused_experts(t)) return false;
  if (q.method == QuantMethod::kMxfp4) return t.component == Component::kExperts;  // Mxfp4GptOssExperts only
  if (t.name.find("eh_proj") != std::string::npos && q.method == QuantMethod::kFp8) return false;  // V3 keeps it bf16
  switch (t.component) {
    case Component::kEmbeddings:
    case Component::kNorms: return false;
    case Component::kRouter: return q.quantize_router;
    case Component::kLmHead: return q.quantize_lm_head;
    default: return true;
  }
}

StoreType plain_type(const TensorGroup& t, StoreType dtype) {
  // DeepSeek-V3's modelling code creates e_score_correction_bias in float32 whatever the model dtype.
  if (ends_with(t.name, "e_score_correction_bias")) return StoreType::kF32;
  return dtype;
}

}  // namespace

// [SECTION] report

const char* store_type_name(StoreType t) {
  switch (t) {
    case StoreType::kF32: return "F32";
    case StoreType::kBf16: return "BF16";
    case StoreType::kF16: return "F16";
    case StoreType::kF8: return "F8_E4M3";
    case StoreType::kI8: return "I8";
    case StoreType::kU8: return "U8";
    case StoreType::kI32: return "I32";
    case StoreType::kI64: return "I64";
  }
  return "?";
}

std::int64_t store_type_bytes(StoreType t) {
  switch (t) {
    case StoreType::kF32: case StoreType::kI32: return 4;
    case StoreType::kBf16: case StoreType::kF16: return 2;
    case StoreType::kF8: case StoreType::kI8: case StoreType::kU8: return 1;
    case StoreType::kI64: return 8;
  }
  return 1;
}

QuantScheme parse_quantization_config(const json& qc, std::vector<std::string>* errors) {
  QuantScheme s;
  if (qc.is_null()) return s;
  if (!qc.is_object()) {
    errors->push_back("quantization_config is " + describe_json(qc) + ", expected an object");
    return s;
  }
  const std::string method = lower(read_string(qc, "quant_method", "quantization_config.", errors));
  if (method.empty()) {
    if (errors->empty()) errors->push_back("quantization_config.quant_method is missing");
    return s;
  }
  read_list(qc, "modules_to_not_convert", &s.skip, errors);
  if (method == "mxfp4") {
    s.method = QuantMethod::kMxfp4;
    s.bits = 4;
    s.label = "MXFP4 experts (e2m1 codes, one e8m0 scale per 32), the rest unquantized";
  } else if (method == "fp8") {
    s.method = QuantMethod::kFp8;
    parse_fp8(qc, &s, errors);
  } else if (method == "gptq") {
    s.method = QuantMethod::kGptq;
    parse_gptq(qc, &s, errors);
  } else if (method == "awq") {
    s.method = QuantMethod::kAwq;
    parse_awq(qc, &s, errors);
  } else if (method == "bitsandbytes") {
    parse_bnb(qc, &s, errors);
  } else if (method == "compressed-tensors") {
    s.method = QuantMethod::kCompressed;
    parse_compressed(qc, &s, errors);
  } else {
    errors->push_back("quantization_config.quant_method \"" + method.substr(0, 40) +
                      "\" is not one of mxfp4, fp8, gptq, awq, bitsandbytes, compressed-tensors; its stored layout "
                      "is not known here");
  }
  return s;
}

CheckpointFormat checkpoint_format(const json& root) {
  CheckpointFormat f;
  const json& config = root.is_object() && root.contains("config") && root["config"].is_object() ? root["config"] : root;
  if (!config.is_object()) {
    f.dtype_source = "no config: bf16 assumed";
    return f;
  }
  if (config.contains("quantization_config"))
    f.scheme = parse_quantization_config(config["quantization_config"], &f.errors);
  const json* holder = &config;
  const char* key = nullptr;
  for (const char* k : {"torch_dtype", "dtype"})
    if (!key && config.contains(k) && config[k].is_string()) key = k;
  if (!key && config.contains("text_config") && config["text_config"].is_object()) {
    for (const char* k : {"torch_dtype", "dtype"})
      if (!key && config["text_config"].contains(k) && config["text_config"][k].is_string()) {
        key = k;
        holder = &config["text_config"];
      }
  }
  if (!key) {
    f.dtype_source = "torch_dtype absent: bf16 assumed";
    return f;
  }
  const std::string v = lower((*holder)[key].get<std::string>());
  const std::string where = std::string(holder == &config ? "" : "text_config.") + key;
  if (v == "bfloat16" || v == "bf16") f.dtype = StoreType::kBf16;
  else if (v == "float16" || v == "fp16" || v == "half") f.dtype = StoreType::kF16;
  else if (v == "float32" || v == "fp32" || v == "float") f.dtype = StoreType::kF32;
  else {
    f.errors.push_back(where + " \"" + v.substr(0, 20) + "\" is not bfloat16, float16 or float32");
    return f;
  }
  f.dtype_source = where + ": " + v;
  return f;
}

CheckpointFormat checkpoint_format_of_text(std::string_view text) {
  std::string_view t = text;
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
  if (!t.empty() && t.front() != '{' && !preset_text(t).empty()) t = preset_text(t);
  json j;
  std::string error;
  if (!parse_json_guarded(t, &j, &error)) {
    CheckpointFormat f;
    f.dtype_source = "bf16 assumed";
    return f;
  }
  return checkpoint_format(j);
}

std::vector<std::int64_t> layer_values(const std::string& layers) {
  std::vector<std::int64_t> out;
  std::size_t i = 0;
  while (i < layers.size()) {
    std::size_t j = layers.find(',', i);
    if (j == std::string::npos) j = layers.size();
    const std::string part = layers.substr(i, j - i);
    const std::size_t dash = part.find('-');
    const std::int64_t a = std::stoll(part.substr(0, dash));
    const std::int64_t b = dash == std::string::npos ? a : std::stoll(part.substr(dash + 1));
    for (std::int64_t k = a; k <= b; ++k) out.push_back(k);
    i = j + 1;
  }
  return out;
}

bool module_listed(const std::string& path, const std::vector<std::string>& list) {
  for (const std::string& key : list) {
    if (key.empty()) continue;
    if (key.rfind("re:", 0) == 0 || key.find('*') != std::string::npos) {
      if (pattern_match(key.rfind("re:", 0) == 0 ? key.substr(3) : key, path)) return true;
      continue;
    }
    // Whole dotted components: "gate" matches "model.layers.0.mlp.gate" but not "...gate_proj".
    for (std::size_t p = path.find(key); p != std::string::npos; p = path.find(key, p + 1)) {
      const bool start = p == 0 || path[p - 1] == '.';
      const bool end = p + key.size() == path.size() || path[p + key.size()] == '.';
      if (start && end) return true;
    }
  }
  return false;
}

StorageReport storage_report(const ParamCount& pc, const CheckpointFormat& format) {
  StorageReport r;
  r.format = format;
  const QuantScheme& q = format.scheme;
  Checked c;
  r.parameters = pc.total;
  I64 extra_params = 0;

  auto add_group = [&](const TensorGroup& t, bool extra) {
    const bool cand = candidate(t, q);
    const std::vector<I64> layers = t.layers.empty() ? std::vector<I64>{-1} : layer_values(t.layers);
    const I64 per_layer = t.experts > 0 ? t.experts : 1;
    const bool fused = fused_experts(t);
    // Decide layer by layer (a skip list may name one layer); consecutive layers with one decision share a row.
    std::size_t i = 0;
    while (i < layers.size()) {
      auto decide = [&](I64 layer) {
        if (!cand) return false;
        std::string name = layer >= 0 ? replace_all(t.name, "{i}", std::to_string(layer)) : t.name;
        name = replace_all(name, "{e}", "0");
        return !module_listed(module_of(name, fused), q.skip);
      };
      const bool quantized = decide(layers[i]);
      std::size_t j = i;
      while (j + 1 < layers.size() && layers[j + 1] == layers[j] + 1 && decide(layers[j + 1]) == quantized) ++j;
      TensorStorage row;
      row.name = t.name;
      if (layers[i] >= 0) row.layers = std::to_string(layers[i]) + (j > i ? "-" + std::to_string(layers[j]) : "");
      row.repeat = c.mul(static_cast<I64>(j - i + 1), per_layer, t.name);
      row.params = c.mul(t.each, row.repeat, t.name);
      row.quantized = quantized;
      row.extra = extra;
      row.stored = quantized ? quantized_layout(t, q, format.dtype, c)
                             : std::vector<StoredTensor>{part(t.name, t.shape, plain_type(t, format.dtype), c)};
      for (const StoredTensor& s : row.stored) {
        row.elements = c.add(row.elements, c.mul(s.elements, row.repeat, s.name), s.name);
        row.bytes = c.add(row.bytes, c.mul(s.bytes, row.repeat, s.name), s.name);
      }
      if (quantized) {
        r.quantized_params = c.add(r.quantized_params, row.params, t.name);
        const I64 codes = c.mul(row.stored.front().elements, row.repeat, t.name);
        r.quantized_elements = c.add(r.quantized_elements, codes, t.name);
        r.aux_elements = c.add(r.aux_elements, row.elements - codes, t.name);
      }
      r.elements = c.add(r.elements, row.elements, t.name);
      r.bytes = c.add(r.bytes, row.bytes, t.name);
      if (!extra) r.main_bytes = c.add(r.main_bytes, row.bytes, t.name);
      else extra_params = c.add(extra_params, row.params, t.name);
      r.tensors.push_back(std::move(row));
      i = j + 1;
    }
  };
  for (const TensorGroup& t : pc.tensors) add_group(t, false);
  for (const ExtraModule& m : pc.extra)
    for (const TensorGroup& t : m.tensors) add_group(t, true);
  r.parameters_stored = c.add(r.parameters, extra_params, "the total with extra modules");
  r.overflow = c.overflow;
  if (!r.overflow.empty()) return r;

  // Why the three numbers differ, from the parts that make the difference.
  const std::string dtype = store_type_name(format.dtype);
  std::string why;
  if (q.method == QuantMethod::kNone) {
    why = "Unquantized: every parameter is one stored element";
    const bool mixed = std::any_of(r.tensors.begin(), r.tensors.end(), [&](const TensorStorage& t) {
      return t.stored.front().type != format.dtype;
    });
    why += mixed ? ", mostly " + dtype : " of " + dtype + " (" + std::to_string(store_type_bytes(format.dtype)) + " bytes)";
  } else if (r.quantized_params == 0) {
    why = "quantization_config names " + q.label + ", but no tensor of this model is quantized by it";
  } else {
    const double per = static_cast<double>(r.quantized_params) / static_cast<double>(r.quantized_elements);
    char ratio[32];
    std::snprintf(ratio, sizeof ratio, "%g", std::round(per * 100) / 100);
    std::string holder;
    for (const TensorStorage& t : r.tensors)
      if (t.quantized) { holder = store_type_name(t.stored.front().type); break; }
    why = short_count(r.quantized_params) + " weights are quantized (" + q.label + ") and held " +
          (per > 1.001 ? std::string(ratio) + " to an element of " + holder : "one per element of " + holder) +
          " (" + short_count(r.quantized_elements) + " elements); " + short_count(r.aux_elements) +
          " scales, zero points and indices are added; the other " +
          short_count(r.parameters_stored - r.quantized_params) + " parameters stay " + dtype;
  }
  if (extra_params > 0)
    why += ". The checkpoint also stores " + short_count(extra_params) + " parameters of " +
           (pc.extra.size() == 1 ? "the " + pc.extra.front().name + " module" : "extra modules") +
           ", outside the headline count";
  char bits[32];
  std::snprintf(bits, sizeof bits, "%.2f", 8.0 * static_cast<double>(r.bytes) / static_cast<double>(std::max<I64>(1, r.parameters_stored)));
  why += ". Bytes: " + format_bytes(static_cast<double>(r.bytes)) + ", " + bits + " bits per stored parameter.";
  r.why = why;

  r.notes.push_back("unquantized tensors: " + format.dtype_source);
  if (q.method == QuantMethod::kBnb4)
    r.notes.push_back("each 4-bit weight also stores quant_state.bitsandbytes__* (a packed JSON of a few hundred "
                      "bytes), not counted");
  if (q.method == QuantMethod::kGptq)
    r.notes.push_back("GPTQ writes qzeros and g_idx for every quantized layer, desc_act or not");
  if (!q.skip.empty()) {
    std::string list;
    for (const std::string& s : q.skip) list += (list.empty() ? "" : ", ") + s;
    r.notes.push_back("kept unquantized as listed: " + list);
    for (const std::string& s : q.skip)
      if ((s.rfind("re:", 0) == 0 || s.find('*') != std::string::npos) && s.find_first_of("()[]{}|+?") != std::string::npos)
        r.notes.push_back("\"" + s + "\" uses regular-expression syntax beyond . * ^ $ and was matched against nothing");
  }
  return r;
}

}  // namespace lpp::llm

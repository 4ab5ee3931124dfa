// The estimate formulas of estimates.hpp, one function each, with the formula text built next to the arithmetic
// so the two cannot drift apart. Legend: see estimates.hpp.
#include "llm/estimates.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "embedded_file.hpp"
#include "llm/json_guard.hpp"

namespace lpp::accelerators_data {
extern const lpp::EmbeddedFile kFiles[];
extern const std::size_t kFileCount;
}  // namespace lpp::accelerators_data

namespace lpp::llm {
namespace {

using I64 = std::int64_t;

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

// 1.23e+25 for huge values, plain digits for small ones.
std::string format_number(double v) {
  if (std::fabs(v) >= 1e15) return fmt("%.3g", v);
  if (v == std::floor(v)) return format_count(static_cast<I64>(v));
  return fmt("%.3g", v);
}

std::string format_duration(double s) {
  if (s < 120) return fmt("%.3g s", s);
  if (s < 2 * 3600) return fmt("%.3g min", s / 60);
  if (s < 2 * 86400) return fmt("%.3g h", s / 3600);
  if (s < 2 * 365.25 * 86400) return fmt("%.3g days", s / 86400);
  return fmt("%.3g years", s / (365.25 * 86400));
}

// Of the layers that attend (hybrids' Mamba and Gated DeltaNet layers keep a fixed-size state instead of a KV
// cache), those attending all T tokens and those capped at the window.
struct Span { I64 full_layers; I64 window_layers; double window_tokens; };
Span attention_span(const Architecture& a, I64 context) {
  const I64 attending = attention_layer_count(a);
  const I64 swa = a.sliding_window > 0 ? std::min(a.sliding_window_layers, attending) : 0;
  const double capped = a.sliding_window > 0 ? std::min<double>(context, a.sliding_window) : context;
  return {attending - swa, swa, capped};
}

}  // namespace

const char* dtype_name(DType d) {
  switch (d) {
    case DType::kFp32: return "fp32";
    case DType::kBf16: return "bf16";
    case DType::kFp16: return "fp16";
    case DType::kFp8: return "fp8";
    case DType::kInt8: return "int8";
    case DType::kInt4: return "int4";
  }
  return "?";
}

bool parse_dtype(std::string_view t, DType* out) {
  const std::pair<std::string_view, DType> names[] = {
      {"fp32", DType::kFp32}, {"float32", DType::kFp32}, {"bf16", DType::kBf16}, {"bfloat16", DType::kBf16},
      {"fp16", DType::kFp16}, {"float16", DType::kFp16}, {"fp8", DType::kFp8},   {"int8", DType::kInt8},
      {"int4", DType::kInt4}};
  for (const auto& [n, d] : names)
    if (t == n) { *out = d; return true; }
  return false;
}

double dtype_bits(DType d) {
  switch (d) {
    case DType::kFp32: return 32;
    case DType::kBf16: case DType::kFp16: return 16;
    case DType::kFp8: case DType::kInt8: return 8;
    case DType::kInt4: return 4;
  }
  return 0;
}

std::string format_count(I64 n) {
  const bool neg = n < 0;
  std::string digits = std::to_string(n);
  if (neg) digits.erase(0, 1);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return neg ? "-" + out : out;
}

std::string format_bytes(double b) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
  int u = 0;
  while (std::fabs(b) >= 1000 && u < 6) { b /= 1000; ++u; }
  return u == 0 ? fmt("%.0f B", b) : fmt("%.2f ", b) + units[u];
}

Estimate weight_bytes(I64 params, DType dtype, I64 group_size) {
  Estimate e;
  e.unit = "B";
  const double n = static_cast<double>(params);
  const double bits = dtype_bits(dtype);
  const bool grouped = group_size > 0 && (dtype == DType::kInt8 || dtype == DType::kInt4);
  if (grouped) {
    // one fp16 scale per group of g weights: b = bits/8 + 2/g
    e.value = n * bits / 8 + std::ceil(n / static_cast<double>(group_size)) * 2;
    e.formula = "N · " + fmt("%g", bits) + "/8 + ⌈N/g⌉ · 2 = " + format_count(params) + " · " + fmt("%g", bits / 8) +
                " B + ⌈" + format_count(params) + "/" + format_count(group_size) + "⌉ · 2 B = " + format_bytes(e.value);
  } else {
    e.value = n * bits / 8;
    e.formula = "N · b = " + format_count(params) + " · " + fmt("%g", bits / 8) + " B (" + dtype_name(dtype) +
                ") = " + format_bytes(e.value);
  }
  return e;
}

KvCache kv_cache(const Architecture& a, const KvCacheOptions& o) {
  KvCache kv;
  const double b = dtype_bits(o.dtype) / 8;
  double per_layer = 0;  // values per layer and token
  std::string symbols, values;
  if (a.attention == AttentionKind::kMla) {
    per_layer = static_cast<double>(a.kv_lora_rank) + static_cast<double>(a.qk_rope_head_dim);
    symbols = "(d_c + d_rope)";
    values = "(" + format_count(a.kv_lora_rank) + " + " + format_count(a.qk_rope_head_dim) + ")";
  } else {
    per_layer = 2.0 * static_cast<double>(a.num_kv_heads) * static_cast<double>(a.head_dim);
    symbols = "2 · K · Dh";
    values = "2 · " + format_count(a.num_kv_heads) + " · " + format_count(a.head_dim);
  }
  const I64 attending = attention_layer_count(a);
  const bool hybrid = attending != a.num_layers;
  const std::string L = hybrid ? "L_attn" : "L";
  const std::string others = hybrid ? " (attention layers only: the other " +
                                          format_count(a.num_layers - attending) + " keep a fixed-size state)"
                                    : "";
  kv.per_token.unit = kv.total.unit = "B";
  kv.per_token.value = static_cast<double>(attending) * per_layer * b;
  kv.per_token.formula = L + " · " + symbols + " · b = " + format_count(attending) + " · " + values + " · " +
                         fmt("%g", b) + " B = " + format_bytes(kv.per_token.value) + " per token" + others;
  const Span s = attention_span(a, o.context);
  const double tokens_layers = static_cast<double>(s.full_layers) * static_cast<double>(o.context) +
                               static_cast<double>(s.window_layers) * s.window_tokens;
  kv.total.value = static_cast<double>(o.batch) * tokens_layers * per_layer * b;
  std::string span = s.window_layers > 0
                         ? "(" + format_count(s.full_layers) + " · " + format_count(o.context) + " + " +
                               format_count(s.window_layers) + " · min(" + format_count(o.context) + ", " +
                               format_count(a.sliding_window) + "))"
                         : format_count(attending) + " · " + format_count(o.context);
  kv.total.formula = std::string("B · ") + (s.window_layers > 0 ? "(L_full · T + L_window · min(T, W))" : L + " · T") +
                     " · bytes per layer and token = " + format_count(o.batch) + " · " + span + " · " +
                     format_bytes(per_layer * b) + " = " + format_bytes(kv.total.value) + others;
  return kv;
}

TrainingMemory training_memory(I64 params, bool mixed) {
  TrainingMemory m;
  const double n = static_cast<double>(params);
  auto part = [&](const char* what, double bytes_per) {
    Estimate e;
    e.unit = "B";
    e.value = n * bytes_per;
    e.formula = std::string(what) + " = N · " + fmt("%g", bytes_per) + " B = " + format_count(params) + " · " +
                fmt("%g", bytes_per) + " B = " + format_bytes(e.value);
    return e;
  };
  m.weights = part(mixed ? "weights (bf16)" : "weights (fp32)", mixed ? 2 : 4);
  m.gradients = part(mixed ? "gradients (bf16)" : "gradients (fp32)", mixed ? 2 : 4);
  m.master_weights = part("fp32 master weights", mixed ? 4 : 0);
  m.optimizer = part("Adam m and v (fp32)", 8);
  m.total.unit = "B";
  m.total.value = m.weights.value + m.gradients.value + m.master_weights.value + m.optimizer.value;
  m.total.formula = std::string("N · (") + (mixed ? "2 + 2 + 4 + 8" : "4 + 4 + 0 + 8") + ") B = " +
                    format_count(params) + " · 16 B = " + format_bytes(m.total.value) +
                    " (without activations)";
  return m;
}

Estimate flops_per_token(const Architecture& a, I64 active, I64 context) {
  Estimate e;
  e.unit = "FLOP";
  const bool mla = a.attention == AttentionKind::kMla;
  const double dqk = mla ? static_cast<double>(a.qk_nope_head_dim) + static_cast<double>(a.qk_rope_head_dim)
                         : static_cast<double>(a.head_dim);
  const double dv = static_cast<double>(mla ? a.v_head_dim : a.head_dim);
  const Span s = attention_span(a, context);
  const double attended = static_cast<double>(s.full_layers) * static_cast<double>(context) +
                          static_cast<double>(s.window_layers) * s.window_tokens;
  const double dense = 2.0 * static_cast<double>(active);
  const double attention = 2.0 * static_cast<double>(a.num_heads) * (dqk + dv) * attended;
  e.value = dense + attention;
  e.formula = "2 · N_active + 2 · H · (Dqk + Dv) · Σ_layers T_attended = 2 · " + format_count(active) + " + 2 · " +
              format_count(a.num_heads) + " · (" + format_number(dqk) + " + " + format_number(dv) + ") · " +
              format_number(attended) + " = " + format_number(e.value) + " FLOP";
  return e;
}

Estimate training_flops(I64 active, double tokens) {
  Estimate e;
  e.unit = "FLOP";
  e.value = 6.0 * static_cast<double>(active) * tokens;
  e.formula = "6 · N_active · D = 6 · " + format_count(active) + " · " + format_number(tokens) + " = " +
              format_number(e.value) + " FLOP";
  return e;
}

RunCost run_cost(double flops, const Accelerator& acc, double utilisation, I64 count) {
  RunCost r;
  r.seconds.unit = "s";
  r.energy.unit = "kWh";
  const double rate = static_cast<double>(count) * acc.bf16_tflops * 1e12 * utilisation;
  r.seconds.value = rate > 0 ? flops / rate : 0;
  r.seconds.formula = "C / (n · peak · u) = " + format_number(flops) + " / (" + format_count(count) + " · " +
                      fmt("%g", acc.bf16_tflops) + "e12 · " + fmt("%g", utilisation) + ") = " +
                      format_number(r.seconds.value) + " s ≈ " + format_duration(r.seconds.value) + " on " + acc.name;
  r.energy.value = r.seconds.value * static_cast<double>(count) * acc.watts / 3.6e6;
  r.energy.formula = "t · n · P = " + format_number(r.seconds.value) + " s · " + format_count(count) + " · " +
                     fmt("%g", acc.watts) + " W = " + fmt("%.4g", r.energy.value) + " kWh";
  return r;
}

std::vector<Accelerator> parse_accelerators(std::string_view text, std::vector<std::string>* errors) {
  std::vector<Accelerator> out;
  nlohmann::json j;
  std::string error;
  if (!parse_json_guarded(text, &j, &error)) {
    errors->push_back(error);
    return out;
  }
  if (!j.is_object() || !j.contains("accelerators") || !j["accelerators"].is_array()) {
    errors->push_back("expected {\"accelerators\": [...]}");
    return out;
  }
  for (const nlohmann::json& e : j["accelerators"]) {
    const std::string where = "accelerators[" + std::to_string(out.size()) + "]";
    if (!e.is_object()) { errors->push_back(where + " must be an object"); continue; }
    Accelerator a;
    auto str = [&](const char* k, std::string* dst) {
      if (e.contains(k) && e[k].is_string()) *dst = e[k].get<std::string>();
      else errors->push_back(where + "." + k + " must be a string");
    };
    auto num = [&](const char* k, double* dst) {
      if (e.contains(k) && e[k].is_number() && e[k].get<double>() > 0) *dst = e[k].get<double>();
      else errors->push_back(where + "." + k + " must be a positive number");
    };
    str("id", &a.id);
    str("name", &a.name);
    num("bf16_tflops", &a.bf16_tflops);
    num("watts", &a.watts);
    num("memory_gb", &a.memory_gb);
    auto optional = [&](const char* k, double* dst) {
      if (!e.contains(k)) return;
      if (e[k].is_number() && e[k].get<double>() >= 0) *dst = e[k].get<double>();
      else errors->push_back(where + "." + k + " must be a number >= 0");
    };
    optional("bandwidth_tbs", &a.bandwidth_tbs);
    optional("fp8_tflops", &a.fp8_tflops);
    if (e.contains("source") && e["source"].is_string()) a.source = e["source"].get<std::string>();
    out.push_back(a);
  }
  return out;
}

const std::vector<Accelerator>& default_accelerators() {
  static const std::vector<Accelerator> kTable = [] {
    std::vector<std::string> errors;
    std::vector<Accelerator> t;
    for (std::size_t i = 0; i < accelerators_data::kFileCount; ++i)
      for (Accelerator& a : parse_accelerators(accelerators_data::kFiles[i].text(), &errors)) t.push_back(a);
    return t;
  }();
  return kTable;
}

}  // namespace lpp::llm

// The cache, placement, fit and throughput formulas of deploy.hpp, each figure's formula text built beside its
// arithmetic. Engine rules follow the engines' own sources: vLLM's vllm/v1/kv_cache_interface.py (page sizes,
// FullAttentionSpec, SlidingWindowSpec, MambaSpec) and mamba_utils.py (state shapes), llama.cpp's
// src/llama-kv-cache-iswa.cpp (the SWA cache size). Legend: see deploy.hpp.
// [SECTION] helpers  [SECTION] caches  [SECTION] placement  [SECTION] fit  [SECTION] throughput
#include "llm/deploy.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lpp::llm {
namespace {

using I64 = std::int64_t;

// [SECTION] helpers

std::string g(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
std::string n(I64 v) { return format_count(v); }
I64 cdiv(I64 a, I64 b) { return (a + b - 1) / b; }
I64 pad(I64 a, I64 b) { return cdiv(a, b) * b; }

double dtype_bytes(DType d) { return dtype_bits(d) / 8; }

// Attention layers split into full, sliding and (cross-layer) shared ones; shared layers come off the full
// layers first, then the sliding ones.
struct Layers { I64 full; I64 window; I64 shared; };
Layers attention_layers(const Architecture& a, I64 shared_kv) {
  const I64 attending = attention_layer_count(a);
  I64 window = a.sliding_window > 0 ? std::min(a.sliding_window_layers, attending) : 0;
  I64 full = attending - window;
  const I64 shared = std::min(std::max<I64>(shared_kv, 0), attending);
  const I64 from_full = std::min(shared, full);
  full -= from_full;
  window -= shared - from_full;
  return {full, window, shared};
}

// Tokens one layer reserves for one sequence under an engine: full layers, sliding layers.
struct Reserved { I64 full; I64 window; std::string full_rule; std::string window_rule; };
Reserved reserved_tokens(const Architecture& a, const CacheOptions& o) {
  const I64 T = o.context, W = a.sliding_window, S = o.block_size;
  Reserved r;
  switch (o.engine) {
    case KvEngine::kExact:
      r.full = T;
      r.window = std::min(T, W);
      r.full_rule = "T = " + n(T);
      r.window_rule = "min(T, W) = min(" + n(T) + ", " + n(W) + ") = " + n(r.window);
      break;
    case KvEngine::kPagedFull:
      r.full = r.window = cdiv(T, S) * S;
      r.full_rule = "ceil(T / S) · S = ceil(" + n(T) + " / " + n(S) + ") · " + n(S) + " = " + n(r.full);
      r.window_rule = r.full_rule + " (full-length pages: the window is not used to free memory)";
      break;
    case KvEngine::kPagedWindow: {
      r.full = cdiv(T, S) * S;
      r.full_rule = "ceil(T / S) · S = ceil(" + n(T) + " / " + n(S) + ") · " + n(S) + " = " + n(r.full);
      // SlidingWindowSpec: the last W - 1 tokens plus one scheduled chunk, one extra page for a window that
      // does not start on a page boundary.
      const I64 held = std::min(W - 1 + o.max_batched_tokens, T);
      r.window = (cdiv(held, S) + 1) * S;
      r.window_rule = "(ceil(min(W - 1 + chunk, T) / S) + 1) · S = (ceil(min(" + n(W) + " - 1 + " +
                      n(o.max_batched_tokens) + ", " + n(T) + ") / " + n(S) + ") + 1) · " + n(S) + " = " +
                      n(r.window);
      break;
    }
    case KvEngine::kLlamaCpp: {
      r.full = pad(T, 256);
      r.full_rule = "pad(T, 256) = pad(" + n(T) + ", 256) = " + n(r.full);
      // llama-kv-cache-iswa.cpp: size_swa = GGML_PAD(min(size_base, n_swa + n_ubatch), 256) for one sequence.
      r.window = pad(std::min(r.full, W + o.ubatch), 256);
      r.window_rule = "pad(min(pad(T, 256), W + n_ubatch), 256) = pad(min(" + n(r.full) + ", " + n(W) + " + " +
                      n(o.ubatch) + "), 256) = " + n(r.window);
      break;
    }
  }
  return r;
}

// Values one attention layer caches per token on one rank, and the symbols.
struct PerToken { double values; std::string symbols; std::string filled; I64 kv_heads; };
PerToken attention_values(const Architecture& a, I64 tp) {
  if (a.attention == AttentionKind::kMla)
    return {static_cast<double>(a.kv_lora_rank + a.qk_rope_head_dim), "(d_c + d_rope)",
            "(" + n(a.kv_lora_rank) + " + " + n(a.qk_rope_head_dim) + ")", 1};
  const I64 kr = std::max<I64>(1, a.num_kv_heads / tp);
  return {2.0 * static_cast<double>(kr) * static_cast<double>(a.head_dim), "2 · Kr · Dh",
          "2 · " + n(kr) + " · " + n(a.head_dim), kr};
}

// Fixed state of one Mamba or Gated DeltaNet layer for one sequence on one rank (vLLM mamba_utils.py shapes).
struct State { double bytes; std::string formula; };
State mixer_state(const Architecture& a, char mixer, const CacheOptions& o) {
  const double cb = dtype_bytes(o.conv_state_dtype), sb = dtype_bytes(o.ssm_state_dtype);
  const I64 t = o.tp;
  const std::string bytes = " · " + g(cb) + " B + ";
  if (mixer == kMixLinearAttention) {
    // gated_delta_net_state_shape: conv (2·Hk·Dk + Hv·Dv) / t × (Kc - 1); temporal Hv / t × Dk × Dv.
    const I64 conv_dim = 2 * a.linear_key_heads * a.linear_key_head_dim + a.linear_value_heads * a.linear_value_head_dim;
    const double conv = static_cast<double>(conv_dim / t) * static_cast<double>(a.linear_conv_kernel - 1);
    const double ssm = static_cast<double>(a.linear_value_heads / t) * static_cast<double>(a.linear_key_head_dim) *
                       static_cast<double>(a.linear_value_head_dim);
    return {conv * cb + ssm * sb, "(2·Hk·Dk + Hv·Dv)/t · (Kc − 1) · b_conv + Hv/t · Dk · Dv · b_ssm = " +
                                      n(conv_dim / t) + " · " + n(a.linear_conv_kernel - 1) + bytes +
                                      n(a.linear_value_heads / t) + " · " + n(a.linear_key_head_dim) + " · " +
                                      n(a.linear_value_head_dim) + " · " + g(sb) + " B"};
  }
  if (a.ssm_version == 1) {
    // mamba1_state_shape: conv Di / t × (Kc - 1); temporal Di / t × N.
    const double conv = static_cast<double>(a.ssm_inner / t) * static_cast<double>(a.ssm_conv_kernel - 1);
    const double ssm = static_cast<double>(a.ssm_inner / t) * static_cast<double>(a.ssm_state);
    return {conv * cb + ssm * sb, "Di/t · (Kc − 1) · b_conv + Di/t · N · b_ssm = " + n(a.ssm_inner / t) + " · " +
                                      n(a.ssm_conv_kernel - 1) + bytes + n(a.ssm_inner / t) + " · " +
                                      n(a.ssm_state) + " · " + g(sb) + " B"};
  }
  // mamba2_state_shape: conv (Di + 2·G·N) / t × (Kc - 1); temporal Hs / t × (Di / Hs) × N.
  const I64 conv_dim = a.ssm_inner + 2 * a.ssm_groups * a.ssm_state;
  const double conv = static_cast<double>(conv_dim / t) * static_cast<double>(a.ssm_conv_kernel - 1);
  const double ssm = static_cast<double>(a.ssm_inner / t) * static_cast<double>(a.ssm_state);
  return {conv * cb + ssm * sb, "(Di + 2·G·N)/t · (Kc − 1) · b_conv + Di/t · N · b_ssm = " + n(conv_dim / t) +
                                    " · " + n(a.ssm_conv_kernel - 1) + bytes + n(a.ssm_inner / t) + " · " +
                                    n(a.ssm_state) + " · " + g(sb) + " B"};
}

}  // namespace

Estimate bytes_estimate(double value, std::string formula) {
  Estimate e;
  e.value = value;
  e.unit = "B";
  e.formula = std::move(formula);
  return e;
}

// [SECTION] caches

const char* kv_dtype_name(KvDType d) {
  switch (d) {
    case KvDType::kFp32: return "fp32";
    case KvDType::kBf16: return "bf16";
    case KvDType::kFp16: return "fp16";
    case KvDType::kFp8: return "fp8";
    case KvDType::kQ8_0: return "q8_0";
    case KvDType::kQ4_0: return "q4_0";
  }
  return "?";
}

bool parse_kv_dtype(std::string_view t, KvDType* out) {
  for (KvDType d : {KvDType::kFp32, KvDType::kBf16, KvDType::kFp16, KvDType::kFp8, KvDType::kQ8_0, KvDType::kQ4_0})
    if (t == kv_dtype_name(d)) { *out = d; return true; }
  return false;
}

double kv_dtype_bytes(KvDType d) {
  switch (d) {
    case KvDType::kFp32: return 4;
    case KvDType::kBf16: case KvDType::kFp16: return 2;
    case KvDType::kFp8: return 1;
    case KvDType::kQ8_0: return 34.0 / 32;  // block_q8_0: fp16 d + 32 × int8
    case KvDType::kQ4_0: return 18.0 / 32;  // block_q4_0: fp16 d + 16 bytes of 32 nibbles
  }
  return 0;
}

const char* kv_engine_name(KvEngine e) {
  switch (e) {
    case KvEngine::kExact: return "exact";
    case KvEngine::kPagedFull: return "paged-full";
    case KvEngine::kPagedWindow: return "paged-window";
    case KvEngine::kLlamaCpp: return "llama.cpp";
  }
  return "?";
}

bool parse_kv_engine(std::string_view t, KvEngine* out) {
  for (KvEngine e : {KvEngine::kExact, KvEngine::kPagedFull, KvEngine::kPagedWindow, KvEngine::kLlamaCpp})
    if (t == kv_engine_name(e)) { *out = e; return true; }
  return false;
}

SequenceCache sequence_cache(const Architecture& a, const CacheOptions& o) {
  SequenceCache c;
  const PerToken v = attention_values(a, o.tp);
  c.kv_heads_per_rank = v.kv_heads;
  const double b = kv_dtype_bytes(o.dtype);
  const double layer_token = v.values * b;  // bytes per layer and token
  const Layers L = attention_layers(a, o.shared_kv_layers);
  const Reserved r = reserved_tokens(a, o);
  const std::string per_layer = v.symbols + " · b = " + v.filled + " · " + g(b) + " B (" + kv_dtype_name(o.dtype) +
                                ") = " + g(layer_token) + " B";

  c.full_attention = bytes_estimate(
      static_cast<double>(L.full) * static_cast<double>(r.full) * layer_token,
      "L_full · tokens · " + v.symbols + " · b = " + n(L.full) + " · " + n(r.full) + " · " + g(layer_token) +
          " B = " + format_bytes(static_cast<double>(L.full) * static_cast<double>(r.full) * layer_token) +
          " (tokens: " + r.full_rule + "; per layer and token " + per_layer + ")");
  const double window = static_cast<double>(L.window) * static_cast<double>(r.window) * layer_token;
  c.window = bytes_estimate(window, "L_window · tokens · " + v.symbols + " · b = " + n(L.window) + " · " +
                                        n(r.window) + " · " + g(layer_token) + " B = " + format_bytes(window) +
                                        " (" + kv_engine_name(o.engine) + ": " + r.window_rule + ")");
  const I64 exact_tokens = std::min(o.context, a.sliding_window);
  const double exact = static_cast<double>(L.window) * static_cast<double>(exact_tokens) * layer_token;
  c.window_exact = bytes_estimate(exact, "L_window · min(T, W) · " + v.symbols + " · b = " + n(L.window) + " · " +
                                             n(exact_tokens) + " · " + g(layer_token) + " B = " +
                                             format_bytes(exact) + " (the lower bound)");

  double states = 0;
  std::string state_terms;
  for (char kind : {kMixLinearAttention, kMixSsm, kMixParallel}) {
    const I64 count = a.mixers.empty() ? 0 : static_cast<I64>(std::count(a.mixers.begin(), a.mixers.end(), kind));
    if (count == 0) continue;
    const State s = mixer_state(a, kind, o);
    states += static_cast<double>(count) * s.bytes;
    state_terms += (state_terms.empty() ? "" : "; ") + n(count) + (kind == kMixLinearAttention ? " Gated DeltaNet" :
                   kind == kMixSsm ? " Mamba" : " parallel Mamba") + " layers · (" + s.formula + ") = " +
                   n(count) + " · " + g(s.bytes) + " B";
  }
  c.states = bytes_estimate(states, state_terms.empty() ? "no recurrent layers: 0 B"
                                                        : state_terms + " = " + format_bytes(states) +
                                                              " per sequence, whatever T");
  const double per_token = static_cast<double>(L.full + L.window) * layer_token;
  c.per_token = bytes_estimate(per_token, "(L_full + L_window) · " + v.symbols + " · b = " + n(L.full + L.window) +
                                              " · " + g(layer_token) + " B = " + format_bytes(per_token) +
                                              " per token");
  c.total = bytes_estimate(c.full_attention.value + c.window.value + c.states.value,
                           "full + window + states = " + format_bytes(c.full_attention.value) + " + " +
                               format_bytes(c.window.value) + " + " + format_bytes(c.states.value) + " = " +
                               format_bytes(c.full_attention.value + c.window.value + c.states.value));
  if (a.attention != AttentionKind::kMla && a.num_kv_heads < o.tp)
    c.notes.push_back("num_key_value_heads (" + n(a.num_kv_heads) + ") < tp (" + n(o.tp) + "): each KV head is " +
                      "replicated on " + n(o.tp / a.num_kv_heads) + " ranks, one head per rank");
  if (a.attention == AttentionKind::kMla && o.tp > 1)
    c.notes.push_back("MLA's compressed latent is not split by heads: every tensor-parallel rank holds all of it");
  if (L.shared > 0)
    c.notes.push_back(n(L.shared) + " attention layers reuse an earlier layer's KV and add no cache");
  return c;
}

// [SECTION] placement

std::vector<std::string> validate_parallelism(const Architecture& a, const Parallelism& p) {
  std::vector<std::string> e;
  if (p.tp < 1 || p.pp < 1 || p.ep < 1) {
    e.push_back("tp, pp and ep must be positive (got " + n(p.tp) + ", " + n(p.pp) + ", " + n(p.ep) + ")");
    return e;
  }
  const bool attends = attention_layer_count(a) > 0;
  if (attends && a.num_heads > 0 && a.num_heads % p.tp != 0)
    e.push_back("tp (" + n(p.tp) + ") must divide the " + n(a.num_heads) + " attention heads");
  if (attends && a.attention != AttentionKind::kMla && a.num_kv_heads > 0) {
    const I64 k = a.num_kv_heads;
    if (k >= p.tp ? k % p.tp != 0 : p.tp % k != 0)
      e.push_back("tp (" + n(p.tp) + ") and the " + n(k) + " KV heads must divide one another");
  }
  if (p.pp > a.num_layers) e.push_back("pp (" + n(p.pp) + ") exceeds the " + n(a.num_layers) + " layers");
  if (p.ep > 1 && a.num_experts == 0) e.push_back("ep (" + n(p.ep) + ") needs routed experts; this model has none");
  if (p.ep > 1 && a.num_experts > 0 && a.num_experts % p.ep != 0)
    e.push_back("ep (" + n(p.ep) + ") must divide the " + n(a.num_experts) + " routed experts");
  if (p.ep > p.tp)
    e.push_back("ep (" + n(p.ep) + ") cannot exceed tp (" + n(p.tp) + "): experts spread over the tensor-parallel "
                "ranks (data parallelism is not modelled)");
  return e;
}

ComponentBytes component_bytes_at(const ParamCount& pc, double bits) {
  ComponentBytes b{};
  for (int i = 0; i < kComponentCount; ++i) b[i] = static_cast<double>(pc.components[i]) * bits / 8;
  return b;
}

namespace {

double comp(const ComponentBytes& b, Component c) { return b[static_cast<int>(c)]; }

// Bytes of the per-layer components on one rank of one stage (the layers' share ceil(L / p) / L of each).
struct LayerShare { double bytes; std::string formula; };
LayerShare layer_share(const Architecture& a, const ComponentBytes& b, const Parallelism& p, double expert_fraction) {
  const double t = static_cast<double>(p.tp);
  const double e = static_cast<double>(p.ep > 1 ? p.ep : p.tp);
  const double split = (comp(b, Component::kAttention) + comp(b, Component::kMlp) +
                        comp(b, Component::kSharedExperts) + comp(b, Component::kSsm)) / t;
  const double experts = comp(b, Component::kExperts) * expert_fraction / e;
  const double whole = comp(b, Component::kRouter) + comp(b, Component::kNorms);
  const I64 per_stage = cdiv(a.num_layers, p.pp);
  const double share = static_cast<double>(per_stage) / static_cast<double>(a.num_layers);
  LayerShare s;
  s.bytes = share * (split + experts + whole);
  s.formula = "(" + n(per_stage) + "/" + n(a.num_layers) + ") · ((attention + MLP + shared + SSM)/t + experts" +
              (expert_fraction < 1 ? " · f" : "") + "/" + (p.ep > 1 ? "e" : "t") + " + router + norms) = (" +
              n(per_stage) + "/" + n(a.num_layers) + ") · (" + format_bytes(split * t) + "/" + n(p.tp) + " + " +
              format_bytes(comp(b, Component::kExperts)) + (expert_fraction < 1 ? " · " + g(expert_fraction) : "") +
              "/" + g(e) + " + " + format_bytes(whole) + ") = " + format_bytes(s.bytes);
  return s;
}

}  // namespace

DevicePlacement place(const Architecture& a, const ParamCount& pc, const ComponentBytes& b, const Parallelism& p,
                      const CacheOptions& cache, I64 batch) {
  DevicePlacement d;
  d.devices = p.tp * p.pp;
  d.layers_per_stage = cdiv(a.num_layers, p.pp);
  const double t = static_cast<double>(p.tp);
  const LayerShare layers = layer_share(a, b, p, 1.0);
  const double emb = comp(b, Component::kEmbeddings) / t;
  const double head = comp(b, Component::kLmHead) / t;
  // A tied output head on the last of several stages is its own copy of the token table (not of learned
  // positions or projections that the embeddings component also holds).
  const bool tied_copy = a.tie_word_embeddings && p.pp > 1;
  const double emb_params = static_cast<double>(pc.components[static_cast<int>(Component::kEmbeddings)]);
  const double table = static_cast<double>(a.vocab_size) *
                       static_cast<double>(a.embedding_dim > 0 ? a.embedding_dim : a.hidden_size);
  const double last_head = head + (tied_copy && emb_params > 0 ? emb * std::min(1.0, table / emb_params) : 0);
  if (p.pp == 1) {
    const double w = emb + head + layers.bytes;
    d.weights_first = d.weights_last = d.weights = bytes_estimate(
        w, "embeddings/t + lm_head/t + layers = " + format_bytes(emb) + " + " + format_bytes(head) + " + " +
               format_bytes(layers.bytes) + " = " + format_bytes(w) + "; layers " + layers.formula);
  } else {
    d.weights_first = bytes_estimate(emb + layers.bytes, "stage 0: embeddings/t + layers = " + format_bytes(emb) +
                                                             " + " + format_bytes(layers.bytes) + " = " +
                                                             format_bytes(emb + layers.bytes) + "; layers " +
                                                             layers.formula);
    d.weights_last = bytes_estimate(
        last_head + layers.bytes, std::string("stage p−1: lm_head/t") + (tied_copy ? " (its own copy of the tied "
                                  "embedding)" : "") + " + layers = " + format_bytes(last_head) + " + " +
                                  format_bytes(layers.bytes) + " = " + format_bytes(last_head + layers.bytes));
    d.weights = d.weights_first.value >= d.weights_last.value ? d.weights_first : d.weights_last;
  }
  CacheOptions per_rank = cache;
  per_rank.tp = p.tp;
  const SequenceCache c = sequence_cache(a, per_rank);
  const double stage = static_cast<double>(d.layers_per_stage) / static_cast<double>(a.num_layers);
  d.kv_per_sequence = bytes_estimate(stage * c.total.value, "(" + n(d.layers_per_stage) + "/" + n(a.num_layers) +
                                                                ") · " + format_bytes(c.total.value) +
                                                                " per sequence on one rank = " +
                                                                format_bytes(stage * c.total.value));
  const double total = d.weights.value + static_cast<double>(batch) * d.kv_per_sequence.value;
  d.total = bytes_estimate(total, "weights + B · cache = " + format_bytes(d.weights.value) + " + " + n(batch) +
                                      " · " + format_bytes(d.kv_per_sequence.value) + " = " + format_bytes(total));
  d.notes = c.notes;
  if (p.pp > 1) d.notes.push_back("layers spread evenly over stages; each stage's mix of layer kinds taken as average");
  if (p.ep > 1)
    d.notes.push_back("each of " + n(p.ep) + " ranks holds " + n(a.num_experts / p.ep) + " whole experts per layer");
  return d;
}

// [SECTION] fit

Fit fit_budget(const Architecture& a, const ParamCount& pc, const ComponentBytes& b, const Parallelism& p,
               const CacheOptions& cache, I64 batch, double budget) {
  Fit f;
  f.max_context.unit = "tokens";
  f.max_batch.unit = "sequences";
  const DevicePlacement at = place(a, pc, b, p, cache, batch);
  const double free = budget - at.weights.value;
  const std::string head = "budget − weights = " + format_bytes(budget) + " − " + format_bytes(at.weights.value) +
                           " = " + format_bytes(free);
  if (free <= 0) {
    f.max_context.formula = f.max_batch.formula = head + ": the weights alone do not fit";
    return f;
  }
  auto cache_at = [&](I64 context) {
    CacheOptions o = cache;
    o.context = context;
    return place(a, pc, b, p, o, 1).kv_per_sequence.value;
  };
  const double seq = at.kv_per_sequence.value;
  f.max_batch.value = seq > 0 ? std::floor(free / seq) : -1;
  f.max_batch.formula = seq > 0 ? "floor(" + head + " / " + format_bytes(seq) + " per sequence) = " +
                                      g(f.max_batch.value)
                                : head + "; no cache: memory does not bound the batch";
  const double B = static_cast<double>(batch);
  constexpr I64 kCap = I64{1} << 30;
  if (B * cache_at(1) > free) {
    f.max_context.formula = head + ", less than " + n(batch) + " sequences of one token";
  } else if (B * cache_at(kCap) <= free) {
    f.max_context.value = -1;
    f.max_context.formula = head + " holds " + n(batch) + " sequences of " + n(kCap) +
                            " tokens: the cache does not grow with T (fixed states, windows)";
  } else {
    I64 lo = 1, hi = kCap;  // B · cache(lo) fits, B · cache(hi) does not
    while (hi - lo > 1) {
      const I64 mid = lo + (hi - lo) / 2;
      (B * cache_at(mid) <= free ? lo : hi) = mid;
    }
    f.max_context.value = static_cast<double>(lo);
    f.max_context.formula = "largest T with B · cache(T) ≤ " + head + ": B · cache(" + n(lo) + ") = " + n(batch) +
                            " · " + format_bytes(cache_at(lo)) + " (bisection: cache(T) is monotone)";
  }
  return f;
}

// [SECTION] throughput

Throughput throughput(const Architecture& a, const ParamCount& pc, const ComponentBytes& b, const Parallelism& p,
                      const CacheOptions& cache, I64 batch, const Accelerator& acc, double u) {
  Throughput r;
  // Routed experts a batch of B touches, uniform routing: f = 1 − (1 − k/E)^B per layer.
  double f = 1;
  std::string routed;
  if (a.num_experts > 0) {
    const double k = static_cast<double>(a.experts_per_token) / static_cast<double>(a.num_experts);
    f = 1 - std::pow(1 - k, static_cast<double>(batch));
    routed = "; experts read: f = 1 − (1 − k/E)^B = 1 − (1 − " + n(a.experts_per_token) + "/" + n(a.num_experts) +
             ")^" + n(batch) + " = " + g(f);
  }
  const Parallelism one_stage = {p.tp, 1, p.ep};
  const LayerShare layers = layer_share(a, b, one_stage, f);
  const double t = static_cast<double>(p.tp);
  // Decode reads the output matrix whole (the tied embedding serves as it) but only B rows of the input table.
  const double head = (a.tie_word_embeddings ? comp(b, Component::kEmbeddings) : comp(b, Component::kLmHead)) / t;
  CacheOptions per_rank = cache;
  per_rank.tp = p.tp;
  const double kv = sequence_cache(a, per_rank).total.value;
  const double step = layers.bytes + head + static_cast<double>(batch) * kv;
  r.bytes_per_step = bytes_estimate(step, "all stages of one rank: layers + lm_head/t + B · cache = " +
                                              format_bytes(layers.bytes) + " + " + format_bytes(head) + " + " +
                                              n(batch) + " · " + format_bytes(kv) + " = " + format_bytes(step) +
                                              routed);
  const double bw = acc.bandwidth_tbs * 1e12;
  r.decode.unit = "tokens/s";
  r.decode.value = step > 0 ? static_cast<double>(batch) * bw / step : 0;
  r.decode.formula = "B · BW / bytes per step = " + n(batch) + " · " + g(acc.bandwidth_tbs) + " TB/s / " +
                     format_bytes(step) + " = " + g(r.decode.value) + " tokens/s on " + acc.name +
                     " (stages run in turn; compute and communication ignored)";
  const Estimate per_token = flops_per_token(a, pc.active, std::max<I64>(1, cache.context / 2));
  const double rate = static_cast<double>(p.tp * p.pp) * acc.bf16_tflops * 1e12 * u;
  r.prefill.unit = "tokens/s";
  r.prefill.value = per_token.value > 0 ? rate / per_token.value : 0;
  r.prefill.formula = "t · p · peak · u / FLOPs per prompt token (mean position T/2) = " + n(p.tp * p.pp) + " · " +
                      g(acc.bf16_tflops) + "e12 · " + g(u) + " / " + g(per_token.value) + " = " +
                      g(r.prefill.value) + " tokens/s (bf16 peak; every device kept busy)";
  return r;
}

}  // namespace lpp::llm

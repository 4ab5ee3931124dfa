// Builds the tensor inventory of an Architecture, one line per tensor with its shape, and sums it with overflow
// checks. Names follow each family's Hugging Face checkpoint; shapes are [out, in] as nn.Linear stores them.
// Legend: see architecture.hpp.
//
// [SECTION] Checked arithmetic and tensor names
// [SECTION] Layer tensors (attention, MLP, MoE, norms)
// [SECTION] Whole model, totals and extra modules
#include "llm/param_count.hpp"

#include <algorithm>
#include <cassert>

namespace lpp::llm {
namespace {

using I64 = std::int64_t;

// [SECTION] Checked arithmetic and tensor names

bool mul_overflows(I64 a, I64 b, I64* out) { return __builtin_mul_overflow(a, b, out); }
bool add_overflows(I64 a, I64 b, I64* out) { return __builtin_add_overflow(a, b, out); }

// Per-style checkpoint names. Empty strings mean "not used by this style".
struct Names {
  const char* layer;        // prefix of block i, with {i}
  const char* embed;
  const char* positions;
  const char* embed_norm;
  const char* final_norm;
  const char* lm_head;
  const char* project_in;
  const char* project_out;
  const char* q;
  const char* k;
  const char* v;
  const char* qkv;          // fused q, k, v when non-empty
  const char* o;
  const char* up;           // plain MLP first matrix, or gated "up"
  const char* gate;
  const char* gate_up;      // fused gate and up when non-empty (Phi-3)
  const char* down;
  const char* norms[4];     // per-block norms in order
  const char* router;
  const char* experts;      // prefix of routed expert {e}
  const char* e_gate;
  const char* e_up;
  const char* e_down;
  const char* shared;       // prefix of the shared expert
  bool conv1d;              // GPT-2 stores Conv1D weights as [in, out]
  bool fused_experts;       // DBRX stores all experts in one [E*Fe, C] tensor per matrix
  // Experts as two 3-D parameters: e_gate names gate_up, e_down names down. kInOut stores [E, C, 2Fe] and
  // [E, Fe, C] (gpt-oss, Llama 4: x @ W); kOutIn stores [E, 2Fe, C] and [E, C, Fe] (GraniteMoE's input_linear).
  enum class Stacked { kNo, kInOut, kOutIn } stacked = Stacked::kNo;
  const char* router_bias = ".e_score_correction_bias";  // appended to `router`
  const char* ssm = "mamba.";        // prefix of a block's Mamba mixer
  const char* linear = "linear_attn.";  // prefix of a block's Gated DeltaNet
};

const Names kLlamaNames = {"model.layers.{i}.", "model.embed_tokens", "", "", "model.norm", "lm_head", "", "",
    "self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "", "self_attn.o_proj",
    "mlp.up_proj", "mlp.gate_proj", "", "mlp.down_proj",
    {"input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm", "post_feedforward_layernorm"},
    "mlp.gate", "mlp.experts.{e}.", "gate_proj", "up_proj", "down_proj", "mlp.shared_expert.", false, false};

Names names_for(NameStyle style) {
  Names n = kLlamaNames;
  switch (style) {
    case NameStyle::kLlama:
    case NameStyle::kStableLm: break;
    case NameStyle::kGpt2:
    case NameStyle::kGptBigCode:
      n.layer = "transformer.h.{i}."; n.embed = "transformer.wte"; n.positions = "transformer.wpe";
      n.final_norm = "transformer.ln_f"; n.qkv = "attn.c_attn"; n.o = "attn.c_proj";
      n.up = "mlp.c_fc"; n.down = "mlp.c_proj"; n.norms[0] = "ln_1"; n.norms[1] = "ln_2";
      n.conv1d = style == NameStyle::kGpt2;
      break;
    case NameStyle::kGptJ:
      n.layer = "transformer.h.{i}."; n.embed = "transformer.wte"; n.final_norm = "transformer.ln_f";
      n.q = "attn.q_proj"; n.k = "attn.k_proj"; n.v = "attn.v_proj"; n.o = "attn.out_proj";
      n.up = "mlp.fc_in"; n.down = "mlp.fc_out"; n.norms[0] = "ln_1";
      break;
    case NameStyle::kGptNeox:
      n.layer = "gpt_neox.layers.{i}."; n.embed = "gpt_neox.embed_in"; n.final_norm = "gpt_neox.final_layer_norm";
      n.lm_head = "embed_out"; n.qkv = "attention.query_key_value"; n.o = "attention.dense";
      n.up = "mlp.dense_h_to_4h"; n.down = "mlp.dense_4h_to_h";
      break;
    case NameStyle::kOpt:
      n.layer = "model.decoder.layers.{i}."; n.embed = "model.decoder.embed_tokens";
      n.positions = "model.decoder.embed_positions"; n.final_norm = "model.decoder.final_layer_norm";
      n.project_in = "model.decoder.project_in"; n.project_out = "model.decoder.project_out";
      n.o = "self_attn.out_proj"; n.up = "fc1"; n.down = "fc2";
      n.norms[0] = "self_attn_layer_norm"; n.norms[1] = "final_layer_norm";
      break;
    case NameStyle::kBloom:
    case NameStyle::kFalcon:
    case NameStyle::kFalconNew:
      n.layer = "transformer.h.{i}."; n.embed = "transformer.word_embeddings"; n.final_norm = "transformer.ln_f";
      n.embed_norm = "transformer.word_embeddings_layernorm";
      n.qkv = "self_attention.query_key_value"; n.o = "self_attention.dense";
      n.up = "mlp.dense_h_to_4h"; n.down = "mlp.dense_4h_to_h";
      if (style == NameStyle::kFalconNew) { n.norms[0] = "ln_attn"; n.norms[1] = "ln_mlp"; }
      break;
    case NameStyle::kPhi:
      n.final_norm = "model.final_layernorm"; n.o = "self_attn.dense"; n.up = "mlp.fc1"; n.down = "mlp.fc2";
      break;
    case NameStyle::kPhi3:
      n.qkv = "self_attn.qkv_proj"; n.gate_up = "mlp.gate_up_proj";
      break;
    case NameStyle::kMixtral:
      n.router = "block_sparse_moe.gate"; n.experts = "block_sparse_moe.experts.{e}.";
      n.e_gate = "w1"; n.e_up = "w3"; n.e_down = "w2";
      break;
    case NameStyle::kDeepseek:
      n.shared = "mlp.shared_experts.";
      break;
    case NameStyle::kDbrx:
      n.layer = "transformer.blocks.{i}."; n.embed = "transformer.wte"; n.final_norm = "transformer.norm_f";
      n.qkv = "norm_attn_norm.attn.Wqkv"; n.o = "norm_attn_norm.attn.out_proj";
      n.norms[0] = "norm_attn_norm.norm_1"; n.norms[1] = "norm_attn_norm.norm_2";
      n.router = "ffn.router.layer"; n.experts = "ffn.experts.mlp.";
      n.e_gate = "w1"; n.e_up = "v1"; n.e_down = "w2"; n.fused_experts = true;
      break;
    case NameStyle::kStarcoder2:
      n.up = "mlp.c_fc"; n.down = "mlp.c_proj";
      break;
    case NameStyle::kOlmo2:
      n.norms[0] = "post_attention_layernorm"; n.norms[1] = "post_feedforward_layernorm";
      break;
    case NameStyle::kGptOss:  // modeling_gpt_oss.py: GptOssTopKRouter (weight, bias), GptOssExperts
      n.router = "mlp.router"; n.router_bias = ".bias"; n.experts = "mlp.experts.";
      n.e_gate = "gate_up_proj"; n.e_down = "down_proj"; n.stacked = Names::Stacked::kInOut;
      break;
    case NameStyle::kLlama4:  // modeling_llama4.py: Llama4TextMoe (router, experts, shared_expert)
      n.gate = "feed_forward.gate_proj"; n.up = "feed_forward.up_proj"; n.down = "feed_forward.down_proj";
      n.router = "feed_forward.router"; n.experts = "feed_forward.experts.";
      n.e_gate = "gate_up_proj"; n.e_down = "down_proj"; n.stacked = Names::Stacked::kInOut;
      n.shared = "feed_forward.shared_expert.";
      break;
    case NameStyle::kGraniteMoe:  // modeling_granitemoe.py: GraniteMoeParallelExperts, GraniteMoeTopKGating
      n.router = "block_sparse_moe.router.layer"; n.experts = "block_sparse_moe.";
      n.e_gate = "input_linear"; n.e_down = "output_linear"; n.stacked = Names::Stacked::kOutIn;
      break;
    case NameStyle::kNemotronH:  // modeling_nemotron_h.py: one mixer per block (Mamba-2, attention, MLP or MoE)
      n.layer = "backbone.layers.{i}."; n.embed = "backbone.embeddings"; n.final_norm = "backbone.norm_f";
      n.norms[0] = "norm"; n.ssm = "mixer.";
      n.q = "mixer.q_proj"; n.k = "mixer.k_proj"; n.v = "mixer.v_proj"; n.o = "mixer.o_proj";
      n.up = "mixer.up_proj"; n.down = "mixer.down_proj";
      n.router = "mixer.gate"; n.experts = "mixer.experts."; n.e_gate = "up_proj"; n.e_down = "down_proj";
      n.stacked = Names::Stacked::kOutIn; n.shared = "mixer.shared_experts.";
      break;
    case NameStyle::kMamba:  // modeling_mamba.py / modeling_mamba2.py: backbone.layers.{i}.mixer, norm
      n.layer = "backbone.layers.{i}."; n.embed = "backbone.embeddings"; n.final_norm = "backbone.norm_f";
      n.norms[0] = "norm"; n.ssm = "mixer.";
      break;
  }
  return n;
}

// Formats sorted layer indices as ranges: {0,1,2,5,7,8} -> "0-2,5,7-8".
std::string format_ranges(const std::vector<I64>& idx) {
  std::string out;
  for (std::size_t i = 0; i < idx.size();) {
    std::size_t j = i;
    while (j + 1 < idx.size() && idx[j + 1] == idx[j] + 1) ++j;
    if (!out.empty()) out += ",";
    out += std::to_string(idx[i]);
    if (j > i) out += "-" + std::to_string(idx[j]);
    i = j + 1;
  }
  return out;
}

// Collects tensors with their counts; the first overflow is remembered and stops nothing (callers check it once).
class Builder {
 public:
  explicit Builder(std::vector<TensorGroup>* out) : out_(out) {}

  I64 mul(I64 a, I64 b) {
    I64 r = 0;
    if (mul_overflows(a, b, &r)) { flag("a shape " + std::to_string(a) + " x " + std::to_string(b)); return 0; }
    return r;
  }
  I64 add(I64 a, I64 b) {
    I64 r = 0;
    if (add_overflows(a, b, &r)) { flag("a sum"); return 0; }
    return r;
  }

  // Adds one group: `layers` names the {i} values (count n_layers), `experts` the {e} values (0 = none).
  // `inactive_instances` of the repeat are unused per token.
  void add(Component c, bool bias, std::string name, std::vector<I64> shape, const std::string& layers,
           I64 n_layers, I64 experts, I64 inactive_instances = 0) {
    TensorGroup t;
    t.name = std::move(name);
    t.shape = std::move(shape);
    t.layers = layers;
    t.experts = experts;
    t.component = c;
    t.bias = bias;
    t.each = 1;
    for (I64 d : t.shape) t.each = mul_named(t.each, d, t);
    t.repeat = mul_named(n_layers, experts > 0 ? experts : 1, t);
    t.count = mul_named(t.each, t.repeat, t);
    t.inactive = mul_named(t.each, inactive_instances, t);
    out_->push_back(std::move(t));
  }

  void absorb(const std::string& other_overflow) {
    if (!other_overflow.empty()) flag_message(other_overflow);
  }
  void set_last_inactive(I64 inactive) { out_->back().inactive = inactive; }
  const std::string& overflow() const { return overflow_; }

 private:
  I64 mul_named(I64 a, I64 b, const TensorGroup& t) {
    I64 r = 0;
    if (mul_overflows(a, b, &r)) {
      std::string dims;
      for (I64 d : t.shape) dims += (dims.empty() ? "" : " x ") + std::to_string(d);
      flag(t.name + " [" + dims + "]");
      return 0;
    }
    return r;
  }
  void flag(const std::string& where) {
    flag_message("parameter count overflows 64-bit integers (> 9.2e18) at " + where);
  }
  void flag_message(const std::string& message) {
    if (overflow_.empty()) overflow_ = message;
  }

  std::vector<TensorGroup>* out_;
  std::string overflow_;
};

// [SECTION] Layer tensors (attention, MLP, MoE, norms)

// A norm over `width` features: weight (and bias) tensors, or nothing when non-parametric.
void add_norm(Builder& b, const Architecture& a, Component c, const std::string& name, I64 width,
              const std::string& layers, I64 n_layers) {
  if (a.norm == NormKind::kNonParametric) return;
  b.add(c, false, name + ".weight", {width}, layers, n_layers, 0);
  if (a.norm == NormKind::kLayerNorm) b.add(c, true, name + ".bias", {width}, layers, n_layers, 0);
}

// A linear layer out x in, stored [out, in] (or [in, out] for Conv1D), with an optional bias [out].
void add_linear(Builder& b, const Names& n, Component c, const std::string& name, I64 out, I64 in, bool bias,
                const std::string& layers, I64 n_layers, I64 experts = 0, I64 inactive = 0) {
  std::vector<I64> shape = n.conv1d ? std::vector<I64>{in, out} : std::vector<I64>{out, in};
  b.add(c, false, name + ".weight", shape, layers, n_layers, experts, inactive);
  if (bias) b.add(c, true, name + ".bias", {out}, layers, n_layers, experts, inactive);
}

void add_attention(Builder& b, const Architecture& a, const Names& n, const std::string& p,
                   const std::string& layers, I64 nl) {
  const I64 C = a.hidden_size, H = a.num_heads, K = a.num_kv_heads, Dh = a.head_dim;
  const Component at = Component::kAttention;
  if (a.attention == AttentionKind::kMla) {
    // DeepSeek-V2 (arXiv:2405.04434) section 2.1: c_Q = W_DQ h, q = W_UQ c_Q; c_KV = W_DKV h with a shared
    // rope key; k_nope, v = W_UK c_KV, W_UV c_KV.
    const I64 qk = b.add(a.qk_nope_head_dim, a.qk_rope_head_dim);
    if (a.q_lora_rank > 0) {
      add_linear(b, n, at, p + "self_attn.q_a_proj", a.q_lora_rank, C, a.qkv_bias, layers, nl);  // W_DQ
      add_norm(b, a, at, p + "self_attn.q_a_layernorm", a.q_lora_rank, layers, nl);
      add_linear(b, n, at, p + "self_attn.q_b_proj", b.mul(H, qk), a.q_lora_rank, false, layers, nl);  // W_UQ
    } else {
      add_linear(b, n, at, p + "self_attn.q_proj", b.mul(H, qk), C, false, layers, nl);
    }
    add_linear(b, n, at, p + "self_attn.kv_a_proj_with_mqa", b.add(a.kv_lora_rank, a.qk_rope_head_dim), C, a.qkv_bias,
               layers, nl);  // W_DKV and the rope key
    add_norm(b, a, at, p + "self_attn.kv_a_layernorm", a.kv_lora_rank, layers, nl);
    add_linear(b, n, at, p + "self_attn.kv_b_proj", b.mul(H, b.add(a.qk_nope_head_dim, a.v_head_dim)), a.kv_lora_rank,
               false, layers, nl);  // W_UK and W_UV
    add_linear(b, n, at, p + n.o, C, b.mul(H, a.v_head_dim), a.o_bias, layers, nl);
    return;
  }
  const I64 q_out = b.mul(H, Dh);      // H*Dh
  const I64 kv_out = b.mul(K, Dh);     // K*Dh
  if (n.qkv[0] != '\0') {
    add_linear(b, n, at, p + n.qkv, b.add(q_out, b.mul(2, kv_out)), C, a.qkv_bias, layers, nl);  // (H+2K)*Dh x C
  } else {
    // With an output gate q_proj emits the queries and a gate of the same size: 2·H*Dh x C (Qwen3-Next).
    add_linear(b, n, at, p + n.q, a.attention_output_gate ? b.mul(2, q_out) : q_out, C, a.qkv_bias, layers, nl);
    add_linear(b, n, at, p + n.k, kv_out, C, a.qkv_bias, layers, nl);  // K*Dh x C
    add_linear(b, n, at, p + n.v, kv_out, C, a.qkv_bias, layers, nl);  // K*Dh x C
  }
  if (a.names == NameStyle::kStableLm && a.qk_norm != QkNorm::kNone) {
    // StableLM: one LayerNorm(Dh, bias=False) per head, H for queries and K for keys.
    b.add(at, false, p + "self_attn.q_layernorm.norms.{h}.weight", {Dh}, layers, b.mul(nl, H), 0);
    b.add(at, false, p + "self_attn.k_layernorm.norms.{h}.weight", {Dh}, layers, b.mul(nl, K), 0);
  } else if (a.qk_norm != QkNorm::kNone) {
    const bool all = a.qk_norm == QkNorm::kAllHeads;  // OLMo-2 norms all heads at once; Qwen3 one Dh vector
    add_norm(b, a, at, p + "self_attn.q_norm", all ? q_out : Dh, layers, nl);
    add_norm(b, a, at, p + "self_attn.k_norm", all ? kv_out : Dh, layers, nl);
  }
  add_linear(b, n, at, p + n.o, C, q_out, a.o_bias, layers, nl);  // C x H*Dh
  if (a.attention_sinks) b.add(at, false, p + "self_attn.sinks", {H}, layers, nl, 0);  // one logit per head
}

// A dense MLP of width F: up and down (plain) or gate, up and down (gated).
void add_mlp(Builder& b, const Architecture& a, const Names& n, Component c, const std::string& p,
             const char* gate, const char* up, const char* gate_up, const char* down, I64 F, bool bias,
             const std::string& layers, I64 nl) {
  const I64 C = a.hidden_size;
  if (a.mlp == MlpKind::kGated && gate_up[0] != '\0') {
    add_linear(b, n, c, p + gate_up, b.mul(2, F), C, bias, layers, nl);   // 2F x C
  } else if (a.mlp == MlpKind::kGated) {
    add_linear(b, n, c, p + gate, F, C, bias, layers, nl);                // F x C
    add_linear(b, n, c, p + up, F, C, bias, layers, nl);                  // F x C
  } else {
    add_linear(b, n, c, p + up, F, C, bias, layers, nl);                  // F x C
  }
  add_linear(b, n, c, p + down, C, F, bias, layers, nl);                  // C x F
}

void add_moe(Builder& b, const Architecture& a, const Names& n, const std::string& p, const std::string& layers,
             I64 nl) {
  const I64 C = a.hidden_size, E = a.num_experts, Fe = a.expert_intermediate_size;
  const I64 idle = E - a.experts_per_token;  // experts a token skips
  add_linear(b, n, Component::kRouter, p + n.router, E, C, false, layers, nl);  // E x C
  if (a.router_bias) b.add(Component::kRouter, true, p + n.router + n.router_bias, {E}, layers, nl, 0);
  if (n.stacked != Names::Stacked::kNo) {
    // Two 3-D parameters per layer; a token uses k of the E slices. Biases (gpt-oss) are [E, 2Fe] and [E, C].
    const bool in_out = n.stacked == Names::Stacked::kInOut;
    const bool gated = a.mlp == MlpKind::kGated;
    const I64 up_rows = gated ? b.mul(2, Fe) : Fe;
    const std::string e = p + n.experts;
    b.add(Component::kExperts, false, e + n.e_gate, in_out ? std::vector<I64>{E, C, up_rows} : std::vector<I64>{E, up_rows, C},
          layers, nl, 0);
    b.set_last_inactive(b.mul(b.mul(b.mul(idle, C), up_rows), nl));
    if (a.mlp_bias) {
      b.add(Component::kExperts, true, e + n.e_gate + "_bias", {E, up_rows}, layers, nl, 0);
      b.set_last_inactive(b.mul(b.mul(idle, up_rows), nl));
    }
    b.add(Component::kExperts, false, e + n.e_down, in_out ? std::vector<I64>{E, Fe, C} : std::vector<I64>{E, C, Fe},
          layers, nl, 0);
    b.set_last_inactive(b.mul(b.mul(b.mul(idle, C), Fe), nl));
    if (a.mlp_bias) {
      b.add(Component::kExperts, true, e + n.e_down + "_bias", {E, C}, layers, nl, 0);
      b.set_last_inactive(b.mul(b.mul(idle, C), nl));
    }
  } else if (n.fused_experts) {
    // DBRX: each matrix holds all experts, [E*Fe, C]; w2 is stored transposed as [E*Fe, C] too.
    const I64 rows = b.mul(E, Fe);
    const I64 idle_share = b.mul(b.mul(idle, Fe), C);  // per layer, per matrix
    for (const char* m : {n.e_gate, n.e_up, n.e_down}) {
      if (a.mlp == MlpKind::kPlain && m == n.e_gate) continue;
      b.add(Component::kExperts, false, p + n.experts + m + ".weight", {rows, C}, layers, nl, 0);
      b.set_last_inactive(b.mul(idle_share, nl));
    }
  } else {
    const std::string e = p + n.experts;
    const I64 idle_instances = b.mul(idle, nl);
    if (a.mlp == MlpKind::kGated) add_linear(b, n, Component::kExperts, e + n.e_gate, Fe, C, a.mlp_bias, layers, nl, E, idle_instances);
    add_linear(b, n, Component::kExperts, e + n.e_up, Fe, C, a.mlp_bias, layers, nl, E, idle_instances);
    add_linear(b, n, Component::kExperts, e + n.e_down, C, Fe, a.mlp_bias, layers, nl, E, idle_instances);
  }
  if (a.shared_expert_intermediate_size > 0) {
    const std::string s = p + n.shared;
    add_mlp(b, a, n, Component::kSharedExperts, "", (s + "gate_proj").c_str(), (s + "up_proj").c_str(), "",
            (s + "down_proj").c_str(), a.shared_expert_intermediate_size, a.mlp_bias, layers, nl);
    if (a.shared_expert_gate) add_linear(b, n, Component::kSharedExperts, p + "mlp.shared_expert_gate", 1, C, false, layers, nl);
  }
}

// A Mamba mixer. Mamba-1 (MambaMixer): in_proj [2Di, C], depthwise conv1d [Di, 1, Kc], x_proj [R + 2N, Di],
// dt_proj [Di, R] with bias, A_log [Di, N], D [Di], out_proj [C, Di]. Mamba-2 (Mamba2Mixer): one in_proj emitting
// z, x, B, C and dt, [Di + (Di + 2GN) + Hs, C], conv1d over x, B, C, per-head dt_bias, A_log and D, a gated
// RMSNorm [Di], out_proj [C, Di].
void add_ssm(Builder& b, const Architecture& a, const Names& n, const std::string& p, const std::string& layers,
             I64 nl) {
  const I64 C = a.hidden_size, Di = a.ssm_inner, N = a.ssm_state, Kc = a.ssm_conv_kernel;
  const Component s = Component::kSsm;
  const bool pb = a.ssm_proj_bias;
  if (a.ssm_version == 1) {
    const I64 R = a.ssm_dt_rank;
    add_linear(b, n, s, p + "in_proj", b.mul(2, Di), C, pb, layers, nl);                    // x and z
    b.add(s, false, p + "conv1d.weight", {Di, 1, Kc}, layers, nl, 0);                       // depthwise
    if (a.ssm_conv_bias) b.add(s, true, p + "conv1d.bias", {Di}, layers, nl, 0);
    add_linear(b, n, s, p + "x_proj", b.add(R, b.mul(2, N)), Di, false, layers, nl);        // dt, B, C
    add_linear(b, n, s, p + "dt_proj", Di, R, true, layers, nl);
    if (a.ssm_bcdt_norms) {
      b.add(s, false, p + "dt_layernorm.weight", {R}, layers, nl, 0);
      b.add(s, false, p + "b_layernorm.weight", {N}, layers, nl, 0);
      b.add(s, false, p + "c_layernorm.weight", {N}, layers, nl, 0);
    }
    b.add(s, false, p + "A_log", {Di, N}, layers, nl, 0);                                   // A = -exp(A_log)
    b.add(s, false, p + "D", {Di}, layers, nl, 0);                                          // skip connection
    add_linear(b, n, s, p + "out_proj", C, Di, pb, layers, nl);
    return;
  }
  const I64 Hs = a.ssm_heads;
  const I64 conv = b.add(Di, b.mul(b.mul(2, a.ssm_groups), N));                            // x, B, C
  add_linear(b, n, s, p + "in_proj", b.add(b.add(Di, conv), Hs), C, pb, layers, nl);        // z, xBC, dt
  b.add(s, false, p + "conv1d.weight", {conv, 1, Kc}, layers, nl, 0);
  if (a.ssm_conv_bias) b.add(s, true, p + "conv1d.bias", {conv}, layers, nl, 0);
  b.add(s, false, p + "dt_bias", {Hs}, layers, nl, 0);
  b.add(s, false, p + "A_log", {Hs}, layers, nl, 0);
  b.add(s, false, p + "D", {Hs}, layers, nl, 0);
  if (a.ssm_gated_norm) b.add(s, false, p + "norm.weight", {Di}, layers, nl, 0);
  add_linear(b, n, s, p + "out_proj", C, Di, pb, layers, nl);
}

// Gated DeltaNet (modeling_qwen3_next.py, Qwen3NextGatedDeltaNet): in_proj_qkvz [2·Hk·dk + 2·Hv·dv, C],
// in_proj_ba [2·Hv, C], a depthwise conv1d over q, k, v without bias, per-value-head dt_bias and A_log, a gated
// RMSNorm over dv shared by the heads, out_proj [C, Hv·dv].
void add_gated_deltanet(Builder& b, const Architecture& a, const Names& n, const std::string& p,
                        const std::string& layers, I64 nl) {
  const I64 C = a.hidden_size, Hv = a.linear_value_heads;
  const I64 key_dim = b.mul(a.linear_key_heads, a.linear_key_head_dim);
  const I64 value_dim = b.mul(Hv, a.linear_value_head_dim);
  const Component s = Component::kSsm;
  add_linear(b, n, s, p + "in_proj_qkvz", b.add(b.mul(2, key_dim), b.mul(2, value_dim)), C, false, layers, nl);
  add_linear(b, n, s, p + "in_proj_ba", b.mul(2, Hv), C, false, layers, nl);
  b.add(s, false, p + "conv1d.weight", {b.add(b.mul(2, key_dim), value_dim), 1, a.linear_conv_kernel}, layers, nl, 0);
  b.add(s, false, p + "dt_bias", {Hv}, layers, nl, 0);
  b.add(s, false, p + "A_log", {Hv}, layers, nl, 0);
  b.add(s, false, p + "norm.weight", {a.linear_value_head_dim}, layers, nl, 0);
  add_linear(b, n, s, p + "out_proj", C, value_dim, false, layers, nl);
}

// One block: its norms, its mixer (attention, a Mamba mixer, both, a Gated DeltaNet or none), and the dense MLP,
// the MoE or no feed-forward at all.
void add_block(Builder& b, const Architecture& a, const Names& n, const std::string& p, char mixer, bool ffn,
               bool moe, const std::string& layers, I64 nl) {
  const I64 C = a.hidden_size;
  for (I64 j = 0; j < a.norms_per_layer; ++j) {
    const char* norm = j < 4 && n.norms[j][0] != '\0' ? n.norms[j] : nullptr;
    add_norm(b, a, Component::kNorms, p + (norm ? std::string(norm) : "norm_" + std::to_string(j)), C, layers, nl);
  }
  if (mixer == kMixAttention || mixer == kMixParallel) add_attention(b, a, n, p, layers, nl);
  if (mixer == kMixSsm || mixer == kMixParallel) add_ssm(b, a, n, p + n.ssm, layers, nl);
  if (mixer == kMixLinearAttention) add_gated_deltanet(b, a, n, p + n.linear, layers, nl);
  if (!ffn) return;
  if (moe) {
    add_moe(b, a, n, p, layers, nl);
  } else {
    add_mlp(b, a, n, Component::kMlp, p, n.gate, n.up, n.gate_up, n.down, a.intermediate_size, a.mlp_bias, layers,
            nl);
  }
}

// A multimodal wrapper's vision tower and projector, as the Hugging Face checkpoints name them. SigLIP
// (modeling_siglip.py): a biased patch convolution, learned positions ((image / patch)² rows), per layer two
// LayerNorms with bias, biased q, k, v, out_proj and fc1/fc2, a post LayerNorm, optionally the attention-pooling
// head; Gemma 3's projector [Cv, C] and its RMSNorm [Cv]. Pixtral (modeling_pixtral.py): a bias-free patch
// convolution, ln_pre, per layer two RMSNorms, bias-free attention and a gated MLP; Mistral 3's projector: an
// RMSNorm, the patch merger [Cv, Cv·m²], linear_1 [C, Cv] and linear_2 [C, C]. Llama 4 (modeling_llama4.py): an
// unfold linear [Cv, channels·P²], a class embedding, (image / patch)² + 1 positions, LayerNorms before and
// after, per layer two LayerNorms and biased attention and MLP, the pixel-shuffle MLP (fc1 [projector_in, Fv],
// fc2 [projector_out, projector_out]) and the projector [C, vision_output].
void add_vision(Builder& b, const Architecture& a) {
  const Component vc = Component::kVision;
  const I64 Cv = a.vision_hidden, Fv = a.vision_intermediate, Lv = a.vision_layers, P = a.vision_patch;
  const I64 C = a.hidden_size, ch = a.vision_channels;
  const std::string layers = Lv > 1 ? "0-" + std::to_string(Lv - 1) : "0";
  auto w = [&](const std::string& name, std::vector<I64> shape, bool per_layer = false) {
    b.add(vc, false, name, std::move(shape), per_layer ? layers : "", per_layer ? Lv : 1, 0);
  };
  auto bias = [&](const std::string& name, I64 width, bool per_layer = false) {
    b.add(vc, true, name, {width}, per_layer ? layers : "", per_layer ? Lv : 1, 0);
  };
  auto layer_norm = [&](const std::string& name, bool per_layer) {
    w(name + ".weight", {Cv}, per_layer);
    bias(name + ".bias", Cv, per_layer);
  };
  auto biased = [&](const std::string& name, I64 out, I64 in, bool per_layer) {
    w(name + ".weight", {out, in}, per_layer);
    bias(name + ".bias", out, per_layer);
  };
  const I64 side = P > 0 ? a.vision_image / P : 0;
  switch (a.vision) {
    case VisionKind::kNone: return;
    case VisionKind::kSiglip: {
      const std::string e = "vision_tower.vision_model.";
      w(e + "embeddings.patch_embedding.weight", {Cv, ch, P, P});
      bias(e + "embeddings.patch_embedding.bias", Cv);
      w(e + "embeddings.position_embedding.weight", {b.mul(side, side), Cv});
      const std::string l = e + "encoder.layers.{i}.";
      for (const char* m : {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.out_proj"})
        biased(l + m, Cv, Cv, true);
      biased(l + "mlp.fc1", Fv, Cv, true);
      biased(l + "mlp.fc2", Cv, Fv, true);
      layer_norm(l + "layer_norm1", true);
      layer_norm(l + "layer_norm2", true);
      layer_norm(e + "post_layernorm", false);
      if (a.vision_pooling_head) {
        const std::string h = e + "head.";
        w(h + "probe", {1, 1, Cv});
        w(h + "attention.in_proj_weight", {b.mul(3, Cv), Cv});
        bias(h + "attention.in_proj_bias", b.mul(3, Cv));
        biased(h + "attention.out_proj", Cv, Cv, false);
        layer_norm(h + "layernorm", false);
        biased(h + "mlp.fc1", Fv, Cv, false);
        biased(h + "mlp.fc2", Cv, Fv, false);
      }
      w("multi_modal_projector.mm_input_projection_weight", {Cv, C});
      w("multi_modal_projector.mm_soft_emb_norm.weight", {Cv});
      return;
    }
    case VisionKind::kPixtral: {
      const std::string e = "vision_tower.";
      w(e + "patch_conv.weight", {Cv, ch, P, P});
      w(e + "ln_pre.weight", {Cv});
      const std::string l = e + "transformer.layers.{i}.";
      w(l + "attention_norm.weight", {Cv}, true);
      w(l + "ffn_norm.weight", {Cv}, true);
      for (const char* m : {"q_proj", "k_proj", "v_proj", "o_proj"}) w(l + "attention." + m + ".weight", {Cv, Cv}, true);
      w(l + "feed_forward.gate_proj.weight", {Fv, Cv}, true);
      w(l + "feed_forward.up_proj.weight", {Fv, Cv}, true);
      w(l + "feed_forward.down_proj.weight", {Cv, Fv}, true);
      const std::string p = "multi_modal_projector.";
      w(p + "norm.weight", {Cv});
      w(p + "patch_merger.merging_layer.weight", {Cv, b.mul(Cv, b.mul(a.vision_merge, a.vision_merge))});
      w(p + "linear_1.weight", {C, Cv});
      if (a.vision_projector_bias) bias(p + "linear_1.bias", C);
      w(p + "linear_2.weight", {C, C});
      if (a.vision_projector_bias) bias(p + "linear_2.bias", C);
      return;
    }
    case VisionKind::kLlama4: {
      const std::string e = "vision_model.";
      w(e + "patch_embedding.linear.weight", {Cv, b.mul(ch, b.mul(P, P))});
      w(e + "class_embedding", {Cv});
      w(e + "positional_embedding_vlm", {b.add(b.mul(side, side), 1), Cv});
      layer_norm(e + "layernorm_pre", false);
      layer_norm(e + "layernorm_post", false);
      const std::string l = e + "model.layers.{i}.";
      for (const char* m : {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj"})
        biased(l + m, Cv, Cv, true);
      biased(l + "mlp.fc1", Fv, Cv, true);
      biased(l + "mlp.fc2", Cv, Fv, true);
      layer_norm(l + "input_layernorm", true);
      layer_norm(l + "post_attention_layernorm", true);
      w(e + "vision_adapter.mlp.fc1.weight", {a.vision_projector_in, Fv});
      w(e + "vision_adapter.mlp.fc2.weight", {a.vision_projector_out, a.vision_projector_out});
      w("multi_modal_projector.linear_1.weight", {C, a.vision_output});
      return;
    }
  }
}

// Replaces "{i}" with a concrete layer number, for one-off modules such as the MTP layer.
std::string at_layer(const char* prefix, I64 i) {
  std::string s = prefix;
  const auto pos = s.find("{i}");
  if (pos != std::string::npos) s.replace(pos, 3, std::to_string(i));
  return s;
}

// [SECTION] Whole model, totals and extra modules

// Sums a tensor list into total/active/weights/biases/components.
void sum_into(Builder& b, const std::vector<TensorGroup>& ts, ParamCount& pc) {
  for (const TensorGroup& t : ts) {
    pc.total = b.add(pc.total, t.count);
    pc.active = b.add(pc.active, t.count - t.inactive);
    if (t.bias) pc.biases = b.add(pc.biases, t.count);
    auto& comp = pc.components[static_cast<int>(t.component)];
    comp = b.add(comp, t.count);
  }
  pc.weights = pc.total - pc.biases;
}

// DeepSeek-V3 multi-token prediction (arXiv:2412.19437 section 2.2): per module a full decoder layer, enorm,
// hnorm, eh_proj [C, 2C], shared_head.norm, and the embedding/head copies the checkpoint stores.
ExtraModule mtp_module(Builder& b, const Architecture& a, const Names& n) {
  ExtraModule m;
  m.name = "mtp";
  m.description = "multi-token-prediction module(s) stored in the checkpoint as layer " +
                  std::to_string(a.num_layers) + (a.mtp_layers > 1 ? "+" : "") +
                  "; not part of the headline model, used for training and speculative decoding";
  Builder mb(&m.tensors);
  const I64 C = a.hidden_size;
  for (I64 j = 0; j < a.mtp_layers; ++j) {
    const I64 i = a.num_layers + j;
    const std::string p = at_layer(n.layer, i);
    add_block(mb, a, n, p, kMixAttention, true, is_moe_layer(a, i), "", 1);
    add_norm(mb, a, Component::kNorms, p + "enorm", C, "", 1);
    add_norm(mb, a, Component::kNorms, p + "hnorm", C, "", 1);
    add_linear(mb, n, Component::kAttention, p + "eh_proj", C, mb.mul(2, C), false, "", 1);
    add_norm(mb, a, Component::kNorms, p + "shared_head.norm", C, "", 1);
    if (a.mtp_stores_embedding) {
      mb.add(Component::kEmbeddings, false, p + "embed_tokens.weight", {a.vocab_size, C}, "", 1, 0);
      mb.add(Component::kLmHead, false, p + "shared_head.head.weight", {a.vocab_size, C}, "", 1, 0);
    }
  }
  for (const TensorGroup& t : m.tensors) m.count = mb.add(m.count, t.count);
  b.absorb(mb.overflow());
  return m;
}

}  // namespace

const char* component_name(Component c) {
  switch (c) {
    case Component::kEmbeddings: return "embeddings";
    case Component::kAttention: return "attention";
    case Component::kMlp: return "mlp";
    case Component::kExperts: return "experts";
    case Component::kSharedExperts: return "shared_experts";
    case Component::kRouter: return "router";
    case Component::kNorms: return "norms";
    case Component::kLmHead: return "lm_head";
    case Component::kSsm: return "ssm";
    case Component::kVision: return "vision";
  }
  return "?";
}

ParamCount count_parameters(const Architecture& a) {
  assert(validate(a).empty() && "validated by the importer");
  ParamCount pc;
  const Names n = names_for(a.names);
  Builder b(&pc.tensors);
  const I64 V = a.vocab_size, C = a.hidden_size;
  const I64 D = a.embedding_dim > 0 ? a.embedding_dim : C;  // OPT word_embed_proj_dim

  const std::string embed = std::string(n.embed) + ".weight";
  b.add(Component::kEmbeddings, false, embed, {V, D}, "", 1, 0);  // V x D
  if (a.learned_positions > 0)
    b.add(Component::kEmbeddings, false, std::string(n.positions) + ".weight", {a.learned_positions, C}, "", 1, 0);
  if (D != C) add_linear(b, n, Component::kEmbeddings, n.project_in, C, D, false, "", 1);  // C x D
  if (a.embedding_norm) add_norm(b, a, Component::kNorms, n.embed_norm, C, "", 1);

  // Layer kinds from one mask, so a long mlp_only_layers list costs O(L + list), not O(L · list). Layers of one
  // kind (mixer, feed-forward, MoE) form one group; groups follow the mixers' first appearance, dense before MoE.
  std::vector<char> forced_dense(static_cast<std::size_t>(a.num_layers), 0);
  for (I64 d : a.dense_layers) forced_dense[static_cast<std::size_t>(d)] = 1;
  struct Group { char mixer; bool ffn; bool moe; std::vector<I64> layers; };
  std::vector<Group> groups;
  for (I64 i = 0; i < a.num_layers; ++i) {
    const char mixer = mixer_of(a, i);
    const bool ffn = has_ffn(a, i);
    const bool sparse = ffn && !forced_dense[static_cast<std::size_t>(i)] && is_moe_by_pattern(a, i);
    auto g = std::find_if(groups.begin(), groups.end(),
                          [&](const Group& x) { return x.mixer == mixer && x.ffn == ffn && x.moe == sparse; });
    if (g == groups.end()) {
      groups.push_back({mixer, ffn, sparse, {}});
      g = groups.end() - 1;
    }
    g->layers.push_back(i);
  }
  std::stable_sort(groups.begin(), groups.end(), [&](const Group& x, const Group& y) {
    const auto first = [&](char m) { return a.mixers.empty() ? 0 : a.mixers.find(m); };
    return first(x.mixer) != first(y.mixer) ? first(x.mixer) < first(y.mixer) : x.moe < y.moe;
  });
  for (const Group& g : groups)
    add_block(b, a, n, n.layer, g.mixer, g.ffn, g.moe, format_ranges(g.layers), static_cast<I64>(g.layers.size()));

  if (a.final_norm) add_norm(b, a, Component::kNorms, n.final_norm, C, "", 1);
  if (D != C) add_linear(b, n, Component::kEmbeddings, n.project_out, D, C, false, "", 1);  // D x C
  const std::string head = std::string(n.lm_head) + ".weight";
  if (a.tie_word_embeddings) {
    pc.notes.push_back(head + " is tied to " + embed + " (counted once)");
  } else {
    b.add(Component::kLmHead, false, head, {V, D}, "", 1, 0);  // V x D
  }
  if (a.lm_head_bias) b.add(Component::kLmHead, true, std::string(n.lm_head) + ".bias", {V}, "", 1, 0);
  if (a.vision != VisionKind::kNone) {
    // The vision tower runs once per image, not per text token: in the total, not in active.
    const std::size_t first = pc.tensors.size();
    add_vision(b, a);
    I64 vision = 0;
    for (std::size_t i = first; i < pc.tensors.size(); ++i) {
      pc.tensors[i].inactive = pc.tensors[i].count;
      vision = b.add(vision, pc.tensors[i].count);
    }
    pc.notes.push_back("the vision tower and projector (" + std::to_string(vision) +
                       " parameters) are in the total but not in active, which counts what a text token uses");
  }

  sum_into(b, pc.tensors, pc);
  pc.active_with_embedding = pc.active;
  if (!a.active_counts_input_embedding) {
    pc.active = b.add(pc.active, -b.mul(V, D));
    pc.notes.push_back("active leaves out the input embedding " + embed + " (a table lookup), as the family's "
                       "model card counts; with it: " + std::to_string(pc.active_with_embedding));
  }
  if (a.mtp_layers > 0) pc.extra.push_back(mtp_module(b, a, n));
  pc.overflow = b.overflow();
  if (!pc.overflow.empty()) {
    pc.total = pc.active = pc.active_with_embedding = pc.weights = pc.biases = 0;
    pc.components = {};
    for (ExtraModule& m : pc.extra) m.count = 0;
  }
  return pc;
}

}  // namespace lpp::llm

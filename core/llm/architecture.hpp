// The architecture of a decoder-only transformer LM as one plain aggregate: what the counter, the estimates and
// the UI's what-if dials read. Importers (hf_import.hpp) fill it from a config; nothing here parses or counts.
// Legend: V vocab, C hidden size, L layers, H query heads, K key/value heads, Dh head dim, F MLP intermediate size,
// P learned positions, E routed experts, k experts per token, Fe expert intermediate size, Fs shared-expert size,
// W sliding window, Di SSM inner width, N SSM state size, Hs SSM heads, G SSM groups, Kc conv kernel.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace lpp::llm {

enum class MlpKind {
  kPlain,   // up, act, down: GELU/ReLU MLPs of GPT-2, OPT, BLOOM, Falcon, Phi-2 (2 matrices)
  kGated,   // act(gate) * up, down: SwiGLU/GeGLU of Llama, Mistral, Gemma (3 matrices)
};

enum class NormKind {
  kRmsNorm,          // weight only (C): Llama, Mistral, Qwen, Gemma, DeepSeek
  kLayerNorm,        // weight and bias (2C): GPT-2, OPT, BLOOM, Falcon, Phi-2, StarCoder2
  kLayerNormNoBias,  // weight only (C), LayerNorm(bias=False): DBRX
  kNonParametric,    // no parameters at all: OLMo-1's LayerNorm without affine terms
};

enum class QkNorm {
  kNone,
  kHeadDim,   // q_norm and k_norm of size Dh shared across heads: Qwen3, Gemma3
  kAllHeads,  // q_norm over H*Dh and k_norm over K*Dh: OLMo-2; StableLM's per-head LayerNorms have the same count
};

enum class AttentionKind {
  kStandard,  // q, k, v, o projections; MHA (K = H), GQA (1 < K < H) or MQA (K = 1)
  kMla,       // DeepSeek multi-head latent attention: low-rank q and compressed kv latent plus a shared rope key
};

// How tensors are named in the Hugging Face checkpoint; affects names (and GPT-2's transposed Conv1D shapes),
// never counts.
enum class NameStyle {
  kLlama, kGpt2, kGptJ, kGptNeox, kOpt, kBloom, kFalcon, kFalconNew, kPhi, kPhi3, kMixtral, kDeepseek, kDbrx,
  kGptBigCode, kStarcoder2, kOlmo2, kStableLm, kGptOss, kLlama4, kMamba, kGraniteMoe, kNemotronH,
};

// A multimodal wrapper's vision tower and projector (counted in the total, never in the per-token active count).
enum class VisionKind {
  kNone,
  kSiglip,   // Gemma 3: SigLIP ViT (LayerNorms with bias, biased attention and GELU MLP, learned positions) and
             // Gemma3MultiModalProjector (mm_input_projection_weight [Cv, C], mm_soft_emb_norm [Cv])
  kPixtral,  // Mistral 3: Pixtral ViT (RMSNorms, bias-free attention, gated MLP) and Mistral3MultiModalProjector
  kLlama4,   // Llama 4: Llama4VisionModel (unfold patches, class and position embeddings, LayerNorms, biased
             // attention and MLP), the pixel-shuffle adapter and Llama4MultiModalProjector
};

// Per-layer mixer letters of Architecture::mixers (one char per layer, so a config's pattern reads at a glance).
inline constexpr char kMixAttention = 'A';        // softmax attention (standard or MLA)
inline constexpr char kMixLinearAttention = 'D';  // Gated DeltaNet linear attention: Qwen3-Next
inline constexpr char kMixSsm = 'S';              // Mamba / Mamba-2 state-space mixer
inline constexpr char kMixParallel = 'P';         // attention and a Mamba-2 mixer side by side: Falcon-H1
inline constexpr char kMixNone = '-';             // no mixer: Nemotron-H's MLP-only layers
// Per-layer letters of Architecture::ffns.
inline constexpr char kFfn = 'F';                 // a feed-forward block: dense MLP or MoE by the MoE pattern
inline constexpr char kFfnNone = '-';             // none: pure Mamba blocks, Nemotron-H's mixer layers

struct Architecture {
  std::string model_type = "llama";       // HF model_type or a free label for explicit architectures, e.g. "llama"
  NameStyle names = NameStyle::kLlama;    // tensor naming of the checkpoint, e.g. kLlama

  // [sizes]
  std::int64_t vocab_size = 32000;        // V, rows of the token embedding, e.g. 32000 for Llama-2
  std::int64_t hidden_size = 4096;        // C, residual stream width, e.g. 4096 for Llama-2-7B
  std::int64_t num_layers = 32;           // L, decoder blocks, e.g. 32
  std::int64_t num_heads = 32;            // H, query heads, e.g. 32
  std::int64_t num_kv_heads = 32;         // K, key/value heads: H for MHA, 8 for Llama-3 GQA, 1 for MQA
  std::int64_t head_dim = 128;            // Dh, per-head width; C/H unless decoupled (Gemma-7B: 256 with C=3072)
  std::int64_t intermediate_size = 11008; // F, dense MLP width, e.g. 11008; unused by MoE-only layers
  MlpKind mlp = MlpKind::kGated;          // e.g. kGated (SwiGLU) for Llama, kPlain (GELU) for GPT-2
  std::int64_t embedding_dim = 0;         // OPT word_embed_proj_dim if != C (adds project_in/out); 0 = C
  std::int64_t learned_positions = 0;     // P, rows of a learned position table (GPT-2: 1024, OPT: 2048+2); 0 = none
  bool tie_word_embeddings = false;       // lm_head shares the token embedding (counted once), e.g. true for GPT-2
  bool embedding_norm = false;            // a norm right after the token embedding, e.g. BLOOM

  // [biases]
  bool qkv_bias = false;                  // q, k, v projections have biases, e.g. true for Qwen2, GPT-2
  bool o_bias = false;                    // attention output projection has a bias, e.g. true for GPT-2
  bool mlp_bias = false;                  // MLP (and expert) matrices have biases, e.g. true for GPT-2, OPT
  bool lm_head_bias = false;              // lm_head has a bias, e.g. true for GPT-J and Phi-2

  // [norms]
  NormKind norm = NormKind::kRmsNorm;     // e.g. kRmsNorm for Llama, kLayerNorm for GPT-2
  std::int64_t norms_per_layer = 2;       // 1 parallel block (GPT-J, Phi-2, Falcon-7B), 2 pre-norm, 4 sandwich (Gemma-2)
  bool final_norm = true;                 // a norm before lm_head; false for OPT-350m (do_layer_norm_before=false)
  QkNorm qk_norm = QkNorm::kNone;         // per-head query/key norms, e.g. kHeadDim for Qwen3

  // [mla] DeepSeek-V2/V3 multi-head latent attention; used when attention == kMla
  AttentionKind attention = AttentionKind::kStandard;
  std::int64_t q_lora_rank = 0;           // rank of the low-rank query, e.g. 1536 for V3; 0 = full-rank q_proj (V2-Lite)
  std::int64_t kv_lora_rank = 0;          // compressed kv latent width, e.g. 512
  std::int64_t qk_nope_head_dim = 0;      // per-head query/key width without rotary, e.g. 128
  std::int64_t qk_rope_head_dim = 0;      // per-head rotary width (one shared rope key), e.g. 64
  std::int64_t v_head_dim = 0;            // per-head value width, e.g. 128

  // [moe] routed experts; dense when num_experts == 0
  std::int64_t num_experts = 0;           // E, routed experts per MoE layer, e.g. 8 for Mixtral, 256 for DeepSeek-V3
  std::int64_t experts_per_token = 0;     // k, routed experts used per token, e.g. 2 for Mixtral
  std::int64_t expert_intermediate_size = 0;  // Fe, each routed expert's MLP width, e.g. 2048 for DeepSeek-V3
  std::int64_t shared_expert_intermediate_size = 0;  // Fs, width of the always-on shared MLP (all shared experts
                                                     // fused), e.g. 2048 for V3, 5632 for Qwen1.5-MoE; 0 = none
  bool shared_expert_gate = false;        // a sigmoid gate [1, C] on the shared expert, e.g. true for Qwen2-MoE
  bool router_bias = false;               // per-expert router bias [E], e.g. DeepSeek-V3's e_score_correction_bias
  bool active_counts_input_embedding = true;  // "active" includes the embedding table, as Mistral and DeepSeek
                                              // count; OpenAI's gpt-oss card counts the unembedding only
  std::int64_t first_dense_layers = 0;    // the first k layers use the dense MLP, e.g. 3 for DeepSeek-V3
  std::int64_t moe_layer_period = 1;      // of the rest, layer i is MoE if i % period == phase, e.g. 1
  std::int64_t moe_layer_phase = 0;       //   (DeepSeek moe_layer_freq: phase 0; Qwen decoder_sparse_step s: s-1)
  std::vector<std::int64_t> dense_layers; // further layers forced dense, e.g. Qwen2-MoE mlp_only_layers

  // [attention span] for the KV cache only; no parameters
  std::int64_t sliding_window = 0;        // W tokens attended by sliding-window layers, e.g. 4096; 0 = none
  std::int64_t sliding_window_layers = 0; // how many of the L layers use it, e.g. 21 of 42 for Gemma-2

  // [layer kinds] hybrids: one letter per layer (kMix*, kFfn*); empty = every layer attention with a feed-forward
  std::string mixers;                     // e.g. "DDDADDDA..." for Qwen3-Next, "SSSSSSSA" blocks for Jamba
  std::string ffns;                       // e.g. "-F-F..." for Nemotron-H; empty = all kFfn

  // [attention extras]
  bool attention_sinks = false;           // a learned sink logit per head [H] per layer, e.g. true for gpt-oss
  bool attention_output_gate = false;     // q_proj also emits a sigmoid gate [H*Dh], e.g. true for Qwen3-Next

  // [ssm] Mamba mixers (layers S and P); Mamba-1 (x_proj, dt_proj) or Mamba-2 (one fused in_proj, per-head dt)
  std::int64_t ssm_version = 2;           // 1 Mamba (arXiv:2312.00752), 2 Mamba-2 (arXiv:2405.21060)
  std::int64_t ssm_inner = 0;             // Di, inner width, e.g. expand * C = 8192 for Mamba-Codestral
  std::int64_t ssm_state = 16;            // N, state size per channel (d_state), e.g. 128
  std::int64_t ssm_conv_kernel = 4;       // Kc, causal conv width, e.g. 4
  std::int64_t ssm_heads = 0;             // Hs, Mamba-2 heads (dt, A, D per head), e.g. 128
  std::int64_t ssm_groups = 1;            // G, Mamba-2 groups sharing B and C, e.g. 8
  std::int64_t ssm_dt_rank = 0;           // Mamba-1 low-rank dt projection, e.g. ceil(C / 16) = 160
  bool ssm_proj_bias = false;             // in_proj and out_proj have biases (use_bias)
  bool ssm_conv_bias = true;              // conv1d has a bias (use_conv_bias)
  bool ssm_gated_norm = true;             // Mamba-2's gated RMSNorm over Di before out_proj
  bool ssm_bcdt_norms = false;            // Jamba's RMSNorms on dt (dt_rank), B and C (N)

  // [linear attention] Gated DeltaNet (arXiv:2412.06464) layers D
  std::int64_t linear_key_heads = 0;      // e.g. 16 for Qwen3-Next
  std::int64_t linear_value_heads = 0;    // e.g. 32
  std::int64_t linear_key_head_dim = 0;   // e.g. 128
  std::int64_t linear_value_head_dim = 0; // e.g. 128
  std::int64_t linear_conv_kernel = 4;    // e.g. 4

  // [vision] Cv vision width; see VisionKind
  VisionKind vision = VisionKind::kNone;
  std::int64_t vision_hidden = 0;         // Cv, e.g. 1152 for Gemma 3's SigLIP
  std::int64_t vision_intermediate = 0;   // its MLP width, e.g. 4304
  std::int64_t vision_layers = 0;         // encoder layers, e.g. 27
  std::int64_t vision_patch = 14;         // patch side in pixels, e.g. 14
  std::int64_t vision_image = 0;          // image side in pixels (learned positions), e.g. 896; 0 = none (Pixtral)
  std::int64_t vision_channels = 3;       // input channels, e.g. 3
  bool vision_pooling_head = false;       // SigLIP's attention-pooling head (vision_use_head), e.g. false for Gemma 3
  std::int64_t vision_merge = 2;          // Pixtral patch merger side (spatial_merge_size), e.g. 2
  bool vision_projector_bias = false;     // Mistral 3 projector biases (multimodal_projector_bias), e.g. false
  std::int64_t vision_projector_in = 0;   // Llama 4 projector_input_dim, e.g. 4096
  std::int64_t vision_projector_out = 0;  // Llama 4 projector_output_dim, e.g. 4096
  std::int64_t vision_output = 0;         // Llama 4 vision_output_dim (the projector's input), e.g. 4096

  // [extra modules] counted separately from the headline
  std::int64_t mtp_layers = 0;            // DeepSeek-V3 multi-token-prediction modules, e.g. 1
  bool mtp_stores_embedding = true;       // the checkpoint stores its own embed_tokens/head copies (V3: yes)
};

// Which config key each Architecture field came from, so messages name what the user wrote
// ("num_key_value_heads (7) must divide num_attention_heads (32)"). Empty entries fall back to the field name.
struct FieldKeys {
  std::string vocab_size, hidden_size, num_layers, num_heads, num_kv_heads, head_dim, intermediate_size;
  std::string num_experts, experts_per_token, expert_intermediate_size, kv_lora_rank;
};

// Problems with the struct itself, named by FieldKeys; empty when the counter may run.
std::vector<std::string> validate(const Architecture& arch, const FieldKeys& keys = {});

// Whether layer i uses routed experts (false for every layer of a dense model).
bool is_moe_layer(const Architecture& arch, std::int64_t layer);
// The same by first_dense_layers and the period alone, without consulting dense_layers.
bool is_moe_by_pattern(const Architecture& arch, std::int64_t layer);
// Layer i's mixer letter (kMixAttention when `mixers` is empty) and whether it has a feed-forward block.
char mixer_of(const Architecture& arch, std::int64_t layer);
bool has_ffn(const Architecture& arch, std::int64_t layer);
// Layers whose mixer keeps a KV cache (A and P); the rest keep a fixed-size state or nothing.
std::int64_t attention_layer_count(const Architecture& arch);

// The largest number of layers validate() accepts (so that per-layer work stays bounded).
inline constexpr std::int64_t kMaxLayers = 100000;

}  // namespace lpp::llm

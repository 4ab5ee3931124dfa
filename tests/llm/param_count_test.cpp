// Parameter counts against published figures: the five shared reference models (tests/llm/fixtures, copied from
// the project's reference set with their published counts), real configs of other families, and one hand-derived
// formula per family with the arithmetic in a comment.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "llm/hf_import.hpp"
#include "llm/param_count.hpp"

namespace lpp::llm {
namespace {

using nlohmann::json;

std::string read_fixture(const std::string& name) {
  std::ifstream f(std::string(LPP_LLM_FIXTURE_DIR) + "/" + name);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

ParamCount count_config(const json& config) {
  const ImportResult r = import_hf_config(config);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors.front());
  if (!r.ok()) return {};
  return count_parameters(r.arch);
}

// Checks a fixture's total exactly and its active count within the fixture's relative tolerance.
void expect_reference(const std::string& file) {
  const json ref = json::parse(read_fixture(file));
  const ParamCount pc = count_config(ref["config"]);
  EXPECT_EQ(pc.total, ref["params_total"].get<std::int64_t>()) << file;
  if (ref["params_active"].is_null()) {
    EXPECT_EQ(pc.active, pc.total) << file;
  } else {
    const double want = ref["params_active"].get<double>();
    EXPECT_NEAR(static_cast<double>(pc.active), want, want * ref["active_tolerance"].get<double>()) << file;
  }
}

TEST(ParamCount, Gpt2SmallMatchesReference) { expect_reference("gpt2.json"); }
TEST(ParamCount, Qwen25HalfBMatchesReference) { expect_reference("qwen2.5-0.5b.json"); }
TEST(ParamCount, Llama2SevenBMatchesReference) { expect_reference("llama-2-7b.json"); }
TEST(ParamCount, Mixtral8x7BMatchesReference) { expect_reference("mixtral-8x7b.json"); }
TEST(ParamCount, DeepSeekV3MatchesReference) { expect_reference("deepseek-v3.json"); }

// The reference notes reconcile the headline with the checkpoint: 671,026,419,200 main model + 13,463,426,304
// MTP module (a MoE decoder layer, enorm, hnorm, eh_proj, shared_head.norm and stored embedding/head copies)
// = 684,489,845,504; and 14,848 = 58 x 256 router-bias parameters.
TEST(ParamCount, DeepSeekV3MtpModuleReconciles) {
  const json ref = json::parse(read_fixture("deepseek-v3.json"));
  const ParamCount pc = count_config(ref["config"]);
  ASSERT_EQ(pc.extra.size(), 1u);
  EXPECT_EQ(pc.extra[0].count, 13463426304);
  EXPECT_EQ(pc.total + pc.extra[0].count, 684489845504);
  EXPECT_EQ(pc.biases, 58 * 256);
  // Without the input embedding (129280 x 7168 = 926,679,040): the README's 36.6B.
  EXPECT_EQ(pc.active - 129280LL * 7168, 36625618432);
}

// GPT-2 small by hand (V 50257, P 1024, C 768, L 12, Conv1D with biases, tied lm_head):
//   embeddings  V·C + P·C = 38,597,376 + 786,432                        =  39,383,808
//   attention   L·(C·3C + 3C + C·C + C) = 12·(1,771,776 + 590,592)       =  28,348,416
//   mlp         L·(C·4C + 4C + 4C·C + C) = 12·(2,362,368 + 2,360,064)    =  56,669,184
//   norms       L·2·2C + 2C = 36,864 + 1,536                             =      38,400
//   total                                                                = 124,439,808
//   biases      L·(3C + C + 4C + C + 2C) + C = 12·8,448 + 768            =     102,144
TEST(ParamCount, Gpt2SmallComponentsByHand) {
  const json ref = json::parse(read_fixture("gpt2.json"));
  const ParamCount pc = count_config(ref["config"]);
  EXPECT_EQ(pc.components[static_cast<int>(Component::kEmbeddings)], 39383808);
  EXPECT_EQ(pc.components[static_cast<int>(Component::kAttention)], 28348416);
  EXPECT_EQ(pc.components[static_cast<int>(Component::kMlp)], 56669184);
  EXPECT_EQ(pc.components[static_cast<int>(Component::kNorms)], 38400);
  EXPECT_EQ(pc.components[static_cast<int>(Component::kLmHead)], 0);
  EXPECT_EQ(pc.biases, 102144);
  EXPECT_EQ(pc.weights, 124439808 - 102144);
}

// The inventory sums to the total, and GPT-2 keeps Conv1D's [in, out] shape.
TEST(ParamCount, TensorsSumToTotalAndKeepHfShapes) {
  const json ref = json::parse(read_fixture("gpt2.json"));
  const ParamCount pc = count_config(ref["config"]);
  std::int64_t sum = 0;
  bool found = false;
  for (const TensorGroup& t : pc.tensors) {
    sum += t.count;
    if (t.name == "transformer.h.{i}.attn.c_attn.weight") {
      found = true;
      EXPECT_EQ(t.shape, (std::vector<std::int64_t>{768, 2304}));
      EXPECT_EQ(t.layers, "0-11");
      EXPECT_EQ(t.repeat, 12);
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(sum, pc.total);
}

// GPT-2 medium/large/xl: the Hugging Face checkpoints' counts (openai-community/gpt2-*), which follow
// V·C + 1024·C + L·(12C² + 13C) + 2C.
TEST(ParamCount, Gpt2LargerSizesMatchPublished) {
  json c = json::parse(read_fixture("gpt2.json"))["config"];
  c["n_embd"] = 1024; c["n_layer"] = 24; c["n_head"] = 16;
  EXPECT_EQ(count_config(c).total, 354823168);
  c["n_embd"] = 1280; c["n_layer"] = 36; c["n_head"] = 20;
  EXPECT_EQ(count_config(c).total, 774030080);
  c["n_embd"] = 1600; c["n_layer"] = 48; c["n_head"] = 25;
  EXPECT_EQ(count_config(c).total, 1557611200);
}

// Pythia (gpt_neox), Biderman et al. 2023, table 1 ("Total Params" / "Non-Embedding Params"):
// 70M: 70,426,624 / 18,915,328; 160M: 162,322,944 / 85,056,000. Untied embed_in and embed_out, biases, 2 LayerNorms.
TEST(ParamCount, PythiaMatchesPaperTable) {
  json c = json::parse(R"({"architectures":["GPTNeoXForCausalLM"],"model_type":"gpt_neox","hidden_size":512,
    "intermediate_size":2048,"num_attention_heads":8,"num_hidden_layers":6,"vocab_size":50304,"rotary_pct":0.25,
    "use_parallel_residual":true,"tie_word_embeddings":false,"max_position_embeddings":2048})");
  ParamCount pc = count_config(c);
  EXPECT_EQ(pc.total, 70426624);
  EXPECT_EQ(pc.total - pc.components[static_cast<int>(Component::kEmbeddings)] -
                pc.components[static_cast<int>(Component::kLmHead)],
            18915328);
  c["hidden_size"] = 768; c["intermediate_size"] = 3072; c["num_attention_heads"] = 12; c["num_hidden_layers"] = 12;
  EXPECT_EQ(count_config(c).total, 162322944);
}

// OPT-125m (facebook/opt-125m): 125,239,296. By hand: V 50272, C 768, L 12, F 3072, positions 2048+2:
//   50272·768 + 2050·768 + 12·(4·(768² + 768) + 2·1536 + 768·3072 + 3072 + 3072·768 + 768) + 1536 = 125,239,296
// OPT-350m (facebook/opt-350m): 331,196,416: word_embed_proj_dim 512 adds project_in/out (1024·512 each),
// do_layer_norm_before=false drops the final LayerNorm: 50272·512 + 2050·1024 + 2·524,288 + 24·12,596,224.
TEST(ParamCount, OptMatchesPublished) {
  json c = json::parse(R"({"model_type":"opt","hidden_size":768,"ffn_dim":3072,"num_attention_heads":12,
    "num_hidden_layers":12,"vocab_size":50272,"max_position_embeddings":2048,"word_embed_proj_dim":768,
    "do_layer_norm_before":true,"enable_bias":true,"layer_norm_elementwise_affine":true})");
  EXPECT_EQ(count_config(c).total, 125239296);
  c["hidden_size"] = 1024; c["ffn_dim"] = 4096; c["num_attention_heads"] = 16; c["num_hidden_layers"] = 24;
  c["word_embed_proj_dim"] = 512; c["do_layer_norm_before"] = false;
  EXPECT_EQ(count_config(c).total, 331196416);
}

// BLOOM-560m (bigscience/bloom-560m): 559,214,592 = 250880·1024 + 2·1024 (embedding LayerNorm)
//   + 24·(4·1024 + 3·1024² + 3·1024 + 1024² + 1024 + 1024·4096 + 4096 + 4096·1024 + 1024) + 2·1024.
TEST(ParamCount, Bloom560mMatchesPublished) {
  const json c = json::parse(R"({"model_type":"bloom","hidden_size":1024,"n_head":16,"n_layer":24,
    "vocab_size":250880,"apply_residual_connection_post_layernorm":false})");
  EXPECT_EQ(count_config(c).total, 559214592);
}

// Falcon-7B (tiiuae/falcon-7b): 6,921,720,704, old architecture, multi-query (qkv out (71+2)·64), one LayerNorm
// per parallel block, no biases, tied: 65024·4544 + 32·(2·4544 + 4544·4672 + 4544² + 2·4544·18176) + 2·4544.
// Falcon-40B (tiiuae/falcon-40b): 41,303,293,952, new architecture, 8 KV groups (qkv out (128+16)·64),
// ln_attn and ln_mlp: 65024·8192 + 60·(4·8192 + 8192·9216 + 8192² + 2·8192·32768) + 2·8192.
TEST(ParamCount, FalconOldAndNewArchitectureMatchPublished) {
  json c = json::parse(R"({"model_type":"falcon","hidden_size":4544,"num_attention_heads":71,
    "num_hidden_layers":32,"vocab_size":65024,"multi_query":true,"new_decoder_architecture":false,
    "parallel_attn":true,"bias":false,"alibi":false})");
  EXPECT_EQ(count_config(c).total, 6921720704);
  c = json::parse(R"({"model_type":"falcon","hidden_size":8192,"num_attention_heads":128,"num_kv_heads":8,
    "num_hidden_layers":60,"vocab_size":65024,"new_decoder_architecture":true,"parallel_attn":true,"bias":false})");
  EXPECT_EQ(count_config(c).total, 41303293952);
  // Sequential blocks (parallel_attn false, Falcon-RW style) add post_attention_layernorm: 60·2·8192 more.
  c["parallel_attn"] = false;
  EXPECT_EQ(count_config(c).total, 41303293952);  // the new architecture's two norms become two other norms
  c["new_decoder_architecture"] = false;
  c["multi_query"] = false;  // old layout: query_key_value is 3C, one norm pair, same count as MHA with K = H
  EXPECT_EQ(count_config(c).total, 41303293952 + 60LL * 8192 * (3 * 8192 - 9216));
}

// GPT-J-6B by hand (V 50400, C 4096, L 28, F 16384; one ln_1, bias-free q/k/v/out_proj, fc_in/fc_out and lm_head
// with biases, untied): 50400·4096 + 28·(2·4096 + 4·4096² + 4096·16384 + 16384 + 16384·4096 + 4096) + 2·4096
// + 50400·4096 + 50400 = 206,438,400 + 28·201,355,264 + 8,192 + 206,488,800 = 6,050,882,784.
TEST(ParamCount, GptJByHand) {
  const json c = json::parse(R"({"model_type":"gptj","n_embd":4096,"n_head":16,"n_layer":28,"n_positions":2048,
    "rotary_dim":64,"vocab_size":50400,"tie_word_embeddings":false})");
  EXPECT_EQ(count_config(c).total, 6050882784);
}

// Phi-2 (microsoft/phi-2): 2,779,683,840 = 51200·2560 + 32·(2·2560 + 4·(2560² + 2560) + 2560·10240 + 10240
//   + 10240·2560 + 2560) + 2·2560 + 51200·2560 + 51200 (lm_head bias).
TEST(ParamCount, Phi2MatchesPublished) {
  const json c = json::parse(R"({"model_type":"phi","hidden_size":2560,"intermediate_size":10240,
    "num_attention_heads":32,"num_hidden_layers":32,"num_key_value_heads":32,"vocab_size":51200,
    "partial_rotary_factor":0.4,"qk_layernorm":false,"tie_word_embeddings":false})");
  EXPECT_EQ(count_config(c).total, 2779683840);
}

// Phi-3-mini-4k (microsoft/Phi-3-mini-4k-instruct): 3,821,079,552 = 2·32064·3072
//   + 32·(3072·9216 + 3072² + 3072·16384 + 8192·3072 + 2·3072) + 3072.
TEST(ParamCount, Phi3MiniMatchesPublished) {
  const json c = json::parse(R"({"model_type":"phi3","hidden_size":3072,"intermediate_size":8192,
    "num_attention_heads":32,"num_hidden_layers":32,"num_key_value_heads":32,"vocab_size":32064,
    "sliding_window":2047,"tie_word_embeddings":false})");
  EXPECT_EQ(count_config(c).total, 3821079552);
}

// Gemma (google/gemma-2b, google/gemma-7b): tied, head_dim 256 decoupled from C/H.
//   2B: 256000·2048 + 18·(2048·2048 + 2·256·2048 + 2048·2048 + 3·2048·16384 + 2·2048) + 2048 = 2,506,172,416
//   7B: 256000·3072 + 28·(4·4096·3072 + 3·3072·24576 + 2·3072) + 3072                     = 8,537,680,896
// Gemma-2-9B (google/gemma-2-9b): 4 norms per block, no tie_word_embeddings key (defaults to tied):
//   256000·3584 + 42·(2·4096·3584 + 2·2048·3584 + 3·3584·14336 + 4·3584) + 3584          = 9,241,705,984
TEST(ParamCount, GemmaFamilyMatchesPublished) {
  json c = json::parse(R"({"model_type":"gemma","hidden_size":2048,"intermediate_size":16384,
    "num_attention_heads":8,"num_key_value_heads":1,"head_dim":256,"num_hidden_layers":18,"vocab_size":256000})");
  EXPECT_EQ(count_config(c).total, 2506172416);
  c = json::parse(R"({"model_type":"gemma","hidden_size":3072,"intermediate_size":24576,
    "num_attention_heads":16,"num_key_value_heads":16,"head_dim":256,"num_hidden_layers":28,"vocab_size":256000})");
  EXPECT_EQ(count_config(c).total, 8537680896);
  c = json::parse(R"({"model_type":"gemma2","hidden_size":3584,"intermediate_size":14336,"num_attention_heads":16,
    "num_key_value_heads":8,"head_dim":256,"num_hidden_layers":42,"vocab_size":256000,"sliding_window":4096})");
  EXPECT_EQ(count_config(c).total, 9241705984);
}

// Llama-family checkpoints (meta-llama/*, mistralai/Mistral-7B-v0.1, Qwen/Qwen2.5-7B): their published counts.
TEST(ParamCount, LlamaLikeCheckpointsMatchPublished) {
  const json l2 = json::parse(read_fixture("llama-2-7b.json"))["config"];
  json c = l2;
  c["hidden_size"] = 5120; c["intermediate_size"] = 13824; c["num_attention_heads"] = 40;
  c["num_key_value_heads"] = 40; c["num_hidden_layers"] = 40;
  EXPECT_EQ(count_config(c).total, 13015864320);  // Llama-2-13B
  c = l2;
  c["hidden_size"] = 8192; c["intermediate_size"] = 28672; c["num_attention_heads"] = 64;
  c["num_key_value_heads"] = 8; c["num_hidden_layers"] = 80;
  EXPECT_EQ(count_config(c).total, 68976648192);  // Llama-2-70B
  c = l2;
  c["vocab_size"] = 128256; c["intermediate_size"] = 14336; c["num_key_value_heads"] = 8;
  EXPECT_EQ(count_config(c).total, 8030261248);   // Llama-3.1-8B
  c["vocab_size"] = 128256; c["hidden_size"] = 16384; c["intermediate_size"] = 53248;
  c["num_attention_heads"] = 128; c["num_hidden_layers"] = 126;
  EXPECT_EQ(count_config(c).total, 405853388800);  // Llama-3.1-405B
  c = l2;
  c["model_type"] = "mistral"; c["intermediate_size"] = 14336; c["num_key_value_heads"] = 8;
  c["sliding_window"] = 4096;
  EXPECT_EQ(count_config(c).total, 7241732096);   // Mistral-7B-v0.1
  c = json::parse(R"({"model_type":"qwen2","hidden_size":3584,"intermediate_size":18944,"num_attention_heads":28,
    "num_key_value_heads":4,"num_hidden_layers":28,"vocab_size":152064,"tie_word_embeddings":false,
    "use_sliding_window":false,"sliding_window":131072,"max_window_layers":28})");
  EXPECT_EQ(count_config(c).total, 7615616512);   // Qwen2.5-7B
}

// Mixtral-8x22B-v0.1 (mistralai): 140,620,634,112 total, "39B active" (Mistral's announcement):
//   per layer 2·6144² + 2·1024·6144 + 8·3·6144·16384 + 8·6144 + 2·6144 = 2,504,060,928; ×56, + 2·32000·6144 + 6144.
//   Active drops 6 of 8 experts: 140,620,634,112 − 56·6·3·6144·16384 = 39,152,031,744.
TEST(ParamCount, Mixtral8x22BMatchesPublished) {
  json c = json::parse(read_fixture("mixtral-8x7b.json"))["config"];
  c["hidden_size"] = 6144; c["intermediate_size"] = 16384; c["num_attention_heads"] = 48;
  c["num_hidden_layers"] = 56;
  const ParamCount pc = count_config(c);
  EXPECT_EQ(pc.total, 140620634112);
  EXPECT_EQ(pc.active, 39152031744);
  EXPECT_NEAR(static_cast<double>(pc.active), 39e9, 0.5e9);
}

// Qwen1.5-MoE-A2.7B (model card: "14.3B parameters in total and 2.7B activated"): 60 experts of 1408, top-4,
// shared expert 5632 with a [1, C] gate, q/k/v biases, untied. By hand:
//   layer = 4·2048² + 3·2048 + 60·3·2048·1408 + 3·2048·5632 + 2048 + 60·2048 + 2·2048 = 570,560,512
//   total = 2·151936·2048 + 24·570,560,512 + 2048 = 14,315,784,192; active = total − 24·56·3·2048·1408.
TEST(ParamCount, Qwen2MoeMatchesModelCard) {
  const json c = json::parse(R"({"model_type":"qwen2_moe","hidden_size":2048,"intermediate_size":5632,
    "moe_intermediate_size":1408,"shared_expert_intermediate_size":5632,"num_experts":60,"num_experts_per_tok":4,
    "num_attention_heads":16,"num_key_value_heads":16,"num_hidden_layers":24,"vocab_size":151936,
    "decoder_sparse_step":1,"mlp_only_layers":[],"tie_word_embeddings":false})");
  const ParamCount pc = count_config(c);
  EXPECT_EQ(pc.total, 14315784192);
  EXPECT_EQ(pc.active, 14315784192 - 24LL * 56 * 3 * 2048 * 1408);
  EXPECT_NEAR(static_cast<double>(pc.total), 14.3e9, 0.05e9);
  EXPECT_NEAR(static_cast<double>(pc.active), 2.7e9, 0.05e9);
}

// Qwen3-30B-A3B (model card: 30.5B total, 3.3B activated; 48 layers, 128 experts, 8 active, head_dim 128):
//   layer = 2·2048·4096 + 2·2048·512 + 2·128 (q/k norms) + 128·3·2048·768 + 128·2048 + 2·2048 = 623,120,640
//   total = 2·151936·2048 + 48·623,120,640 + 2048 = 30,532,122,624
TEST(ParamCount, Qwen3MoeMatchesModelCard) {
  const json c = json::parse(R"({"model_type":"qwen3_moe","hidden_size":2048,"intermediate_size":6144,
    "moe_intermediate_size":768,"num_experts":128,"num_experts_per_tok":8,"num_attention_heads":32,
    "num_key_value_heads":4,"head_dim":128,"num_hidden_layers":48,"vocab_size":151936,"decoder_sparse_step":1,
    "mlp_only_layers":[],"tie_word_embeddings":false})");
  const ParamCount pc = count_config(c);
  EXPECT_EQ(pc.total, 30532122624);
  EXPECT_NEAR(static_cast<double>(pc.total), 30.5e9, 0.05e9);
  EXPECT_NEAR(static_cast<double>(pc.active), 3.3e9, 0.06e9);
  EXPECT_EQ(pc.components[static_cast<int>(Component::kMlp)], 0);  // intermediate_size 6144 is unused
}

// Qwen3-0.6B by hand (tied, head_dim 128 with C 1024 and 16 heads, q_norm/k_norm of 128):
//   layer = 1024·2048 + 2·1024·1024 + 2048·1024 + 2·128 + 3·1024·3072 + 2·1024 = 15,730,944
//   total = 151936·1024 + 28·15,730,944 + 1024 = 596,049,920 (model card: 0.6B, 0.44B non-embedding)
TEST(ParamCount, Qwen3DenseByHand) {
  const json c = json::parse(R"({"model_type":"qwen3","hidden_size":1024,"intermediate_size":3072,
    "num_attention_heads":16,"num_key_value_heads":8,"head_dim":128,"num_hidden_layers":28,"vocab_size":151936,
    "tie_word_embeddings":true})");
  const ParamCount pc = count_config(c);
  EXPECT_EQ(pc.total, 596049920);
  EXPECT_NEAR(static_cast<double>(pc.total - 151936LL * 1024), 0.44e9, 0.005e9);
}

// DeepSeek-V2 (model card: 236B total, 21B activated) and V2-Lite (15.7B, q_lora_rank null, 64 experts):
// V2-Lite by hand: attention 2048·3072 + 2048·576 + 512 + 512·4096 + 2048·2048 = 13,763,072 per layer;
//   layer 0 dense 3·2048·10944; layers 1-26: 64·3·2048·1408 + 3·2048·2816 + 64·2048; 2 norms of 2048 each;
//   total = 2·102400·2048 + 81,007,104 + 26·584,847,872 + 2048 = 15,706,484,224.
TEST(ParamCount, DeepSeekV2MatchesModelCard) {
  json c = json::parse(R"({"model_type":"deepseek_v2","hidden_size":5120,"intermediate_size":12288,
    "moe_intermediate_size":1536,"n_routed_experts":160,"n_shared_experts":2,"num_experts_per_tok":6,
    "first_k_dense_replace":1,"moe_layer_freq":1,"num_attention_heads":128,"num_key_value_heads":128,
    "num_hidden_layers":60,"q_lora_rank":1536,"kv_lora_rank":512,"qk_nope_head_dim":128,"qk_rope_head_dim":64,
    "v_head_dim":128,"vocab_size":102400,"topk_method":"group_limited_greedy","tie_word_embeddings":false})");
  ParamCount pc = count_config(c);
  EXPECT_NEAR(static_cast<double>(pc.total), 236e9, 0.5e9);
  EXPECT_NEAR(static_cast<double>(pc.active), 21e9, 0.5e9);
  EXPECT_EQ(pc.biases, 0);  // V2's router has no bias
  c["hidden_size"] = 2048; c["intermediate_size"] = 10944; c["moe_intermediate_size"] = 1408;
  c["n_routed_experts"] = 64; c["num_attention_heads"] = 16; c["num_key_value_heads"] = 16;
  c["num_hidden_layers"] = 27; c["q_lora_rank"] = nullptr;
  pc = count_config(c);
  EXPECT_EQ(pc.total, 15706484224);
}

// DBRX (Databricks: "132B total parameters of which 36B are active"): 16 experts top-4 of 10752, 8 KV heads,
// LayerNorm without bias, untied. 40·(8192·6144 + 6144² + 2·6144 + 16·6144 + 16·3·6144·10752) + 2·100352·6144 + 6144.
TEST(ParamCount, DbrxMatchesPublished) {
  const json c = json::parse(R"({"model_type":"dbrx","d_model":6144,"n_heads":48,"n_layers":40,
    "max_seq_len":32768,"vocab_size":100352,"attn_config":{"clip_qkv":8,"kv_n_heads":8,"rope_theta":500000},
    "ffn_config":{"ffn_hidden_size":10752,"moe_num_experts":16,"moe_top_k":4}})");
  const ParamCount pc = count_config(c);
  EXPECT_EQ(pc.total, 131596523520);
  EXPECT_NEAR(static_cast<double>(pc.total), 132e9, 0.5e9);
  EXPECT_NEAR(static_cast<double>(pc.active), 36e9, 0.5e9);
}

// StarCoder2-3B by hand (use_bias on every linear, LayerNorm with bias, GELU c_fc/c_proj, tied; HF lists 3.03B):
//   layer = 3072² + 3072 + 2·(256·3072 + 256) + 3072² + 3072 + 3072·12288 + 12288 + 12288·3072 + 3072 + 4·3072
//   total = 49152·3072 + 30·95,979,008 + 2·3072 = 3,030,371,328
TEST(ParamCount, Starcoder2ByHand) {
  const json c = json::parse(R"({"model_type":"starcoder2","hidden_size":3072,"intermediate_size":12288,
    "num_attention_heads":24,"num_key_value_heads":2,"num_hidden_layers":30,"vocab_size":49152,
    "sliding_window":4096,"use_bias":true})");
  EXPECT_EQ(count_config(c).total, 3030371328);
}

// StarCoder (gpt_bigcode, "15.5B"): multi-query c_attn 6144 → 6144 + 2·128, learned positions 8192, tied:
//   49152·6144 + 8192·6144 + 40·(4·6144 + 6144·6400 + 6400 + 6144² + 6144 + 2·6144·24576 + 24576 + 6144) + 2·6144
TEST(ParamCount, GptBigCodeMatchesPublished) {
  const json c = json::parse(R"({"model_type":"gpt_bigcode","n_embd":6144,"n_head":48,"n_layer":40,
    "n_positions":8192,"n_inner":24576,"vocab_size":49152,"multi_query":true})");
  const ParamCount pc = count_config(c);
  EXPECT_EQ(pc.total, 15517456384);
  EXPECT_NEAR(static_cast<double>(pc.total), 15.5e9, 0.05e9);
}

// StableLM-2-1.6B by hand (q/k/v biases, LayerNorm with bias, untied): 2·100352·2048
//   + 24·(3·(2048² + 2048) + 2048² + 3·2048·5632 + 4·2048) + 2·2048 = 1,644,515,328
// OLMo-7B (transformers "olmo", non-parametric LayerNorm, untied): 2·50304·4096 + 32·(4·4096² + 3·4096·11008)
//   = 6,888,095,744. OLMo-2 style adds per-layer q_norm (H·Dh) and k_norm (K·Dh): + 32·2·4096 over OLMo-7B's
//   layers with RMSNorm post-norms (2·4096 per layer) and a final norm 4096.
TEST(ParamCount, StableLmAndOlmoByHand) {
  json c = json::parse(R"({"model_type":"stablelm","hidden_size":2048,"intermediate_size":5632,
    "num_attention_heads":32,"num_key_value_heads":32,"num_hidden_layers":24,"vocab_size":100352,
    "use_qkv_bias":true,"use_parallel_residual":false,"qk_layernorm":false,"tie_word_embeddings":false})");
  EXPECT_EQ(count_config(c).total, 1644515328);
  c = json::parse(R"({"model_type":"olmo","hidden_size":4096,"intermediate_size":11008,"num_attention_heads":32,
    "num_hidden_layers":32,"vocab_size":50304,"attention_bias":false,"clip_qkv":null,"tie_word_embeddings":false})");
  EXPECT_EQ(count_config(c).total, 6888095744);
  c["model_type"] = "olmo2";
  EXPECT_EQ(count_config(c).total, 6888095744 + 32LL * 2 * 4096 + 32LL * 2 * 4096 + 4096);
}

// A config.json as published, byte for byte: Qwen3-8B-Base (https://huggingface.co/Qwen/Qwen3-8B-Base, copied in
// github.com/Chen-Oliver/qwen3-8b-base/config.json); the Hub's safetensors count is 8,190,735,360.
TEST(ParamCount, Qwen3EightBBaseConfigMatchesPublished) {
  const ImportResult r = import_model_text(read_fixture("qwen3-8b-base.json"));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.best_effort);
  EXPECT_EQ(count_parameters(r.arch).total, 8190735360);
}

// Families counted from their modelling files, against the Hub's safetensors counts (architecture fields of each
// config.json at the URL named; keys that add no parameters left out).
TEST(ParamCount, NewerFamiliesMatchPublished) {
  // https://huggingface.co/microsoft/Phi-3.5-MoE-instruct: 41,873,153,344 (41.9B), 6.6B active.
  const ParamCount phimoe = count_config(json::parse(R"({"model_type":"phimoe","hidden_size":4096,
    "intermediate_size":6400,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,
    "num_local_experts":16,"num_experts_per_tok":2,"vocab_size":32064,"attention_bias":true,"lm_head_bias":true,
    "tie_word_embeddings":false,"sliding_window":131072})"));
  EXPECT_EQ(phimoe.total, 41873153344);
  EXPECT_NEAR(static_cast<double>(phimoe.active), 6.6e9, 0.05e9);
  // https://huggingface.co/CohereForAI/c4ai-command-r-v01: 34,980,831,232 (35B), tied embeddings. (Fields as a
  // third-party test quotes the config; no verbatim copy found.)
  EXPECT_EQ(count_config(json::parse(R"({"model_type":"cohere","hidden_size":8192,"intermediate_size":22528,
    "num_hidden_layers":40,"num_attention_heads":64,"num_key_value_heads":64,"vocab_size":256000,
    "use_qk_norm":false})")).total, 34980831232);
  // https://huggingface.co/HuggingFaceTB/SmolLM3-3B: 3,075,098,624 (3.08B), tied. Fields checked against the
  // config.json copied in github.com/fetchwiki/HuggingFaceTB-SmolLM3-3B (no tie_word_embeddings key: the
  // SmolLM3Config default, tied); its model_files.json shards sum to 6,150,235,008 bytes, 2 per BF16 weight plus
  // the two safetensors headers.
  EXPECT_EQ(count_config(json::parse(R"({"model_type":"smollm3","hidden_size":2048,"intermediate_size":11008,
    "num_hidden_layers":36,"num_attention_heads":16,"num_key_value_heads":4,"vocab_size":128256,
    "tie_word_embeddings":true})")).total, 3075098624);
  // https://huggingface.co/ibm-granite/granite-3.1-8b-instruct: 8.17B, tied.
  EXPECT_NEAR(static_cast<double>(count_config(json::parse(R"({"model_type":"granite","hidden_size":4096,
    "intermediate_size":12800,"num_hidden_layers":40,"num_attention_heads":32,"num_key_value_heads":8,
    "vocab_size":49155,"tie_word_embeddings":true})")).total), 8.17e9, 0.005e9);
  // https://huggingface.co/baidu/ERNIE-4.5-21B-A3B-PT: 21.8B total; layer 0 dense, 27 MoE layers of 64 experts
  // (top-6) plus 2 shared ones.
  EXPECT_NEAR(static_cast<double>(count_config(json::parse(R"({"model_type":"ernie4_5_moe","hidden_size":2560,
    "intermediate_size":12288,"moe_intermediate_size":1536,"moe_num_experts":64,"moe_k":6,"moe_num_shared_experts":2,
    "moe_layer_start_index":1,"moe_layer_end_index":27,"moe_layer_interval":1,"num_hidden_layers":28,
    "num_attention_heads":20,"num_key_value_heads":4,"head_dim":128,"vocab_size":103424,
    "tie_word_embeddings":true,"use_bias":false})")).total), 21.8e9, 0.05e9);
  // https://huggingface.co/ai21labs/Jamba-v0.1: 51.6B total, 12B active (AI21's card); attention on layers
  // 4, 12, 20, 28, MoE on odd layers. (Every field here equals AI21-Jamba-1.5-Mini's config.json, the same
  // architecture, as quoted in public test code; v0.1's own file was not found.)
  const ParamCount jamba = count_config(json::parse(R"({"model_type":"jamba","hidden_size":4096,
    "intermediate_size":14336,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,
    "num_experts":16,"num_experts_per_tok":2,"vocab_size":65536,"attn_layer_period":8,"attn_layer_offset":4,
    "expert_layer_period":2,"expert_layer_offset":1,"mamba_d_state":16,"mamba_d_conv":4,"mamba_expand":2,
    "mamba_dt_rank":256,"mamba_conv_bias":true,"mamba_proj_bias":false,"tie_word_embeddings":false})"));
  EXPECT_NEAR(static_cast<double>(jamba.total), 51.6e9, 0.05e9);
  EXPECT_NEAR(static_cast<double>(jamba.active), 12e9, 0.5e9);
  // https://huggingface.co/nvidia/NVIDIA-Nemotron-Nano-9B-v2: 8.89B; 27 Mamba-2, 4 attention, 25 MLP blocks.
  // (The same fields and hybrid_override_pattern in several independent quotes of the config; no verbatim copy.)
  EXPECT_NEAR(static_cast<double>(count_config(json::parse(R"({"model_type":"nemotron_h","hidden_size":4480,
    "intermediate_size":15680,"num_hidden_layers":56,
    "hybrid_override_pattern":"M-M-M-MM-M-M-M*-M-M-M*-M-M-M-M*-M-M-M-M*-M-MM-M-M-M-M-M-","num_attention_heads":40,
    "num_key_value_heads":8,"head_dim":128,"mamba_num_heads":128,"mamba_head_dim":80,"ssm_state_size":128,
    "n_groups":8,"conv_kernel":4,"vocab_size":131072,"tie_word_embeddings":false})")).total), 8.89e9, 0.005e9);
}

// Small configs by hand where no checkpoint is published.
// Cohere with use_qk_norm (V 10, C 8, L 1, H 2, K 1, Dh 4, F 16, tied): embed 80; q 64, k 32, v 32, o 64;
// q_norm [2, 4] 8, k_norm [1, 4] 4; MLP 3·8·16 = 384; one LayerNorm weight 8 and the final 8:
// 80 + 192 + 12 + 384 + 16 = 684. Cohere2 (the same without qk norms, 3 of 4 layers windowed): 672 for L 1.
// EXAONE 4 (post-norms only, q/k norms of Dh): embed 80 + lm_head 80 + 192 + 8 + 384 + 16 + 8 = 768.
// Nemotron-H "M-*" (C 8, Hs 2 heads of 4, N 2, G 1, Kc 2, F 16, V 10, untied): M: in_proj (8 + 12 + 2)·8 = 176,
// conv 12·2 + 12 = 36, dt_bias, A_log, D 6, norm 8, out_proj 64 = 290; -: up 128 + down 128 = 256;
// *: q 64, k 32, v 32, o 64 = 192 (H 2, K 1, Dh 4); norms 3·8 + 8; embed 80, lm_head 80: 930.
TEST(ParamCount, NewerFamiliesByHand) {
  const json tiny = json::parse(R"({"hidden_size":8,"intermediate_size":16,"num_hidden_layers":1,
    "num_attention_heads":2,"num_key_value_heads":1,"head_dim":4,"vocab_size":10})");
  json c = tiny;
  c["model_type"] = "cohere"; c["use_qk_norm"] = true;
  EXPECT_EQ(count_config(c).total, 684);
  c = tiny; c["model_type"] = "cohere2"; c["sliding_window"] = 4096; c["num_hidden_layers"] = 4;
  const ImportResult r2 = import_hf_config(c);
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2.arch.sliding_window_layers, 3);
  c["num_hidden_layers"] = 1;
  EXPECT_EQ(count_config(c).total, 672);
  c = tiny; c["model_type"] = "exaone4";
  EXPECT_EQ(count_config(c).total, 768);
  c = tiny; c["model_type"] = "nemotron_h"; c["num_hidden_layers"] = 3; c["hybrid_override_pattern"] = "M-*";
  c["mamba_num_heads"] = 2; c["mamba_head_dim"] = 4; c["ssm_state_size"] = 2; c["n_groups"] = 1; c["conv_kernel"] = 2;
  EXPECT_EQ(count_config(c).total, 930);
  // The same as layers_block_type with an MoE block instead of the MLP (E 4, k 2, F_e 16, shared 8, non-gated):
  // router 4·8 + bias 4; experts up [4, 16, 8] 512 and down [4, 8, 16] 512; shared up 64 + down 64:
  // 36 + 1,024 + 128 = 1,188, and 930 - 256 + 1,188 = 1,862; a token skips 2 experts: 2·(128 + 128) = 512 inactive.
  c.erase("hybrid_override_pattern");
  c["layers_block_type"] = json::array({"mamba", "moe", "attention"});
  c["n_routed_experts"] = 4; c["num_experts_per_tok"] = 2; c["moe_intermediate_size"] = 16;
  c["moe_shared_expert_intermediate_size"] = 8;
  const ParamCount moe = count_config(c);
  EXPECT_EQ(moe.total, 1862);
  EXPECT_EQ(moe.total - moe.active, 512);
  // Granite 4.0 hybrid, layers "mamba", "attention" (C 8, expand 1, Hs 2, N 2, G 1, Kc 2, no experts, shared
  // MLP 16, V 10, untied): mamba in_proj (8 + 12 + 2)·8 = 176, conv 36, 6, norm 8, out 64 = 290; attention 192;
  // two gated shared MLPs 2·384; norms 4·8 + 8; embed 80, lm_head 80: 290 + 192 + 768 + 40 + 160 = 1450.
  c = tiny; c["model_type"] = "granitemoehybrid"; c["num_hidden_layers"] = 2;
  c["layer_types"] = json::array({"mamba", "attention"}); c["shared_intermediate_size"] = 16;
  c["num_local_experts"] = 0; c["mamba_expand"] = 1; c["mamba_n_heads"] = 2; c["mamba_d_state"] = 2;
  c["mamba_n_groups"] = 1; c["mamba_d_conv"] = 2;
  EXPECT_EQ(count_config(c).total, 1450);
  // Falcon-H1, one parallel layer (the same mixer with mamba_d_ssm 8 and its norm, attention, a gated MLP 384,
  // input_layernorm and pre_ff_layernorm, the final norm, untied): 290 + 192 + 384 + 24 + 160 = 1050.
  c = tiny; c["model_type"] = "falcon_h1"; c["mamba_d_ssm"] = 8; c["mamba_n_heads"] = 2; c["mamba_d_state"] = 2;
  c["mamba_n_groups"] = 1; c["mamba_d_conv"] = 2; c["mamba_rms_norm"] = true;
  EXPECT_EQ(count_config(c).total, 1050);
}

// A family whose tensors no importer describes is an error naming it, never a Llama-like guess.
TEST(ParamCount, UncountedFamiliesSaySo) {
  const ImportResult r = import_hf_config(json::parse(R"({"model_type":"minimax","hidden_size":64,
    "num_hidden_layers":2,"num_attention_heads":4,"vocab_size":100,"intermediate_size":128})"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.errors.front().find("model_type \"minimax\" cannot be counted yet"), std::string::npos);
  const ImportResult e = import_hf_config(json::parse(R"({"model_type":"nemotron_h","hidden_size":64,
    "num_hidden_layers":2,"num_attention_heads":4,"vocab_size":100,"intermediate_size":128,
    "hybrid_override_pattern":"MX"})"));
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.errors.front().find("letter 'X' is not one of M (Mamba-2)"), std::string::npos);
}

}  // namespace
}  // namespace lpp::llm

// Stored elements and bytes against real checkpoints: gpt-oss-20b's safetensors index total, DeepSeek-V3's
// per-tensor shapes and element count, and the closed forms of the loaders' layouts (AutoGPTQ, AutoAWQ,
// bitsandbytes, compressed-tensors) with the arithmetic in comments.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "llm/hf_import.hpp"
#include "llm/presets.hpp"
#include "llm/storage.hpp"

namespace lpp::llm {
namespace {

using nlohmann::json;
using I64 = std::int64_t;

std::string read_fixture(const std::string& name) {
  std::ifstream f(std::string(LPP_LLM_FIXTURE_DIR) + "/" + name);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

TensorGroup group(std::string name, std::vector<I64> shape, I64 layers, Component c, bool bias = false) {
  TensorGroup t;
  t.name = std::move(name);
  t.shape = std::move(shape);
  t.layers = layers > 0 ? "0-" + std::to_string(layers - 1) : "";
  t.repeat = layers > 0 ? layers : 1;
  t.each = 1;
  for (I64 d : t.shape) t.each *= d;
  t.count = t.each * t.repeat;
  t.component = c;
  t.bias = bias;
  return t;
}

ParamCount from_groups(std::vector<TensorGroup> groups) {
  ParamCount pc;
  for (const TensorGroup& t : groups) pc.total += t.count;
  pc.tensors = std::move(groups);
  return pc;
}

const TensorStorage* find_row(const StorageReport& r, const std::string& name) {
  for (const TensorStorage& t : r.tensors)
    if (t.name == name) return &t;
  return nullptr;
}

const StoredTensor* find_part(const StorageReport& r, const std::string& name) {
  for (const TensorStorage& t : r.tensors)
    for (const StoredTensor& s : t.stored)
      if (s.name == name) return &s;
  return nullptr;
}

// gpt-oss-20b as its checkpoint names it (openai/gpt-oss-20b model.safetensors.index.json): hidden 2880, 24 layers,
// 32 experts of width 2880, 64 query heads and 8 key/value heads of 64, vocabulary 201,088, untied head.
ParamCount gpt_oss_20b() {
  const I64 C = 2880, L = 24, E = 32, F = 2880, V = 201088, Hq = 64 * 64, Hkv = 8 * 64;
  const std::string p = "model.layers.{i}.";
  return from_groups({
      group("model.embed_tokens.weight", {V, C}, 0, Component::kEmbeddings),
      group(p + "input_layernorm.weight", {C}, L, Component::kNorms),
      group(p + "self_attn.q_proj.weight", {Hq, C}, L, Component::kAttention),
      group(p + "self_attn.q_proj.bias", {Hq}, L, Component::kAttention, true),
      group(p + "self_attn.k_proj.weight", {Hkv, C}, L, Component::kAttention),
      group(p + "self_attn.k_proj.bias", {Hkv}, L, Component::kAttention, true),
      group(p + "self_attn.v_proj.weight", {Hkv, C}, L, Component::kAttention),
      group(p + "self_attn.v_proj.bias", {Hkv}, L, Component::kAttention, true),
      group(p + "self_attn.o_proj.weight", {C, Hq}, L, Component::kAttention),
      group(p + "self_attn.o_proj.bias", {C}, L, Component::kAttention, true),
      group(p + "self_attn.sinks", {64}, L, Component::kAttention),
      group(p + "post_attention_layernorm.weight", {C}, L, Component::kNorms),
      group(p + "mlp.router.weight", {E, C}, L, Component::kRouter),
      group(p + "mlp.router.bias", {E}, L, Component::kRouter, true),
      group(p + "mlp.experts.gate_up_proj", {E, C, 2 * F}, L, Component::kExperts),
      group(p + "mlp.experts.gate_up_proj_bias", {E, 2 * F}, L, Component::kExperts, true),
      group(p + "mlp.experts.down_proj", {E, F, C}, L, Component::kExperts),
      group(p + "mlp.experts.down_proj_bias", {E, C}, L, Component::kExperts, true),
      group("model.norm.weight", {C}, 0, Component::kNorms),
      group("lm_head.weight", {V, C}, 0, Component::kLmHead),
  });
}

CheckpointFormat format_of(const std::string& config_text) {
  const CheckpointFormat f = checkpoint_format(json::parse(config_text));
  EXPECT_TRUE(f.ok()) << (f.errors.empty() ? "" : f.errors.front());
  return f;
}

const char kGptOssConfig[] = R"({"torch_dtype": "bfloat16", "quantization_config": {
  "modules_to_not_convert": ["model.layers.*.self_attn", "model.layers.*.mlp.router", "model.embed_tokens", "lm_head"],
  "quant_method": "mxfp4"}})";

// openai/gpt-oss-20b's model.safetensors.index.json: "total_size": 13761264768. By hand: experts
// 24 × (32·5760·2880 + 32·2880·2880) = 19,110,297,600 weights at 17/32 byte (16 code bytes + 1 scale per 32)
// = 10,152,345,600 B; the other 1,804,459,584 parameters in bf16 = 3,608,919,168 B; sum 13,761,264,768.
TEST(Storage, GptOss20bMxfp4MatchesSafetensorsIndex) {
  const StorageReport r = storage_report(gpt_oss_20b(), format_of(kGptOssConfig));
  ASSERT_TRUE(r.overflow.empty());
  EXPECT_EQ(r.parameters, 20914757184);  // the model card's 21B; 20.91 B in the published count
  EXPECT_EQ(r.bytes, 13761264768);
  EXPECT_EQ(r.quantized_params, 19110297600);
  // codes: 19,110,297,600 / 2 = 9,555,148,800 uint8; scales 19,110,297,600 / 32 = 597,196,800 uint8
  EXPECT_EQ(r.quantized_elements, 9555148800);
  EXPECT_EQ(r.aux_elements, 597196800);
  EXPECT_EQ(r.elements, 9555148800 + 597196800 + 1804459584);
  EXPECT_NE(r.why.find("2 to an element of U8"), std::string::npos) << r.why;
}

// Mxfp4GptOssExperts (transformers integrations/mxfp4.py): gate_up_proj_blocks uint8 [E, 2F, C/32, 16] and
// gate_up_proj_scales [E, 2F, C/32]; down_proj_blocks [E, C, F/32, 16].
TEST(Storage, GptOssBlocksAndScalesHaveTheCheckpointShapes) {
  const StorageReport r = storage_report(gpt_oss_20b(), format_of(kGptOssConfig));
  const StoredTensor* blocks = find_part(r, "model.layers.{i}.mlp.experts.gate_up_proj_blocks");
  const StoredTensor* scales = find_part(r, "model.layers.{i}.mlp.experts.gate_up_proj_scales");
  const StoredTensor* down = find_part(r, "model.layers.{i}.mlp.experts.down_proj_blocks");
  ASSERT_TRUE(blocks && scales && down);
  EXPECT_EQ(blocks->shape, (std::vector<I64>{32, 5760, 90, 16}));
  EXPECT_EQ(blocks->type, StoreType::kU8);
  EXPECT_EQ(scales->shape, (std::vector<I64>{32, 5760, 90}));
  EXPECT_EQ(down->shape, (std::vector<I64>{32, 2880, 90, 16}));
  // attention, router, embeddings and head stay bf16 (listed, and mxfp4 only converts the experts)
  const TensorStorage* q = find_row(r, "model.layers.{i}.self_attn.q_proj.weight");
  ASSERT_TRUE(q);
  EXPECT_FALSE(q->quantized);
  EXPECT_EQ(q->stored.front().type, StoreType::kBf16);
}

CheckpointFormat deepseek_format(ParamCount* pc) {
  const json ref = json::parse(read_fixture("deepseek-v3.json"));
  const ImportResult r = import_hf_config(ref["config"]);
  EXPECT_TRUE(r.ok());
  *pc = count_parameters(r.arch);
  return checkpoint_format(ref);
}

// DeepSeek-R1 / V3 safetensors headers (tensor listing of the 671B checkpoint, same layout as V3): q_b_proj
// weight_scale_inv [192, 12], kv_a_proj_with_mqa [5, 56] (576 rows padded to 5 blocks of 128), o_proj [56, 128],
// routed experts' gate_proj [16, 56], all float32; gate.weight and eh_proj stay BF16, e_score_correction_bias F32.
TEST(Storage, DeepSeekV3Fp8ScalesHaveTheCheckpointShapes) {
  ParamCount pc;
  const CheckpointFormat f = deepseek_format(&pc);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f.scheme.method, QuantMethod::kFp8);
  const StorageReport r = storage_report(pc, f);
  const std::pair<const char*, std::vector<I64>> scales[] = {
      {"model.layers.{i}.self_attn.q_b_proj.weight_scale_inv", {192, 12}},
      {"model.layers.{i}.self_attn.kv_a_proj_with_mqa.weight_scale_inv", {5, 56}},
      {"model.layers.{i}.self_attn.o_proj.weight_scale_inv", {56, 128}},
      {"model.layers.{i}.mlp.experts.{e}.gate_proj.weight_scale_inv", {16, 56}},
      {"model.layers.{i}.mlp.gate_proj.weight_scale_inv", {144, 56}},
  };
  for (const auto& [name, shape] : scales) {
    const StoredTensor* s = find_part(r, name);
    ASSERT_TRUE(s) << name;
    EXPECT_EQ(s->shape, shape) << name;
    EXPECT_EQ(s->type, StoreType::kF32) << name;
  }
  const TensorStorage* gate = find_row(r, "model.layers.{i}.mlp.gate.weight");
  ASSERT_TRUE(gate);
  EXPECT_EQ(gate->stored.front().type, StoreType::kBf16);
  const StoredTensor* bias = find_part(r, "model.layers.{i}.mlp.gate.e_score_correction_bias");
  ASSERT_TRUE(bias);
  EXPECT_EQ(bias->type, StoreType::kF32);
  const StoredTensor* eh = find_part(r, "model.layers.61.eh_proj.weight");
  ASSERT_TRUE(eh);
  EXPECT_EQ(eh->type, StoreType::kBf16);
  EXPECT_EQ(eh->shape, (std::vector<I64>{7168, 14336}));
}

// The same listing gives the checkpoint's element count (weights, scales, MTP module): total_params_b 684.53.
TEST(Storage, DeepSeekV3StoredElementsMatchTheCheckpoint) {
  ParamCount pc;
  const StorageReport r = storage_report(pc, deepseek_format(&pc));
  EXPECT_EQ(r.parameters_stored, 684489845504);  // 671,026,419,200 + the 13,463,426,304 MTP module
  EXPECT_EQ(std::llround(static_cast<double>(r.elements) / 1e7), 68453);
  EXPECT_GT(r.elements, r.parameters_stored);     // fp8 stores one element a weight, plus the scales
  EXPECT_NE(r.why.find("mtp module"), std::string::npos) << r.why;
}

// AutoGPTQ's QuantLinear for Llama-2-7B's q_proj (I = O = 4096, 4 bits, group 128): qweight int32
// [4096/32·4, 4096] = [512, 4096], qzeros [4096/128, 4096/32·4] = [32, 512], scales fp16 [32, 4096], g_idx [4096].
// The whole checkpoint: each linear stores O·I·(1/2 + 1/256 + 1/64) bytes + 4·I for g_idx; per layer
// 202,375,168 · 0.51953125 + 4 · (4·4096 + 2·4096 + 11008) = 105,140,224 + 142,336; × 32 layers = 3,369,041,920;
// embeddings and head fp16 2 · 131,072,000 · 2 = 524,288,000; norms 65 · 4096 · 2 = 532,480; total 3,893,862,400.
TEST(Storage, GptqLlama2SevenBFollowsAutoGptqLayout) {
  const ImportResult m = load_preset("llama-2-7b");
  ASSERT_TRUE(m.ok());
  const CheckpointFormat f = format_of(R"({"torch_dtype": "float16", "quantization_config": {"quant_method": "gptq",
      "bits": 4, "group_size": 128, "desc_act": true, "sym": true}})");
  const StorageReport r = storage_report(count_parameters(m.arch), f);
  const StoredTensor* qw = find_part(r, "model.layers.{i}.self_attn.q_proj.qweight");
  const StoredTensor* qz = find_part(r, "model.layers.{i}.self_attn.q_proj.qzeros");
  const StoredTensor* sc = find_part(r, "model.layers.{i}.self_attn.q_proj.scales");
  const StoredTensor* gi = find_part(r, "model.layers.{i}.self_attn.q_proj.g_idx");
  ASSERT_TRUE(qw && qz && sc && gi);
  EXPECT_EQ(qw->shape, (std::vector<I64>{512, 4096}));
  EXPECT_EQ(qz->shape, (std::vector<I64>{32, 512}));
  EXPECT_EQ(sc->shape, (std::vector<I64>{32, 4096}));
  EXPECT_EQ(sc->type, StoreType::kF16);
  EXPECT_EQ(gi->shape, (std::vector<I64>{4096}));
  EXPECT_EQ(r.bytes, 3893862400);
  EXPECT_NE(f.scheme.label.find("desc_act"), std::string::npos);
}

// AutoAWQ's WQLinear_GEMM for Mixtral-8x7B's w1 (O = 14336, I = 4096, 4 bits, group 128): qweight int32
// [4096, 14336/8] = [4096, 1792], qzeros [32, 1792], scales [32, 14336]; the router "gate" is listed in
// modules_to_not_convert and stays fp16 [8, 4096].
TEST(Storage, AwqMixtralKeepsTheListedRouter) {
  const ImportResult m = load_preset("mixtral-8x7b");
  ASSERT_TRUE(m.ok());
  const CheckpointFormat f = format_of(R"({"torch_dtype": "float16", "quantization_config": {"quant_method": "awq",
      "bits": 4, "group_size": 128, "zero_point": true, "version": "gemm", "modules_to_not_convert": ["gate"]}})");
  const StorageReport r = storage_report(count_parameters(m.arch), f);
  const StoredTensor* qw = find_part(r, "model.layers.{i}.block_sparse_moe.experts.{e}.w1.qweight");
  const StoredTensor* qz = find_part(r, "model.layers.{i}.block_sparse_moe.experts.{e}.w1.qzeros");
  const StoredTensor* sc = find_part(r, "model.layers.{i}.block_sparse_moe.experts.{e}.w1.scales");
  ASSERT_TRUE(qw && qz && sc);
  EXPECT_EQ(qw->shape, (std::vector<I64>{4096, 1792}));
  EXPECT_EQ(qz->shape, (std::vector<I64>{32, 1792}));
  EXPECT_EQ(sc->shape, (std::vector<I64>{32, 14336}));
  const TensorStorage* gate = find_row(r, "model.layers.{i}.block_sparse_moe.gate.weight");
  ASSERT_TRUE(gate);
  EXPECT_FALSE(gate->quantized);
  EXPECT_EQ(gate->stored.front().shape, (std::vector<I64>{8, 4096}));
}

// QLoRA (Dettmers et al. 2023, section 3, "Double Quantization"): blocks of 64 with an fp32 absmax cost
// 32/64 = 0.5 bits per parameter; double quantization brings it to 8/64 + 32/(64·256) = 0.127 bits. For a
// 4096 × 4096 weight: 8,388,608 code bytes + 262,144 uint8 absmax + 1,024 fp32 nested absmax + 16 + 256 fp32 maps
// = 8,388,608 + 262,144 + 4,096 + 64 + 1,024 = 8,655,936 bytes.
TEST(Storage, BitsAndBytesNf4DoubleQuantMatchesQlora) {
  const ParamCount pc = from_groups({group("model.layers.{i}.self_attn.q_proj.weight", {4096, 4096}, 1, Component::kAttention)});
  const CheckpointFormat f = format_of(R"({"quantization_config": {"quant_method": "bitsandbytes", "load_in_4bit": true,
      "bnb_4bit_quant_type": "nf4", "bnb_4bit_use_double_quant": true}})");
  const StorageReport r = storage_report(pc, f);
  EXPECT_EQ(r.bytes, 8655936);
  // the absmax levels alone, without the two code books (64 + 1,024 B, fixed per tensor), are the paper's figure
  const double overhead_bits = 8.0 * static_cast<double>(r.bytes - 8388608 - 64 - 1024) / (4096.0 * 4096.0);
  EXPECT_DOUBLE_EQ(overhead_bits, 8.0 / 64 + 32.0 / (64 * 256));
  // without double quantization the absmax is fp32: 262,144 × 4 = 1,048,576 B, the paper's 0.5 bits
  const StorageReport single = storage_report(pc, format_of(R"({"quantization_config": {"quant_method": "bitsandbytes",
      "load_in_4bit": true, "bnb_4bit_quant_type": "nf4"}})"));
  EXPECT_EQ(single.bytes, 8388608 + 1048576 + 64);
}

// compressed-tensors W4A16 (group 128, symmetric, pack-quantized): weight_packed int32 [O, I/8], weight_scale
// [O, I/128] in the model dtype, weight_shape int64 [2]; lm_head ignored; asymmetric adds weight_zero_point
// [O/8, I/128].
TEST(Storage, CompressedTensorsPackQuantizedLayout) {
  const ParamCount pc = from_groups({group("model.layers.{i}.mlp.down_proj.weight", {4096, 14336}, 2, Component::kMlp),
                                     group("lm_head.weight", {128256, 4096}, 0, Component::kLmHead)});
  const char* cfg = R"({"torch_dtype": "bfloat16", "quantization_config": {"quant_method": "compressed-tensors",
      "format": "pack-quantized", "ignore": ["lm_head"], "config_groups": {"group_0": {"targets": ["Linear"],
      "weights": {"num_bits": 4, "type": "int", "symmetric": %s, "strategy": "group", "group_size": 128}}}}})";
  char sym[600], asym[600];
  std::snprintf(sym, sizeof sym, cfg, "true");
  std::snprintf(asym, sizeof asym, cfg, "false");
  const StorageReport r = storage_report(pc, format_of(sym));
  const StoredTensor* packed = find_part(r, "model.layers.{i}.mlp.down_proj.weight_packed");
  const StoredTensor* scale = find_part(r, "model.layers.{i}.mlp.down_proj.weight_scale");
  ASSERT_TRUE(packed && scale);
  EXPECT_EQ(packed->shape, (std::vector<I64>{4096, 1792}));
  EXPECT_EQ(scale->shape, (std::vector<I64>{4096, 112}));
  EXPECT_EQ(scale->type, StoreType::kBf16);
  EXPECT_FALSE(find_row(r, "lm_head.weight")->quantized);
  EXPECT_EQ(find_part(r, "model.layers.{i}.mlp.down_proj.weight_zero_point"), nullptr);
  const StorageReport asymmetric = storage_report(pc, format_of(asym));
  const StoredTensor* zero = find_part(asymmetric, "model.layers.{i}.mlp.down_proj.weight_zero_point");
  ASSERT_TRUE(zero);
  EXPECT_EQ(zero->shape, (std::vector<I64>{512, 112}));
}

// FP8 per-channel (llm-compressor's FP8_DYNAMIC): one fp8 byte a weight plus an [O, 1] scale.
TEST(Storage, CompressedTensorsFp8ChannelLayout) {
  const ParamCount pc = from_groups({group("model.layers.{i}.self_attn.k_proj.weight", {1024, 4096}, 1, Component::kAttention)});
  const StorageReport r = storage_report(pc, format_of(R"({"torch_dtype": "bfloat16", "quantization_config": {
      "quant_method": "compressed-tensors", "format": "float-quantized", "config_groups": {"group_0": {"targets": ["Linear"],
      "weights": {"num_bits": 8, "type": "float", "symmetric": true, "strategy": "channel"},
      "input_activations": {"num_bits": 8, "type": "float", "dynamic": true}}}}})"));
  EXPECT_EQ(r.bytes, 1024 * 4096 + 1024 * 2);  // 4,194,304 fp8 bytes + 1,024 bf16 scales
}

TEST(Storage, ModuleListsMatchAsTheLoadersDo) {
  EXPECT_TRUE(module_listed("model.layers.3.mlp.gate", {"gate"}));
  EXPECT_FALSE(module_listed("model.layers.3.mlp.gate_proj", {"gate"}));
  EXPECT_TRUE(module_listed("model.layers.7.self_attn", {"model.layers.*.self_attn"}));
  EXPECT_TRUE(module_listed("lm_head", {"re:.*lm_head"}));
  EXPECT_TRUE(module_listed("model.layers.0.mlp.gate", {"re:.*mlp.gate$"}));
  EXPECT_FALSE(module_listed("model.layers.0.mlp.gate_proj", {"re:.*mlp.gate$"}));
  EXPECT_TRUE(module_listed("model.layers.0.mlp.down_proj", {"model.layers.0"}));
  EXPECT_FALSE(module_listed("model.layers.10.mlp.down_proj", {"model.layers.1"}));
  EXPECT_FALSE(module_listed("model.layers.1.mlp", {"re:(a|b)"}));  // beyond the subset: matches nothing
}

// A skip list naming one layer splits the group: layer 0's down_proj stays bf16, layers 1-31 are quantized.
TEST(Storage, OneListedLayerSplitsItsGroup) {
  const ImportResult m = load_preset("llama-2-7b");
  const StorageReport r = storage_report(count_parameters(m.arch), format_of(R"({"quantization_config": {"quant_method":
      "fp8", "weight_block_size": [128, 128], "ignored_layers": ["model.layers.0.mlp.down_proj"]}})"));
  int rows = 0;
  for (const TensorStorage& t : r.tensors) {
    if (t.name != "model.layers.{i}.mlp.down_proj.weight") continue;
    ++rows;
    EXPECT_EQ(t.quantized, t.layers != "0") << t.layers;
  }
  EXPECT_EQ(rows, 2);
}

TEST(Storage, UnquantizedCheckpointIsDtypeTimesParameters) {
  const ImportResult m = load_preset("llama-2-7b");
  const StorageReport r = storage_report(count_parameters(m.arch), format_of(R"({"torch_dtype": "float16"})"));
  EXPECT_EQ(r.elements, 6738415616);  // Llama-2-7B's published count
  EXPECT_EQ(r.bytes, 2 * 6738415616);
  EXPECT_NE(r.why.find("one stored element of F16"), std::string::npos) << r.why;
}

TEST(Storage, BadQuantizationConfigsNameTheKey) {
  auto first_error = [](const char* text) {
    const CheckpointFormat f = checkpoint_format(json::parse(text));
    return f.errors.empty() ? std::string() : f.errors.front();
  };
  EXPECT_NE(first_error(R"({"quantization_config": {"quant_method": "hqq"}})").find("quant_method \"hqq\""), std::string::npos);
  EXPECT_NE(first_error(R"({"quantization_config": {"quant_method": "gptq", "bits": 5}})").find("bits (5)"), std::string::npos);
  EXPECT_NE(first_error(R"({"quantization_config": {"quant_method": "fp8", "weight_block_size": [128]}})")
                .find("weight_block_size"), std::string::npos);
  EXPECT_NE(first_error(R"({"quantization_config": {"quant_method": "bitsandbytes"}})").find("load_in_4bit"), std::string::npos);
  EXPECT_NE(first_error(R"({"quantization_config": {"quant_method": "compressed-tensors"}})").find("config_groups"),
            std::string::npos);
  EXPECT_NE(first_error(R"({"torch_dtype": "int3"})").find("torch_dtype \"int3\""), std::string::npos);
  EXPECT_NE(first_error(R"({"quantization_config": [1]})").find("expected an object"), std::string::npos);
}

}  // namespace
}  // namespace lpp::llm

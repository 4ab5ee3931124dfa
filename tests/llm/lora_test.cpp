// LoRA counts against peft's print_trainable_parameters as published for real models, and the target parser.
#include <gtest/gtest.h>

#include "llm/hf_import.hpp"
#include "llm/lora.hpp"
#include "llm/presets.hpp"

namespace lpp::llm {
namespace {

LoraReport report(const char* preset, const LoraOptions& o) {
  const ImportResult r = load_preset(preset);
  EXPECT_TRUE(r.ok()) << preset;
  return lora_report(r.arch, count_parameters(r.arch), o);
}

TEST(Lora, Llama2QvMatchesPeft) {
  // A llama-recipes fine-tune of meta-llama/Llama-2-7b-hf (r = 8, q_proj and v_proj) printed
  // "trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.06220594176090199".
  LoraOptions o;
  const LoraReport r = report("llama-2-7b", o);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  EXPECT_EQ(r.trainable, 4194304);
  EXPECT_EQ(r.all_params, 6742609920);
  EXPECT_NEAR(100 * r.trainable_share, 0.06220594176090199, 1e-12);
  ASSERT_EQ(r.modules.size(), 2u);
  EXPECT_EQ(r.modules[0].instances, 32);
  // Adapter on disk in fp32: 4,194,304 · 4 B; LoRA training: 6,738,415,616 · 2 B + 4,194,304 · 16 B.
  EXPECT_EQ(r.adapter_bytes.value, 16777216.0);
  EXPECT_EQ(r.lora_memory.value, 6738415616.0 * 2 + 4194304.0 * 16);
  EXPECT_EQ(r.full_memory.value, 6738415616.0 * 16);
}

TEST(Lora, Llama2AllLinearMatchesPeftAndQlora) {
  // Llama-2-7B, r = 16 on q, k, v, o, gate, up, down (peft's "all-linear" wraps the same seven): published as
  // "trainable params: 39,976,960 || all params: 6,778,392,576 || trainable%: 0.5898"; on a 4-bit
  // bitsandbytes base, peft versions that counted packed Params4bit once printed "all params: 3,540,389,888":
  // 262,410,240 unquantized + 6,476,005,376 / 2 packed + 39,976,960.
  LoraOptions o;
  o.rank = 16;
  o.targets = {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};
  const LoraReport r = report("llama-2-7b", o);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  EXPECT_EQ(r.trainable, 39976960);
  EXPECT_EQ(r.all_params, 6778392576);
  EXPECT_EQ(r.all_params_4bit, 3540389888);
  o.targets = {"all-linear"};
  EXPECT_EQ(report("llama-2-7b", o).trainable, 39976960);
  EXPECT_LT(r.qlora_memory.value, r.lora_memory.value);
}

TEST(Lora, Gpt2ConvOneDMatchesPeft) {
  // GPT-2 small, r = 8 on c_attn (a Conv1D 768 -> 2304): 12 · 8 · (768 + 2304) = 294,912, published as
  // "trainable params: 294,912 || all params: 124,734,720".
  LoraOptions o;
  o.targets = {"c_attn"};
  const LoraReport r = report("gpt2", o);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  EXPECT_EQ(r.trainable, 294912);
  EXPECT_EQ(r.all_params, 124734720);
}

TEST(Lora, ExpertsAndModulesToSave) {
  // Mixtral-8x7B w1 in every expert: 32 layers · 8 experts · 8 · (14336 + 4096) = 37,748,736; with experts off
  // w1 adds nothing (a note says why) and q_proj alone remains. lm_head saved in full: 32000 · 4096.
  LoraOptions o;
  o.targets = {"w1"};
  EXPECT_EQ(report("mixtral-8x7b", o).trainable, 37748736);
  o.experts = false;
  o.targets = {"q_proj", "w1"};
  const LoraReport off = report("mixtral-8x7b", o);
  EXPECT_EQ(off.trainable, 32 * 8 * (4096 + 4096));
  o.targets = {"q_proj"};
  o.modules_to_save = {"lm_head"};
  EXPECT_EQ(report("mixtral-8x7b", o).saved_params, 32000 * 4096);
}

TEST(Lora, BadTargetsNameThemselves) {
  LoraOptions o;
  o.targets = {"qproj"};
  const LoraReport r = report("llama-2-7b", o);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("\"qproj\" matches no module"), std::string::npos) << r.errors[0];
  EXPECT_NE(r.errors[0].find("q_proj"), std::string::npos);
  std::vector<std::string> errors;
  EXPECT_EQ(parse_lora_targets(" q_proj , v_proj", &errors), (std::vector<std::string>{"q_proj", "v_proj"}));
  EXPECT_TRUE(errors.empty());
  parse_lora_targets("q_proj,,v$", &errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("lora target 2 is empty"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("\"v$\""), std::string::npos) << errors[1];
}

}  // namespace
}  // namespace lpp::llm

// Architecture <-> JSON by one field table (read and write share it), for explicit-architecture presets (GPT-3,
// Grok-1) and for showing what a config was read as. Unknown keys and wrong types are errors, never ignored.
#include <cmath>
#include <utility>

#include "llm/hf_import.hpp"
#include "llm/json_guard.hpp"

namespace lpp::llm {
namespace {

using nlohmann::json;
using I64 = std::int64_t;

struct IntField { const char* key; I64 Architecture::*member; };
struct BoolField { const char* key; bool Architecture::*member; };

const IntField kIntFields[] = {
    {"vocab_size", &Architecture::vocab_size},
    {"hidden_size", &Architecture::hidden_size},
    {"num_layers", &Architecture::num_layers},
    {"num_heads", &Architecture::num_heads},
    {"num_kv_heads", &Architecture::num_kv_heads},
    {"head_dim", &Architecture::head_dim},
    {"intermediate_size", &Architecture::intermediate_size},
    {"embedding_dim", &Architecture::embedding_dim},
    {"learned_positions", &Architecture::learned_positions},
    {"norms_per_layer", &Architecture::norms_per_layer},
    {"q_lora_rank", &Architecture::q_lora_rank},
    {"kv_lora_rank", &Architecture::kv_lora_rank},
    {"qk_nope_head_dim", &Architecture::qk_nope_head_dim},
    {"qk_rope_head_dim", &Architecture::qk_rope_head_dim},
    {"v_head_dim", &Architecture::v_head_dim},
    {"num_experts", &Architecture::num_experts},
    {"experts_per_token", &Architecture::experts_per_token},
    {"expert_intermediate_size", &Architecture::expert_intermediate_size},
    {"shared_expert_intermediate_size", &Architecture::shared_expert_intermediate_size},
    {"first_dense_layers", &Architecture::first_dense_layers},
    {"moe_layer_period", &Architecture::moe_layer_period},
    {"moe_layer_phase", &Architecture::moe_layer_phase},
    {"sliding_window", &Architecture::sliding_window},
    {"sliding_window_layers", &Architecture::sliding_window_layers},
    {"mtp_layers", &Architecture::mtp_layers},
    {"ssm_version", &Architecture::ssm_version},
    {"ssm_inner", &Architecture::ssm_inner},
    {"ssm_state", &Architecture::ssm_state},
    {"ssm_conv_kernel", &Architecture::ssm_conv_kernel},
    {"ssm_heads", &Architecture::ssm_heads},
    {"ssm_groups", &Architecture::ssm_groups},
    {"ssm_dt_rank", &Architecture::ssm_dt_rank},
    {"linear_key_heads", &Architecture::linear_key_heads},
    {"linear_value_heads", &Architecture::linear_value_heads},
    {"linear_key_head_dim", &Architecture::linear_key_head_dim},
    {"linear_value_head_dim", &Architecture::linear_value_head_dim},
    {"linear_conv_kernel", &Architecture::linear_conv_kernel},
    {"vision_hidden", &Architecture::vision_hidden},
    {"vision_intermediate", &Architecture::vision_intermediate},
    {"vision_layers", &Architecture::vision_layers},
    {"vision_patch", &Architecture::vision_patch},
    {"vision_image", &Architecture::vision_image},
    {"vision_channels", &Architecture::vision_channels},
    {"vision_merge", &Architecture::vision_merge},
    {"vision_projector_in", &Architecture::vision_projector_in},
    {"vision_projector_out", &Architecture::vision_projector_out},
    {"vision_output", &Architecture::vision_output},
};

const BoolField kBoolFields[] = {
    {"tie_word_embeddings", &Architecture::tie_word_embeddings},
    {"embedding_norm", &Architecture::embedding_norm},
    {"qkv_bias", &Architecture::qkv_bias},
    {"o_bias", &Architecture::o_bias},
    {"mlp_bias", &Architecture::mlp_bias},
    {"lm_head_bias", &Architecture::lm_head_bias},
    {"final_norm", &Architecture::final_norm},
    {"shared_expert_gate", &Architecture::shared_expert_gate},
    {"router_bias", &Architecture::router_bias},
    {"mtp_stores_embedding", &Architecture::mtp_stores_embedding},
    {"active_counts_input_embedding", &Architecture::active_counts_input_embedding},
    {"attention_sinks", &Architecture::attention_sinks},
    {"attention_output_gate", &Architecture::attention_output_gate},
    {"ssm_proj_bias", &Architecture::ssm_proj_bias},
    {"ssm_conv_bias", &Architecture::ssm_conv_bias},
    {"ssm_gated_norm", &Architecture::ssm_gated_norm},
    {"ssm_bcdt_norms", &Architecture::ssm_bcdt_norms},
    {"vision_pooling_head", &Architecture::vision_pooling_head},
    {"vision_projector_bias", &Architecture::vision_projector_bias},
};

template <typename E>
using EnumNames = std::initializer_list<std::pair<E, const char*>>;

const EnumNames<MlpKind> kMlpNames = {{MlpKind::kPlain, "plain"}, {MlpKind::kGated, "gated"}};
const EnumNames<NormKind> kNormNames = {{NormKind::kRmsNorm, "rms_norm"},
                                        {NormKind::kLayerNorm, "layer_norm"},
                                        {NormKind::kLayerNormNoBias, "layer_norm_no_bias"},
                                        {NormKind::kNonParametric, "non_parametric"}};
const EnumNames<QkNorm> kQkNames = {{QkNorm::kNone, "none"}, {QkNorm::kHeadDim, "head_dim"},
                                    {QkNorm::kAllHeads, "all_heads"}};
const EnumNames<AttentionKind> kAttentionNames = {{AttentionKind::kStandard, "standard"},
                                                  {AttentionKind::kMla, "mla"}};
const EnumNames<VisionKind> kVisionNames = {{VisionKind::kNone, "none"}, {VisionKind::kSiglip, "siglip"},
                                            {VisionKind::kPixtral, "pixtral"}, {VisionKind::kLlama4, "llama4"}};
const EnumNames<NameStyle> kStyleNames = {
    {NameStyle::kLlama, "llama"}, {NameStyle::kGpt2, "gpt2"}, {NameStyle::kGptJ, "gptj"},
    {NameStyle::kGptNeox, "gpt_neox"}, {NameStyle::kOpt, "opt"}, {NameStyle::kBloom, "bloom"},
    {NameStyle::kFalcon, "falcon"}, {NameStyle::kFalconNew, "falcon_new"}, {NameStyle::kPhi, "phi"},
    {NameStyle::kPhi3, "phi3"}, {NameStyle::kMixtral, "mixtral"}, {NameStyle::kDeepseek, "deepseek"},
    {NameStyle::kDbrx, "dbrx"}, {NameStyle::kGptBigCode, "gpt_bigcode"}, {NameStyle::kStarcoder2, "starcoder2"},
    {NameStyle::kOlmo2, "olmo2"}, {NameStyle::kStableLm, "stablelm"}, {NameStyle::kGptOss, "gpt_oss"},
    {NameStyle::kLlama4, "llama4"}, {NameStyle::kMamba, "mamba"}, {NameStyle::kGraniteMoe, "granite_moe"},
    {NameStyle::kNemotronH, "nemotron_h"}};

template <typename E>
const char* enum_name(E v, EnumNames<E> names) {
  for (const auto& [e, n] : names)
    if (e == v) return n;
  return "?";
}

template <typename E>
void read_enum(const json& v, const char* key, EnumNames<E> names, E* out, std::vector<std::string>* errors) {
  std::string choices;
  for (const auto& [e, n] : names) {
    if (v.is_string() && v.get<std::string>() == n) { *out = e; return; }
    choices += (choices.empty() ? "" : ", ") + std::string(n);
  }
  errors->push_back(std::string(key) + " must be one of " + choices + ", got " + describe_json(v));
}

bool read_int(const json& v, const std::string& key, I64* out, std::vector<std::string>* errors) {
  if (v.is_number_integer() && !(v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX)) {
    *out = v.get<I64>();
    return true;
  }
  if (v.is_number_float() && std::isfinite(v.get<double>()) && v.get<double>() == std::floor(v.get<double>()) &&
      std::fabs(v.get<double>()) < 9.2e18) {
    *out = static_cast<I64>(v.get<double>());
    return true;
  }
  errors->push_back(key + " must be a 64-bit integer, got " + describe_json(v));
  return false;
}

}  // namespace

json architecture_to_json(const Architecture& a) {
  json j = json::object();
  j["model_type"] = a.model_type;
  j["names"] = enum_name(a.names, kStyleNames);
  j["mlp"] = enum_name(a.mlp, kMlpNames);
  j["norm"] = enum_name(a.norm, kNormNames);
  j["qk_norm"] = enum_name(a.qk_norm, kQkNames);
  j["attention"] = enum_name(a.attention, kAttentionNames);
  j["vision"] = enum_name(a.vision, kVisionNames);
  for (const IntField& f : kIntFields) j[f.key] = a.*f.member;
  for (const BoolField& f : kBoolFields) j[f.key] = a.*f.member;
  j["dense_layers"] = a.dense_layers;
  j["mixers"] = a.mixers;
  j["ffns"] = a.ffns;
  return j;
}

Architecture architecture_from_json(const json& j, const Architecture& base, std::vector<std::string>* errors) {
  Architecture a = base;
  for (const auto& [key, v] : j.items()) {
    bool known = false;
    for (const IntField& f : kIntFields)
      if (key == f.key) { known = true; read_int(v, key, &(a.*f.member), errors); }
    for (const BoolField& f : kBoolFields)
      if (key == f.key) {
        known = true;
        if (v.is_boolean()) a.*f.member = v.get<bool>();
        else errors->push_back(key + " must be true or false, got " + describe_json(v));
      }
    if (known) continue;
    if (key == "model_type") {
      if (v.is_string()) a.model_type = v.get<std::string>();
      else errors->push_back("model_type must be a string, got " + describe_json(v));
    } else if (key == "names") { read_enum(v, "names", kStyleNames, &a.names, errors);
    } else if (key == "mlp") { read_enum(v, "mlp", kMlpNames, &a.mlp, errors);
    } else if (key == "norm") { read_enum(v, "norm", kNormNames, &a.norm, errors);
    } else if (key == "qk_norm") { read_enum(v, "qk_norm", kQkNames, &a.qk_norm, errors);
    } else if (key == "attention") { read_enum(v, "attention", kAttentionNames, &a.attention, errors);
    } else if (key == "vision") { read_enum(v, "vision", kVisionNames, &a.vision, errors);
    } else if (key == "mixers" || key == "ffns") {
      if (v.is_string()) (key == "mixers" ? a.mixers : a.ffns) = v.get<std::string>();
      else errors->push_back(key + " must be a string of one letter per layer, got " + describe_json(v));
    } else if (key == "dense_layers") {
      a.dense_layers.clear();
      if (!v.is_array()) errors->push_back("dense_layers must be a list of layer indices, got " + describe_json(v));
      else
        for (const json& i : v) {
          I64 x = 0;
          if (read_int(i, "dense_layers[]", &x, errors)) a.dense_layers.push_back(x);
        }
    } else {
      errors->push_back("unknown architecture field \"" + key + "\"");
    }
  }
  return a;
}

}  // namespace lpp::llm

// The LLM lab's What-if view: a dial for every architecture field, grouped, edited on a copy of the current
// architecture; the difference from the imported model becomes LlmState::overrides (what a link keeps). Right:
// the live count against the preset, what changed, and resets. Counting and validation stay in core.
#include <imgui.h>

#include <cstdio>

#include "layout.hpp"
#include "llm_views.hpp"

namespace lpp::llm_lab {
namespace {

using I64 = std::int64_t;

struct DialContext {
  LlmFrame& f;
  const llm::Architecture& base;
  bool changed = false;
};

// A new row with the label, marked when the value differs from the imported model; leaves the value cell current.
void dial_row(const char* label, bool differs, const char* help) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  if (differs) ImGui::PushStyleColor(ImGuiCol_Text, palette::kVermillion);
  ImGui::PushTextWrapPos(0.0f);  // a long label wraps in its cell (a phone's column is narrow)
  ImGui::Text("%s%s", label, differs ? " ●" : "");
  ImGui::PopTextWrapPos();
  if (differs) ImGui::PopStyleColor();
  if (help && ImGui::IsItemHovered()) layout::tooltip("%s", help);
  ImGui::TableNextColumn();
}

void int_dial(DialContext& d, const char* id, const char* label, I64& value, I64 base_value, I64 step,
              const char* help) {
  dial_row(label, value != base_value, help);
  ImGui::SetNextItemWidth(-1);
  ImGui::PushID(id);
  const I64 fast = step * 16;
  if (ImGui::InputScalar("##v", ImGuiDataType_S64, &value, &step, &fast, "%lld")) d.changed = true;
  note_item(d.f.app.ui, id);
  ImGui::PopID();
}

void bool_dial(DialContext& d, const char* id, const char* label, bool& value, bool base_value, const char* help) {
  dial_row(label, value != base_value, help);
  ImGui::PushID(id);
  if (ImGui::Checkbox("##v", &value)) d.changed = true;
  note_item(d.f.app.ui, id);
  ImGui::PopID();
}

template <typename E>
void enum_dial(DialContext& d, const char* id, const char* label, E& value, E base_value,
               std::initializer_list<std::pair<E, const char*>> names, const char* help) {
  dial_row(label, value != base_value, help);
  ImGui::SetNextItemWidth(-1);
  ImGui::PushID(id);
  const char* current = "?";
  for (const auto& [e, n] : names)
    if (e == value) current = n;
  if (ImGui::BeginCombo("##v", current)) {
    for (const auto& [e, n] : names)
      if (ImGui::Selectable(n, e == value)) {
        value = e;
        d.changed = true;
      }
    ImGui::EndCombo();
  }
  note_item(d.f.app.ui, id);
  ImGui::PopID();
}

bool begin_group(const char* title, const char* id, bool open_by_default) {
  if (!ImGui::CollapsingHeader(title, open_by_default ? ImGuiTreeNodeFlags_DefaultOpen : 0)) return false;
  if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp)) return false;
  ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthStretch, 1.25f);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  return true;
}

void draw_dials(DialContext& d, llm::Architecture& a) {
  const llm::Architecture& b = d.base;
  const bool moe = a.num_experts > 0 || b.num_experts > 0;
  const bool mla = a.attention == llm::AttentionKind::kMla || b.attention == llm::AttentionKind::kMla;
  if (begin_group("Sizes", "g_sizes", true)) {
    int_dial(d, "llm.whatif.layers", "Layers L", a.num_layers, b.num_layers, 1, "decoder blocks");
    int_dial(d, "llm.whatif.hidden", "Hidden size C", a.hidden_size, b.hidden_size, 64, "residual stream width");
    int_dial(d, "llm.whatif.heads", "Query heads H", a.num_heads, b.num_heads, 1, nullptr);
    int_dial(d, "llm.whatif.kv_heads", "Key/value heads K", a.num_kv_heads, b.num_kv_heads, 1,
             "K = H: multi-head; 1 < K < H: grouped-query (GQA); K = 1: multi-query (MQA)");
    int_dial(d, "llm.whatif.head_dim", "Head dim Dh", a.head_dim, b.head_dim, 8,
             "per-head width; stays as set when C or H change (decoupled, as in Gemma)");
    int_dial(d, "llm.whatif.ffn", "MLP width F", a.intermediate_size, b.intermediate_size, 256,
             "dense MLP intermediate size (unused by MoE-only layers)");
    int_dial(d, "llm.whatif.vocab", "Vocabulary V", a.vocab_size, b.vocab_size, 256, nullptr);
    int_dial(d, "llm.whatif.positions", "Learned positions P", a.learned_positions, b.learned_positions, 128,
             "rows of a learned position table (GPT-2: 1024); 0 for rotary");
    int_dial(d, "llm.whatif.embedding_dim", "Embedding dim (OPT)", a.embedding_dim, b.embedding_dim, 64,
             "word_embed_proj_dim when it differs from C (adds project_in/out); 0 = C");
    ImGui::EndTable();
  }
  if (begin_group("MLP, embeddings and biases", "g_mlp", true)) {
    enum_dial(d, "llm.whatif.mlp", "MLP kind", a.mlp, b.mlp,
              {{llm::MlpKind::kPlain, "plain (GELU/ReLU, 2 matrices)"}, {llm::MlpKind::kGated, "gated (SwiGLU, 3 matrices)"}},
              nullptr);
    bool_dial(d, "llm.whatif.tied", "Tied head (lm_head = embedding)", a.tie_word_embeddings, b.tie_word_embeddings,
              "the output head reuses the token embedding; counted once");
    bool_dial(d, "llm.whatif.qkv_bias", "q, k, v biases", a.qkv_bias, b.qkv_bias, nullptr);
    bool_dial(d, "llm.whatif.o_bias", "Output projection bias", a.o_bias, b.o_bias, nullptr);
    bool_dial(d, "llm.whatif.mlp_bias", "MLP biases", a.mlp_bias, b.mlp_bias, nullptr);
    bool_dial(d, "llm.whatif.lm_head_bias", "lm_head bias", a.lm_head_bias, b.lm_head_bias, nullptr);
    bool_dial(d, "llm.whatif.embedding_norm", "Norm after embedding", a.embedding_norm, b.embedding_norm, "BLOOM");
    ImGui::EndTable();
  }
  if (begin_group("Norms", "g_norms", false)) {
    enum_dial(d, "llm.whatif.norm", "Norm kind", a.norm, b.norm,
              {{llm::NormKind::kRmsNorm, "RMSNorm (weight)"}, {llm::NormKind::kLayerNorm, "LayerNorm (weight, bias)"},
               {llm::NormKind::kLayerNormNoBias, "LayerNorm without bias"},
               {llm::NormKind::kNonParametric, "non-parametric"}},
              nullptr);
    int_dial(d, "llm.whatif.norms_per_layer", "Norms per block", a.norms_per_layer, b.norms_per_layer, 1,
             "1 parallel block, 2 pre-norm, 4 sandwich (Gemma-2)");
    bool_dial(d, "llm.whatif.final_norm", "Final norm", a.final_norm, b.final_norm, nullptr);
    enum_dial(d, "llm.whatif.qk_norm", "Query/key norms", a.qk_norm, b.qk_norm,
              {{llm::QkNorm::kNone, "none"}, {llm::QkNorm::kHeadDim, "per head (Dh)"},
               {llm::QkNorm::kAllHeads, "over all heads"}},
              nullptr);
    ImGui::EndTable();
  }
  if (begin_group("Experts (MoE)", "g_moe", moe)) {
    int_dial(d, "llm.whatif.experts", "Routed experts E", a.num_experts, b.num_experts, 1, "0 = dense");
    int_dial(d, "llm.whatif.top_k", "Experts per token k", a.experts_per_token, b.experts_per_token, 1, nullptr);
    int_dial(d, "llm.whatif.expert_ffn", "Expert MLP width Fe", a.expert_intermediate_size,
             b.expert_intermediate_size, 128, nullptr);
    int_dial(d, "llm.whatif.shared_ffn", "Shared expert width Fs", a.shared_expert_intermediate_size,
             b.shared_expert_intermediate_size, 128, "all shared experts fused; 0 = none");
    bool_dial(d, "llm.whatif.shared_gate", "Shared-expert gate", a.shared_expert_gate, b.shared_expert_gate, nullptr);
    bool_dial(d, "llm.whatif.router_bias", "Router bias", a.router_bias, b.router_bias, nullptr);
    int_dial(d, "llm.whatif.first_dense", "First dense layers", a.first_dense_layers, b.first_dense_layers, 1, nullptr);
    int_dial(d, "llm.whatif.moe_period", "MoE layer period", a.moe_layer_period, b.moe_layer_period, 1, nullptr);
    int_dial(d, "llm.whatif.moe_phase", "MoE layer phase", a.moe_layer_phase, b.moe_layer_phase, 1, nullptr);
    ImGui::EndTable();
  }
  if (begin_group("Latent attention (MLA)", "g_mla", mla)) {
    enum_dial(d, "llm.whatif.attention", "Attention", a.attention, b.attention,
              {{llm::AttentionKind::kStandard, "standard (q, k, v, o)"}, {llm::AttentionKind::kMla, "MLA (DeepSeek)"}},
              nullptr);
    int_dial(d, "llm.whatif.q_lora", "q_lora_rank", a.q_lora_rank, b.q_lora_rank, 64, "0 = full-rank q_proj");
    int_dial(d, "llm.whatif.kv_lora", "kv_lora_rank", a.kv_lora_rank, b.kv_lora_rank, 64, nullptr);
    int_dial(d, "llm.whatif.qk_nope", "qk_nope_head_dim", a.qk_nope_head_dim, b.qk_nope_head_dim, 8, nullptr);
    int_dial(d, "llm.whatif.qk_rope", "qk_rope_head_dim", a.qk_rope_head_dim, b.qk_rope_head_dim, 8, nullptr);
    int_dial(d, "llm.whatif.v_head", "v_head_dim", a.v_head_dim, b.v_head_dim, 8, nullptr);
    ImGui::EndTable();
  }
  if (begin_group("Attention span and extra modules", "g_span", false)) {
    int_dial(d, "llm.whatif.window", "Sliding window W", a.sliding_window, b.sliding_window, 512,
             "KV cache only: no parameters");
    int_dial(d, "llm.whatif.window_layers", "Sliding-window layers", a.sliding_window_layers,
             b.sliding_window_layers, 1, nullptr);
    int_dial(d, "llm.whatif.mtp", "MTP modules", a.mtp_layers, b.mtp_layers, 1,
             "DeepSeek-V3 multi-token prediction: counted apart from the headline");
    bool_dial(d, "llm.whatif.mtp_embedding", "MTP stores its embedding", a.mtp_stores_embedding,
              b.mtp_stores_embedding, nullptr);
    ImGui::EndTable();
  }
}

void draw_changes(LlmFrame& f) {
  const llm::ParamCount& pc = f.m.count;
  const llm::LabModel& m = f.rt.model;
  const llm::ParamCount& base_count = f.a.imported;   // the imported model's count, for the deltas
  section(f, "Live count");
  if (ImGui::BeginTable("live", 4, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn("imported");
    ImGui::TableSetupColumn("now");
    ImGui::TableSetupColumn("change");
    ImGui::TableHeadersRow();
    auto row = [&](const char* label, I64 was, I64 now, const std::string& formula) {
      ImGui::TableNextRow();
      ImGui::PushID(label);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(label);
      ImGui::TableNextColumn();
      count_text(f, "was", was, "");
      ImGui::TableNextColumn();
      count_text(f, "now", now, formula);
      ImGui::TableNextColumn();
      const I64 delta = now - was;
      ImGui::PushStyleColor(ImGuiCol_Text, delta > 0 ? palette::kBlue : delta < 0 ? palette::kVermillion : palette::kMuted);
      count_text(f, "delta", delta, llm::format_count(now) + " − " + llm::format_count(was));
      ImGui::PopStyleColor();
      ImGui::PopID();
    };
    row("total", base_count.total, f.a.total.value, f.a.total.formula);
    row("active per token", base_count.active, f.a.active.value, f.a.active.formula);
    for (int c = 0; c < llm::kComponentCount; ++c)
      if (base_count.components[c] != pc.components[c])
        row(llm::component_name(static_cast<llm::Component>(c)), base_count.components[c], pc.components[c],
            llm::component_formula(pc, static_cast<llm::Component>(c)));
    ImGui::EndTable();
  }
  note_item(f.app.ui, "llm.whatif.live");
  if (!m.ok()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kVermillion);
    for (const std::string& e : m.errors) ImGui::TextWrapped("%s", e.c_str());
    ImGui::PopStyleColor();
    explain("The counts above are the last valid model's until this is fixed.");
  }

  section(f, "Changed vs the imported model");
  const std::vector<llm::FieldChange>& changes = f.a.changes;
  if (changes.empty()) explain("Nothing yet: every dial is as imported. Change one on the left.");
  for (const llm::FieldChange& c : changes) {
    ImGui::PushID(c.field.c_str());
    if (ImGui::SmallButton("reset")) f.s.overrides.erase(c.field);
    ImGui::SameLine();
    ImGui::Text("%s: %s → %s", c.field.c_str(), c.from.c_str(), c.to.c_str());
    ImGui::PopID();
  }
  ImGui::BeginDisabled(changes.empty() && f.s.overrides.empty());
  if (ImGui::Button("Reset all to the imported model")) f.s.overrides = nlohmann::json::object();
  note_item(f.app.ui, "llm.whatif.reset");
  ImGui::EndDisabled();
}

}  // namespace

void draw_whatif_tab(LlmFrame& f) {
  // Edit the architecture the state describes (even when core rejected it: the user fixes it here).
  const bool have_base = f.rt.model.base.ok();
  const llm::Architecture& base = have_base ? f.rt.model.base.arch : f.m.base.arch;
  llm::Architecture edited = have_base ? f.rt.model.arch : f.m.arch;

  const float room_y = ImGui::GetContentRegionAvail().y;  // the tab's height (a block is as tall as its content)
  layout::Blocks blocks({{20.0f, 1.1f}, {18.0f, 1.0f}}, false);
  DialContext d{f, base};
  blocks.begin(0, "dials");
  if (blocks.stacked()) {
    draw_dials(d, edited);
  } else {  // beside the changes, the dials scroll on their own
    ImGui::BeginChild("dials", ImVec2(blocks.width(0), room_y), false);
    draw_dials(d, edited);
    ImGui::EndChild();
  }
  blocks.end();
  blocks.begin(1, "changes");
  draw_changes(f);
  blocks.end();
  if (d.changed) f.s.overrides = llm::architecture_overrides(base, edited);
}

}  // namespace lpp::llm_lab

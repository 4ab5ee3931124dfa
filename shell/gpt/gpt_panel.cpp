// The Tiny GPT lab's panel: play, pause, step and reset; the loss curves against tokens seen; the latest sample at
// the chosen temperature; the parameter count (the LLM engine's and the trainer's) with the per-tensor inventory;
// the choices that start a new run. One column that fits 360 px. It reads GptRuntime's analysis and edits
// GptLabState; the run itself advances in app_update, never here.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app.hpp"
#include "layers/layers_draw.hpp"
#include "layout.hpp"
#include "llm/estimates.hpp"
#include "plot.hpp"

namespace lpp {
namespace {

std::string count(std::int64_t n) { return llm::format_count(n); }

// A figure's number, with its formula in a tooltip (or below it, with Show formulas).
void figure(App& app, const char* label, const char* number, const std::string& formula) {
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  ImGui::TextUnformatted(number);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", formula.c_str());
  if (app.ui.show_formulas) ImGui::TextDisabled("%s", formula.c_str());
}

void draw_controls(App& app) {
  GptRuntime& rt = app.gpt;
  if (ImGui::Button(rt.playing ? "Pause" : "Train")) rt.playing = !rt.playing && rt.diverged.empty();
  note_item(app.ui, "gpt.play");
  ImGui::SameLine();
  if (ImGui::Button("Step")) gpt_step(app, 1);
  note_item(app.ui, "gpt.step");
  ImGui::SameLine();
  if (ImGui::Button("Reset")) gpt_reset(app);
  note_item(app.ui, "gpt.reset");
  ImGui::SameLine();
  ImGui::Checkbox("Formulas", &app.ui.show_formulas);
  ImGui::TextDisabled("step %ld · %s bytes seen · %.2f ms a step", rt.adam.step, count(rt.tokens).c_str(),
                      rt.step_seconds * 1e3);
  if (!rt.diverged.empty()) ImGui::TextColored(ImVec4(0.8f, 0.3f, 0, 1), "%s", rt.diverged.c_str());
}

void draw_loss(App& app) {
  const GptRuntime& rt = app.gpt;
  const gpt::GptModelAnalysis& m = rt.model_analysis;
  const gpt::GptProgressAnalysis& p = rt.progress;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f nats = %.3f bits per byte", p.train_loss.value, p.train_bits.value);
  figure(app, "Train loss:", buf, p.train_loss.formula + "\n" + p.train_bits.formula);
  std::snprintf(buf, sizeof buf, "%.3f nats = %.3f bits per byte", p.validation_loss.value, p.validation_bits.value);
  figure(app, "Validation:", buf, p.validation_loss.formula + "\n" + p.validation_bits.formula);

  double right = 1000, top = m.uniform_loss.value;
  for (const gpt::LossPoint& q : rt.history) {
    right = std::max(right, static_cast<double>(q.tokens));
    if (std::isfinite(q.train)) top = std::max(top, q.train);
  }
  const float fs = ImGui::GetFontSize();
  const float w = std::min(ImGui::GetContentRegionAvail().x, 34 * fs);
  const PlotArea a = begin_plot("##gpt_loss", ImVec2(w, 13 * fs), 0, right, 0, top * 1.05,
                                "training bytes seen", "loss, nats per byte");
  note_item(app.ui, "gpt.loss_plot");
  push_clip(a);
  const float lw = 2.0f * app.scale;
  // The two baselines: every byte equally likely (ln V) and the best context-free guess (the unigram).
  dashed_line(a.draw, a.to_screen(0, m.uniform_loss.value), a.to_screen(right, m.uniform_loss.value), palette::kMuted,
              1.0f * app.scale, 4 * app.scale, 0);
  dashed_line(a.draw, a.to_screen(0, m.unigram_loss.value), a.to_screen(right, m.unigram_loss.value),
              palette::kGreen, 1.5f * app.scale, 4 * app.scale, 0);
  float phase = 0;
  for (std::size_t i = 1; i < rt.history.size(); ++i) {
    const gpt::LossPoint& u = rt.history[i - 1];
    const gpt::LossPoint& v = rt.history[i];
    const double ux = static_cast<double>(u.tokens), vx = static_cast<double>(v.tokens);
    a.draw->AddLine(a.to_screen(ux, u.train), a.to_screen(vx, v.train), palette::kBlue, lw);
    phase = dashed_line(a.draw, a.to_screen(ux, u.validation), a.to_screen(vx, v.validation), palette::kOrange, lw,
                        5 * app.scale, phase);
  }
  pop_clip(a);
  ImGui::TextColored(ImColor(palette::kBlue), "train");
  ImGui::SameLine();
  ImGui::TextColored(ImColor(palette::kOrange), "validation (dashed)");
  ImGui::TextColored(ImColor(palette::kGreen), "unigram %.3f", m.unigram_loss.value);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m.unigram_loss.formula.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("uniform ln V = %.3f", m.uniform_loss.value);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m.uniform_loss.formula.c_str());
}

void draw_sample(App& app) {
  GptLabState& s = app.state.gpt;
  const GptRuntime& rt = app.gpt;
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 14 * ImGui::GetFontSize()));
  float temperature = static_cast<float>(s.temperature);
  if (ImGui::SliderFloat("##temp", &temperature, 0.0f, 2.0f, "temperature %.2f")) s.temperature = temperature;
  note_item(app.ui, "gpt.temperature");
  char prompt[257];
  std::snprintf(prompt, sizeof prompt, "%s", s.prompt.c_str());
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 14 * ImGui::GetFontSize()));
  if (ImGui::InputText("prompt", prompt, sizeof prompt)) s.prompt = prompt;
  note_item(app.ui, "gpt.prompt");
  const std::string& shown = rt.sample.empty() ? rt.sample_growing : rt.sample;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1, 1, 1, 1));
  ImGui::BeginChild("##sample", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 5.5f), ImGuiChildFlags_Border);
  ImGui::TextWrapped("%s", shown.c_str());
  ImGui::EndChild();
  ImGui::PopStyleColor();
  note_item(app.ui, "gpt.sample");
}

void draw_count(App& app) {
  const gpt::GptModelAnalysis& m = app.gpt.model_analysis;
  figure(app, "Parameters:", count(m.engine_params.value).c_str(), m.engine_params.formula);
  note_item(app.ui, "gpt.params");
  ImGui::SameLine();
  ImGui::TextDisabled(m.engine_params.value == m.trainer_params.value ? "= the trainer's floats" : "≠ the trainer's");
  figure(app, "Trainer allocates:", count(m.trainer_params.value).c_str(), m.trainer_params.formula);
  figure(app, "FLOPs per token:", count(static_cast<std::int64_t>(m.flops_per_token.value)).c_str(),
         m.flops_per_token.formula);
  char flops[32];
  std::snprintf(flops, sizeof flops, "%.3g", app.gpt.progress.training_flops.value);
  figure(app, "FLOPs so far:", flops, app.gpt.progress.training_flops.formula);
  if (ImGui::TreeNode("Tensors")) {
    if (ImGui::BeginTable("##gpt_tensors", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                                  ImGuiTableFlags_SizingStretchProp)) {
      ImGui::TableSetupColumn("tensor");
      ImGui::TableSetupColumn("shape");
      ImGui::TableSetupColumn("count");
      ImGui::TableHeadersRow();
      for (const gpt::TensorRow& r : m.tensors) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.shape.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(count(r.count).c_str());
      }
      ImGui::EndTable();
    }
    ImGui::TreePop();
  }
  if (ImGui::TreeNode("config.json")) {
    ImGui::TextDisabled("%s", m.family.empty() ? "the engine's explicit architecture" : m.family.c_str());
    ImGui::TextUnformatted(m.config_json.c_str());
    ImGui::TreePop();
  }
}

// A row of choices among `values`; `id` names the row for tests ("gpt.width.64").
void int_choices(App& app, const char* label, const char* id, int* field, std::initializer_list<int> values) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  for (int v : values) {
    char text[32], item[48];
    std::snprintf(text, sizeof text, "%d##%s", v, id);
    std::snprintf(item, sizeof item, "%s.%d", id, v);
    ImGui::SameLine();
    if (ImGui::RadioButton(text, *field == v)) *field = v;
    note_item(app.ui, item);
  }
}

template <typename E>
void enum_choice(App& app, const char* label, const char* id, E* field, E a, const char* a_name, E b,
                 const char* b_name) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  std::string ia = std::string(a_name) + "##" + id, ib = std::string(b_name) + "##" + id;
  if (ImGui::RadioButton(ia.c_str(), *field == a)) *field = a;
  note_item(app.ui, (std::string(id) + ".0").c_str());
  ImGui::SameLine();
  if (ImGui::RadioButton(ib.c_str(), *field == b)) *field = b;
  note_item(app.ui, (std::string(id) + ".1").c_str());
}

void draw_choices(App& app) {
  gpt::GptConfig& c = app.state.gpt.model;
  ImGui::TextDisabled("Each change starts a new run.");
  int_choices(app, "Layers", "gpt.layers", &c.layers, {1, 2, 3, 4, 6});
  int_choices(app, "Width", "gpt.width", &c.width, {16, 32, 48, 64, 96, 128});
  int_choices(app, "Heads", "gpt.heads", &c.heads, {1, 2, 4, 8});
  int_choices(app, "KV heads", "gpt.kv", &c.kv_heads, {1, 2, 4, 8});
  int_choices(app, "Context", "gpt.ctx", &c.context, {8, 16, 32, 64, 128});
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 12 * ImGui::GetFontSize()));
  ImGui::SliderInt("MLP width", &c.mlp_width, 8, 4 * 128, "F = %d");
  note_item(app.ui, "gpt.ff");
  enum_choice(app, "MLP", "gpt.mlp", &c.mlp, gpt::MlpKind::kGelu, "GELU", gpt::MlpKind::kSwiGlu, "SwiGLU");
  enum_choice(app, "Positions", "gpt.pos", &c.positions, gpt::Positions::kLearned, "learned", gpt::Positions::kRope,
              "RoPE");
  enum_choice(app, "Norm", "gpt.norm", &c.norm, gpt::NormKind::kLayerNorm, "LayerNorm", gpt::NormKind::kRmsNorm,
              "RMSNorm");
  ImGui::Checkbox("tied head", &c.tied);
  note_item(app.ui, "gpt.tied");
  ImGui::SameLine();
  ImGui::Checkbox("biases", &c.biases);
  note_item(app.ui, "gpt.bias");
  for (const std::string& p : app.gpt.spec_problems)
    ImGui::TextColored(ImVec4(0.8f, 0.3f, 0, 1), "%s: the run shown keeps its last good settings", p.c_str());

  gpt::TrainConfig& t = app.state.gpt.train;
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 12 * ImGui::GetFontSize()));
  float lr = static_cast<float>(t.learning_rate);
  if (ImGui::SliderFloat("peak learning rate", &lr, 1e-4f, 3e-2f, "%.4f", ImGuiSliderFlags_Logarithmic))
    t.learning_rate = lr;
  int_choices(app, "Batch", "gpt.batch", &t.batch, {4, 8, 16, 32});
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 12 * ImGui::GetFontSize()));
  int seed = static_cast<int>(app.state.gpt.seed % 1000000);
  if (ImGui::InputInt("seed", &seed) && seed >= 0) app.state.gpt.seed = static_cast<std::uint64_t>(seed);
  note_item(app.ui, "gpt.seed");
}

}  // namespace

void draw_gpt(App& app) {
  if (!app.gpt.built) {   // app_update builds the run at the start of the next frame
    ImGui::TextDisabled("Setting up the tiny GPT…");
    app.ui.keep_drawing = true;
    return;
  }
  ImGui::TextWrapped("A tiny GPT, trained here and now: a byte-level decoder-only transformer learning the project's "
                     "own text, one byte at a time. No weights are downloaded; every parameter starts random.");
  // The run, then what it is made of: side by side where both fit, one under the other on a phone.
  layout::Blocks blocks({{22.0f, 1.2f}, {22.0f, 1.0f}}, false);
  blocks.begin(0, "gpt-run");
  draw_controls(app);
  draw_loss(app);
  ImGui::SeparatorText("Sample");
  draw_sample(app);
  blocks.end();
  blocks.begin(1, "gpt-model");
  ImGui::SeparatorText("Parameters");
  draw_count(app);
  ImGui::SeparatorText("Choices");
  draw_choices(app);
  blocks.end();
}

}  // namespace lpp

// The Dials lab's Optimizer and Data tabs: optimizer choice and hyper-parameters, race selection, batching, the
// data generator, and CSV import (pasted into the box; errors name the line and the old data stays).
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "dials/csv_points.hpp"
#include "dials/dials_train.hpp"
#include "dials_views.hpp"
#include "layout.hpp"

namespace lpp {
namespace {

bool slider_double(const char* label, double& value, double lo, double hi, const char* fmt, bool log = false) {
  float v = static_cast<float>(value);
  if (!ImGui::SliderFloat(label, &v, static_cast<float>(lo), static_cast<float>(hi), fmt,
                          log ? ImGuiSliderFlags_Logarithmic : ImGuiSliderFlags_None))
    return false;
  value = v;
  return true;
}

void swatch(OptimizerKind kind) {
  ImGui::PushStyleColor(ImGuiCol_Text, optimizer_colour(kind));
  ImGui::TextUnformatted("■");
  ImGui::PopStyleColor();
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
}

// The update equation of `c` with its hyper-parameters filled in.
void update_rule(const DialsFrame& f, const OptimizerConfig& c) {
  char text[320];
  switch (c.kind) {
    case OptimizerKind::Sgd:
      std::snprintf(text, sizeof text, "θ ← θ − η·g = θ − %.4g·g", c.learning_rate);
      break;
    case OptimizerKind::Momentum:
      std::snprintf(text, sizeof text, "v ← μ·v + g = %.3g·v + g\nθ ← θ − η·v = θ − %.4g·v  (heavy ball)", c.momentum,
                    c.learning_rate);
      break;
    case OptimizerKind::Nesterov:
      std::snprintf(text, sizeof text, "v ← μ·v + g = %.3g·v + g\nθ ← θ − η·(g + μ·v) = θ − %.4g·(g + %.3g·v)",
                    c.momentum, c.learning_rate, c.momentum);
      break;
    case OptimizerKind::RmsProp:
      std::snprintf(text, sizeof text, "s ← ρ·s + (1 − ρ)·g² = %.3g·s + %.3g·g²\nθ ← θ − η·g/(√s + ε) = θ − %.4g·g/(√s + %.1e)",
                    c.rho, 1 - c.rho, c.learning_rate, c.epsilon);
      break;
    case OptimizerKind::Adam:
      std::snprintf(text, sizeof text,
                    "m ← β₁·m + (1 − β₁)·g,  s ← β₂·s + (1 − β₂)·g²  (β₁ = %.3g, β₂ = %.4g)\n"
                    "θ ← θ − η·m̂/(√ŝ + ε) = θ − %.4g·m̂/(√ŝ + %.1e),  m̂ = m/(1 − β₁ᵗ), ŝ = s/(1 − β₂ᵗ)",
                    c.beta1, c.beta2, c.learning_rate, c.epsilon);
      break;
  }
  ImGui::TextDisabled("Update rule (g = gradient)");
  formula_hint(f, text);
}

void hyper_parameters(DialsFrame& f, OptimizerConfig& c) {
  const float label_w = ImGui::CalcTextSize("steps/batch").x + ImGui::GetStyle().ItemInnerSpacing.x;
  ImGui::PushItemWidth(-label_w);
  slider_double("η (rate)", c.learning_rate, 1e-4, 10.0, "%.4g", true);
  note_item(f.app.ui, "dials.lr");
  if (c.kind == OptimizerKind::Momentum || c.kind == OptimizerKind::Nesterov)
    slider_double("μ", c.momentum, 0.0, 0.99, "%.2f");
  if (c.kind == OptimizerKind::RmsProp) slider_double("ρ", c.rho, 0.0, 0.999, "%.3f");
  if (c.kind == OptimizerKind::Adam) {
    slider_double("β₁", c.beta1, 0.0, 0.999, "%.3f");
    slider_double("β₂", c.beta2, 0.0, 0.9999, "%.4f");
  }
  if (c.kind == OptimizerKind::RmsProp || c.kind == OptimizerKind::Adam)
    slider_double("ε", c.epsilon, 1e-10, 1.0, "%.1e", true);
  ImGui::PopItemWidth();
  update_rule(f, c);
}

int text_resize(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* text = static_cast<std::string*>(data->UserData);
    text->resize(static_cast<std::size_t>(data->BufTextLen));
    data->Buf = text->data();
  }
  return 0;
}

}  // namespace

void draw_optimizer_tab(DialsFrame& f) {
  DialsTrainConfig& t = f.s.train;
  ImGui::Checkbox("Race several optimizers from one start", &t.race);
  note_item(f.app.ui, "dials.race");
  if (t.race) {
    for (int k = 0; k < kOptimizerKindCount; ++k) {
      const OptimizerKind kind = static_cast<OptimizerKind>(k);
      ImGui::PushID(k);
      swatch(kind);
      ImGui::Checkbox(optimizer_name(kind), &t.racers[k]);
      note_item(f.app.ui, (std::string("dials.racer.") + optimizer_name(kind)).c_str());
      ImGui::SameLine(ImGui::CalcTextSize("■ Momentum").x + ImGui::GetFrameHeight() + 6 * ImGui::GetStyle().ItemInnerSpacing.x);
      ImGui::SetNextItemWidth(-1);
      slider_double("##lr", t.optimizers[k].learning_rate, 1e-4, 10.0, "η %.4g", true);
      ImGui::PopID();
    }
    ImGui::Spacing();
  }
  const float combo_label = ImGui::CalcTextSize("steps/batch").x + ImGui::GetStyle().ItemInnerSpacing.x;
  ImGui::SetNextItemWidth(-combo_label);
  if (ImGui::BeginCombo(t.race ? "edit" : "optimizer", optimizer_name(t.optimizer))) {
    for (int k = 0; k < kOptimizerKindCount; ++k) {
      const OptimizerKind kind = static_cast<OptimizerKind>(k);
      if (ImGui::Selectable(optimizer_name(kind), kind == t.optimizer)) t.optimizer = kind;
    }
    ImGui::EndCombo();
  }
  note_item(f.app.ui, "dials.optimizer");
  hyper_parameters(f, t.optimizers[static_cast<int>(t.optimizer)]);

  ImGui::SeparatorText("Stability");
  const OptimizerConfig& c = t.optimizers[static_cast<int>(t.optimizer)];
  ImGui::Text("Plain gradient descent is stable for η < 2/λ_max = %.4g", 2 / f.lambda_max);
  char text[256];
  std::snprintf(text, sizeof text,
                "λ_max = %.4g, the largest eigenvalue of the Hessian H = 2·[[mean(x²), mean(x)], [mean(x), 1]]%s. "
                "Along that direction each step multiplies the error by (1 − η·λ_max): beyond 2/λ_max it grows.",
                f.lambda_max, f.s.use_bias ? "" : " (without a bias only 2·mean(x²))");
  formula_hint(f, text);
  const double own = max_stable_learning_rate(c, f.lambda_max);
  if (own > 0 && c.kind != OptimizerKind::Sgd) ImGui::Text("%s with μ = %.2f: η < %.4g", optimizer_name(c.kind), c.momentum, own);

  ImGui::SeparatorText("Batches");
  ImGui::Checkbox("Mini-batch", &t.mini_batch);
  note_item(f.app.ui, "dials.mini_batch");
  ImGui::SameLine();
  ImGui::BeginDisabled(!t.mini_batch);
  ImGui::SetNextItemWidth(-combo_label);
  ImGui::SliderInt("steps/batch", &t.batch_size, 1, std::max(2, f.data.size()), "%d points");
  ImGui::EndDisabled();
  ImGui::TextDisabled(t.mini_batch ? "Each step sees a random handful of points: noisy steps."
                                   : "Each step sees all %d points: the exact gradient.", f.data.size());
}

void draw_data_tab(DialsFrame& f) {
  DialsState& s = f.s;
  if (s.custom_points) {
    ImGui::TextWrapped("Fitting your %d points (edited or imported).", s.points.size());
    if (ImGui::Button("Back to generated data")) s.custom_points = false;
    note_item(f.app.ui, "dials.generated");
  }
  ImGui::SeparatorText("Generator");
  ImGui::BeginDisabled(s.custom_points);
  const float label_w = ImGui::CalcTextSize("intercept").x + ImGui::GetStyle().ItemInnerSpacing.x;
  ImGui::PushItemWidth(-label_w);
  slider_double("slope", s.data.slope, -4.0, 4.0, "%.2f");
  slider_double("intercept", s.data.intercept, -5.0, 5.0, "%.2f");
  slider_double("noise", s.data.noise, 0.0, 3.0, "%.2f");
  ImGui::SliderInt("points", &s.data.count, 2, 200);
  ImGui::PopItemWidth();
  ImGui::Text("Seed %llu", static_cast<unsigned long long>(s.data.seed));
  ImGui::SameLine();
  if (ImGui::Button("New data")) ++s.data.seed;
  note_item(f.app.ui, "dials.new_data");
  ImGui::EndDisabled();

  ImGui::SeparatorText("Edit with the mouse");
  ImGui::TextDisabled("Click empty space: add a point.  Drag a point: move it.\nRight-click a point: remove it.  "
                      "Drag the line: middle shifts b, ends turn a.");

  ImGui::SeparatorText("Import CSV (x, y per line)");
  std::string& text = s.scratch.csv_text;
  if (text.capacity() < 64) text.reserve(64);
  ImGui::InputTextMultiline("##csv", text.data(), text.capacity() + 1,
                            ImVec2(-1, ImGui::GetTextLineHeight() * 5), ImGuiInputTextFlags_CallbackResize, text_resize,
                            &text);
  note_item(f.app.ui, "dials.csv_text");
  if (ImGui::IsItemHovered() && text.empty()) layout::tooltip("Paste (Ctrl+V) lines such as 1.5, 3.2");
  if (ImGui::Button("Import")) {
    CsvPoints parsed = parse_csv_points(text);
    s.scratch.csv_errors = parsed.errors;
    if (parsed.ok()) {
      s.points = std::move(parsed.data);
      s.custom_points = true;
      s.scratch.csv_imported = s.points.size();
      s.scratch.scatter_x0 = s.scratch.scatter_x1 = 0;  // fit the axes to the new points
    }
  }
  note_item(f.app.ui, "dials.csv_import");
  ImGui::SameLine();
  if (ImGui::Button("Current points to the box")) {
    text.clear();
    char line[64];
    for (int i = 0; i < f.data.size(); ++i) {
      std::snprintf(line, sizeof line, "%.6g, %.6g\n", f.data.x[i], f.data.y[i]);
      text += line;
    }
  }
  if (!s.scratch.csv_errors.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kVermillion);
    for (const std::string& e : s.scratch.csv_errors) ImGui::TextWrapped("%s", e.c_str());
    ImGui::PopStyleColor();
    ImGui::TextDisabled("Nothing was imported; your data is unchanged.");
  } else if (s.scratch.csv_imported > 0) {
    ImGui::TextDisabled("Imported %d points.", s.scratch.csv_imported);
  }
}

}  // namespace lpp

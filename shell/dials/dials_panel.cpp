// The Dials view: y = a·x + b. Left, the controls (train toolbar, then Model / Optimizer / Data tabs); right, the
// data with the line, the loss landscape over (a, b) and the loss curve. Training runs in core (dials_train):
// this file only spends a budget of steps per frame and shows the result.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "dials/dials_train.hpp"
#include "dials/param_bytes.hpp"
#include "dials_views.hpp"
#include "layout.hpp"

namespace lpp {

ImU32 optimizer_colour(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::Sgd: return palette::kBlue;
    case OptimizerKind::Momentum: return palette::kOrange;
    case OptimizerKind::Nesterov: return palette::kGreen;
    case OptimizerKind::RmsProp: return palette::kPurple;
    case OptimizerKind::Adam: return palette::kVermillion;
  }
  return palette::kInk;
}

void formula_hint(const DialsFrame& f, const char* formula) {
  if (f.app.ui.show_formulas) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", formula);
    ImGui::PopStyleColor();
  } else if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
    ImGui::TextUnformatted(formula);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

namespace {

// A big number under a small label; hovering it (or "Show formulas") shows how it is computed.
void figure(const DialsFrame& f, const char* label, ImU32 colour, const char* formula, const char* fmt, double value) {
  ImGui::TextDisabled("%s", label);
  ImGui::PushFont(f.app.fonts.figure);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::Text(fmt, value);
  ImGui::PopStyleColor();
  ImGui::PopFont();
  formula_hint(f, formula);
}

// A dial: a slider for feel and a box for an exact value, side by side.
bool dial(UiState& ui, const char* id, const char* label, double& value, double lo, double hi, float width) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float box = ImGui::GetFontSize() * 4.6f;
  const float label_w = ImGui::CalcTextSize("a (weight)").x;
  ImGui::PushID(id);
  float v = static_cast<float>(value);
  bool changed = false;
  ImGui::SetNextItemWidth(std::max(width - box - label_w - 2 * st.ItemInnerSpacing.x, ImGui::GetFontSize() * 4));
  if (ImGui::SliderFloat("##slider", &v, static_cast<float>(std::min(lo, value)), static_cast<float>(std::max(hi, value)), "%.3f")) {
    value = v;
    changed = true;
  }
  note_item(ui, id);
  ImGui::SameLine(0, st.ItemInnerSpacing.x);
  ImGui::SetNextItemWidth(box);
  double typed = value;
  if (ImGui::InputDouble("##box", &typed, 0, 0, "%.4f") && std::isfinite(typed)) {
    value = typed;
    changed = true;
  }
  ImGui::SameLine(0, st.ItemInnerSpacing.x);
  ImGui::TextUnformatted(label);
  ImGui::PopID();
  return changed;
}

void draw_toolbar(DialsFrame& f) {
  DialsState& s = f.s;
  DialsRun& run = s.run;
  const bool can_run = dials_any_running(run);
  ImGui::BeginDisabled(!can_run && !run.playing);
  if (ImGui::Button(run.playing ? "Pause" : "Train", ImVec2(ImGui::GetFontSize() * 5, 0))) run.playing = !run.playing;
  ImGui::EndDisabled();
  note_item(f.app.ui, "dials.play");
  ImGui::SameLine();
  ImGui::BeginDisabled(!can_run);
  if (ImGui::Button("Step")) {
    run.playing = false;
    dials_advance(s, f.data, 1);
  }
  ImGui::EndDisabled();
  note_item(f.app.ui, "dials.step");
  ImGui::SameLine();
  if (ImGui::Button("Reset")) {
    run.playing = false;
    dials_reset_run(s, f.data);
  }
  note_item(f.app.ui, "dials.reset");
  // The speed slider takes a row of its own: its value must not hide under its grab, and a finger needs room.
  ImGui::SetNextItemWidth(-1);
  ImGui::SliderInt("##speed", &s.train.steps_per_frame, 1, 1000, "%d steps/frame", ImGuiSliderFlags_Logarithmic);
  note_item(f.app.ui, "dials.speed");
  if (ImGui::IsItemHovered()) layout::tooltip("Speed: optimizer steps per drawn frame");

  // One status row per runner: who, where, and how it ended.
  if (ImGui::BeginTable("runners", 4, ImGuiTableFlags_SizingStretchProp)) {
    for (const DialsRunner& r : run.runners) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Text, optimizer_colour(r.kind));
      ImGui::Text("■ %s", optimizer_name(r.kind));
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ImGui::Text("step %ld", r.steps);
      ImGui::TableNextColumn();
      ImGui::Text("L %.5g", r.loss);
      ImGui::TableNextColumn();
      if (r.status != RunStatus::Running)
        ImGui::TextDisabled(r.status == RunStatus::Converged ? "converged" : "diverged");
    }
    ImGui::EndTable();
  }
  for (DialsRunner& r : run.runners) {
    if (r.status != RunStatus::Diverged) continue;
    const Divergence& d = r.divergence;
    if (d.bad_data) {  // no rate can help, so no rate is offered
      ImGui::PushStyleColor(ImGuiCol_Text, palette::kVermillion);
      if (d.bad_point >= 0 && d.bad_point < f.data.size())
        ImGui::TextWrapped("%s cannot train: point %d (x = %.4g, y = %.4g) is not a finite number or too large to "
                           "square, so the loss is not a number at any learning rate.",
                           optimizer_name(r.kind), d.bad_point + 1, f.data.x[d.bad_point], f.data.y[d.bad_point]);
      else
        ImGui::TextWrapped("%s cannot train: the points are too large to square and sum, so the loss is not a "
                           "number at any learning rate.", optimizer_name(r.kind));
      ImGui::PopStyleColor();
      ImGui::TextWrapped("Parameters kept at a = %.4g, b = %.4g. Move or remove the point, or load other data.",
                         d.restored.a, d.restored.b);
      continue;
    }
    OptimizerConfig& c = s.train.optimizers[static_cast<int>(r.kind)];
    const double stable = d.kind_max_rate > 0 ? d.kind_max_rate : d.gd_max_rate;
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kVermillion);
    ImGui::TextWrapped("%s stopped at step %ld: the loss %s. The learning rate η = %.4g is too high.",
                       optimizer_name(r.kind), d.step, std::isfinite(d.loss) ? "exploded" : "became infinite or NaN",
                       d.learning_rate);
    ImGui::PopStyleColor();
    ImGui::TextWrapped("For plain gradient descent on this data the largest stable rate is 2/λ_max = 2/%.4g = %.4g "
                       "(λ_max: largest eigenvalue of the Hessian).", d.lambda_max, d.gd_max_rate);
    if (d.kind_max_rate > 0 && r.kind != OptimizerKind::Sgd)
      ImGui::TextWrapped("For %s with μ = %.2f it is %.4g.", optimizer_name(r.kind), c.momentum, d.kind_max_rate);
    ImGui::TextWrapped("Parameters restored to a = %.4g, b = %.4g.", d.restored.a, d.restored.b);
    char label[64];
    std::snprintf(label, sizeof label, "Use η = %.3g##%d", 0.9 * stable, static_cast<int>(r.kind));
    if (ImGui::Button(label)) {
      c.learning_rate = 0.9 * stable;
      dials_reset_run(s, f.data);
    }
    note_item(f.app.ui, "dials.use_stable_rate");
  }
}

void draw_model_tab(DialsFrame& f) {
  DialsState& s = f.s;
  const float w = ImGui::GetContentRegionAvail().x;
  dial(f.app.ui, "dials.a", "a (weight)", s.params.a, -5.0, 5.0, w);
  ImGui::BeginDisabled(!s.use_bias);
  dial(f.app.ui, "dials.b", "b (bias)", s.params.b, -10.0, 10.0, w);
  ImGui::EndDisabled();
  if (!is_hidden(f.app, "d.bias")) {
    if (ImGui::Checkbox("Use a bias", &s.use_bias) && !s.use_bias) s.params.b = 0.0;
    note_item(f.app.ui, "dials.use_bias");
    ImGui::SameLine();
    ImGui::TextDisabled(s.use_bias ? "(a scales, b shifts)" : "(the line must pass through (0, 0))");
  }

  char formula[512];
  const double loss = mse(f.stats, s.params);
  std::snprintf(formula, sizeof formula,
                "L = (1/N)·Σ (a·x + b − y)²  over the N = %d points\n  = (1/%d)·Σ (%.4g·x + %.4g − y)² = %.6g",
                f.data.size(), f.data.size(), s.params.a, s.params.b, loss);
  ImGui::Spacing();
  const float col = w * 0.5f;
  ImGui::BeginGroup();
  figure(f, "Loss (MSE)", palette::kVermillion, formula, "%.4f", loss);
  ImGui::EndGroup();
  ImGui::SameLine(col);
  ImGui::BeginGroup();
  std::snprintf(formula, sizeof formula, "P = %s = %d%s", s.use_bias ? "1 weight + 1 bias" : "1 weight",
                dials_param_count(s), s.use_bias ? "" : "  (b is fixed at 0, not a parameter)");
  figure(f, "Parameters", palette::kInk, formula, "%.0f", dials_param_count(s));
  ImGui::EndGroup();

  const LineGradient g = mse_gradient(f.stats, s.params);
  ImGui::Text("∂L/∂a = %.4f", g.da);
  std::snprintf(formula, sizeof formula,
                "∂L/∂a = (2/N)·Σ (a·x + b − y)·x = 2·(a·mean(x²) + b·mean(x) − mean(xy))\n"
                "      = 2·(%.4g·%.4g + %.4g·%.4g − %.4g) = %.6g",
                s.params.a, f.stats.mxx, s.params.b, f.stats.mx, f.stats.mxy, g.da);
  formula_hint(f, formula);
  if (!f.app.ui.show_formulas) ImGui::SameLine(col);
  if (s.use_bias) {
    ImGui::Text("∂L/∂b = %.4f", g.db);
    std::snprintf(formula, sizeof formula,
                  "∂L/∂b = (2/N)·Σ (a·x + b − y) = 2·(a·mean(x) + b − mean(y))\n      = 2·(%.4g·%.4g + %.4g − %.4g) = %.6g",
                  s.params.a, f.stats.mx, s.params.b, f.stats.my, g.db);
  } else {
    ImGui::TextDisabled("∂L/∂b: b is not trained");
    std::snprintf(formula, sizeof formula, "Without a bias b stays 0, so its gradient is not used.");
  }
  formula_hint(f, formula);

  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Best possible: L = %.4f at a = %.4f, b = %.4f", f.best_loss, f.best.a, f.best.b);
  ImGui::PopStyleColor();
  std::snprintf(formula, sizeof formula,
                s.use_bias ? "Least squares: a = cov(x, y)/var(x), b = mean(y) − a·mean(x), the closed-form solution "
                             "of the normal equations for the %d × 2 design matrix [x 1]."
                           : "Least squares through the origin: a = Σxy / Σx² (the normal equation for the %d × 1 "
                             "design matrix [x]).",
                f.data.size());
  formula_hint(f, formula);
  if (ImGui::Button("Fit: jump to the least-squares optimum")) s.params = f.best;
  note_item(f.app.ui, "dials.fit");

  if (is_hidden(f.app, "d.bytes")) return;
  ImGui::SeparatorText("Parameters are bytes (little-endian)");
  if (ImGui::BeginTable("bytes", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn("fp32 bytes");
    ImGui::TableSetupColumn("bf16 bytes");
    ImGui::TableHeadersRow();
    const double values[2] = {s.params.a, s.params.b};
    for (int i = 0; i < dials_param_count(s); ++i) {
      const std::uint32_t bits = fp32_bits(values[i]);
      const std::uint16_t half = bf16_bits(values[i]);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%s = %.4g", i == 0 ? "a" : "b", values[i]);
      ImGui::TableNextColumn();
      ImGui::Text("%02X %02X %02X %02X", bits & 0xFF, (bits >> 8) & 0xFF, (bits >> 16) & 0xFF, bits >> 24);
      ImGui::TableNextColumn();
      ImGui::Text("%02X %02X", half & 0xFF, half >> 8);
      if (ImGui::IsItemHovered()) layout::tooltip("bf16 keeps %.6g of %.6g", bf16_value(half), values[i]);
    }
    ImGui::EndTable();
  }
  note_item(f.app.ui, "dials.bytes");
  const int n = dials_param_count(s);
  ImGui::TextWrapped("%d × 4 bytes = %d bytes in fp32;  %d × 2 = %d bytes in bf16", n, n * 4, n, n * 2);
  std::snprintf(formula, sizeof formula,
                "memory = parameters × bytes per parameter: fp32 has 1 sign, 8 exponent and 23 fraction bits; bf16 "
                "keeps the sign, the 8 exponent bits and 7 fraction bits (the top half of fp32, rounded).");
  formula_hint(f, formula);
}

void draw_controls(DialsFrame& f) {
  if (!is_hidden(f.app, "d.train")) {
    draw_toolbar(f);
    ImGui::Spacing();
  }
  if (ImGui::BeginTabBar("dials-tabs")) {
    const bool model = ImGui::BeginTabItem("Model");
    note_item(f.app.ui, "dials.tab.model");
    if (model) {
      draw_model_tab(f);
      ImGui::EndTabItem();
    }
    if (!is_hidden(f.app, "d.optimizer")) {
      const bool optimizer = ImGui::BeginTabItem("Optimizer");
      note_item(f.app.ui, "dials.tab.optimizer");
      if (optimizer) {
        draw_optimizer_tab(f);
        ImGui::EndTabItem();
      }
    }
    if (!is_hidden(f.app, "d.data")) {
      const bool data = ImGui::BeginTabItem("Data");
      note_item(f.app.ui, "dials.tab.data");
      if (data) {
        draw_data_tab(f);
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  if (is_hidden(f.app, "d.formulas")) return;
  ImGui::Spacing();
  ImGui::Checkbox("Show formulas", &f.app.ui.show_formulas);
  note_item(f.app.ui, "dials.formulas");
  ImGui::SameLine();
  ImGui::TextDisabled("(or hover a number)");
}

// The data with its line and the loss landscape side by side where both fit, else one under the other; the loss
// curve under them. In one column (`column`) the plots take heights from their width; beside the controls they share
// the column's height. Lesson keys can drop the landscape or the curve; the rest grows into their space.
void draw_plots(DialsFrame& f, bool column) {
  const bool landscape = !is_hidden(f.app, "d.landscape");
  const bool curve = !is_hidden(f.app, "d.curve");
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImGuiStyle& style = ImGui::GetStyle();
  layout::Blocks pair({{14.0f}, {14.0f}}, false);
  const bool two_rows = landscape && pair.stacked();
  float top_h = 0, curve_h = 0;
  if (column) {
    top_h = layout::stacked_plot_height(pair.width(0), two_rows ? 0.75f : 0.6f);
    curve_h = layout::stacked_plot_height(avail.x, 0.3f);
  } else {
    // Each plot keeps 8 em at least: on a short screen (a phone on its side) the column scrolls instead.
    const float floor = ImGui::GetFontSize() * 8;
    curve_h = curve ? std::max(avail.y * 0.34f, floor) : 0.0f;
    top_h = avail.y - (curve ? curve_h + style.ItemSpacing.y : 0.0f);
    if (two_rows) top_h = (top_h - style.ItemSpacing.y) * 0.5f;
    top_h = std::max(top_h, floor);
  }
  if (!landscape) {
    draw_scatter(f, ImVec2(avail.x, top_h));
  } else {
    pair.begin(0, "data");
    draw_scatter(f, ImVec2(pair.width(0), top_h));
    pair.end();
    pair.begin(1, "landscape");
    draw_landscape(f, ImVec2(pair.width(1), top_h));
    pair.end();
  }
  if (curve) draw_loss_curve(f, ImVec2(avail.x, curve_h));
}

}  // namespace

void draw_dials(App& app) {
  DialsState& s = app.state.dials;
  const LineData& data = dials_points(s, app.derived.dials_data);
  // Catch up with last frame's edits (the run restarts if the dials, data or optimizer changed), then spend
  // this frame's budget of steps: bounded, so a frame never blocks.
  dials_sync_run(s, data);
  if (s.run.playing) dials_advance(s, data, std::clamp(s.train.steps_per_frame, 1, 1000));

  const LineStats stats = line_stats(data);
  const LineParams best = least_squares(data, s.use_bias);
  DialsFrame f{app, s, data, stats, best, s.use_bias ? best : least_squares(data, true), mse(stats, best),
               max_eigenvalue(mse_hessian(stats, s.use_bias))};

  // Controls on the left, plots on the right; in one column the plots come first: they are what the view is about.
  layout::Blocks blocks({{19.0f, 1.0f, 25.0f}, {29.0f, 2.0f}});
  auto controls = [&] {
    blocks.begin(0, "dials-controls");
    draw_controls(f);
    blocks.end();
  };
  auto plots = [&] {
    blocks.begin(1, "dials-plots", ImGuiWindowFlags_NoScrollWithMouse);  // the wheel zooms the plots
    draw_plots(f, blocks.stacked());
    blocks.end();
  };
  if (blocks.stacked()) {
    plots();
    controls();
  } else {
    controls();
    plots();
  }
}

}  // namespace lpp

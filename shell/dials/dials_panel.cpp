// The Dials view: y = a·x + b over a seeded noisy data set. Sliders for the two parameters, the live loss,
// the parameter count, and a scatter plot with the line and each point's residual.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "plot.hpp"

namespace lpp {
namespace {

void figure(const App& app, const char* label, const char* fmt, double value, ImU32 colour) {
  ImGui::TextDisabled("%s", label);
  ImGui::PushFont(app.fonts.figure);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::Text(fmt, value);
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void draw_controls(App& app) {
  DialsState& s = app.state.dials;
  const LineData& data = app.derived.dials_data;
  const int count = dials_param_count(s);

  figure(app, "Parameters", "%.0f", count, palette::kInk);
  ImGui::TextWrapped(s.use_bias ? "a is a weight: it scales the input. b is a bias: it shifts the output."
                                : "Only the weight a: without a bias the line must pass through (0, 0).");
  ImGui::Spacing();

  const float label_w = ImGui::CalcTextSize("a (weight)").x + ImGui::GetStyle().ItemInnerSpacing.x * 2;
  ImGui::PushItemWidth(-label_w);
  float a = static_cast<float>(s.params.a);
  if (ImGui::SliderFloat("a (weight)", &a, -5.0f, 5.0f, "%.3f")) s.params.a = a;
  note_item(app.ui, "dials.a");
  ImGui::BeginDisabled(!s.use_bias);
  float b = static_cast<float>(s.params.b);
  if (ImGui::SliderFloat("b (bias)", &b, -10.0f, 10.0f, "%.3f")) s.params.b = b;
  ImGui::EndDisabled();
  ImGui::PopItemWidth();
  if (ImGui::Checkbox("Use a bias", &s.use_bias) && !s.use_bias) s.params.b = 0.0;
  note_item(app.ui, "dials.use_bias");

  ImGui::Spacing();
  const double loss = mse(data, s.params);
  figure(app, "Loss: mean squared error", "%.4f", loss, palette::kVermillion);
  if (app.ui.show_formulas) {
    ImGui::TextWrapped("L = (1/N) Σ (a·xᵢ + b − yᵢ)² = (1/%d) Σ (%.3f·xᵢ + %.3f − yᵢ)² = %.4f", data.size(),
                       s.params.a, s.params.b, loss);
  }
  const LineParams best = least_squares(data, s.use_bias);
  ImGui::TextDisabled("Best possible: %.4f at a = %.3f, b = %.3f", mse(data, best), best.a, best.b);
  if (ImGui::Button("Fit: jump to the least-squares optimum")) s.params = best;
  note_item(app.ui, "dials.fit");

  ImGui::Spacing();
  ImGui::SeparatorText("Parameters are bytes");
  ImGui::Text("%d × 4 bytes (fp32) = %d bytes;  %d × 2 (bf16) = %d", count, count * 4, count, count * 2);

  ImGui::Spacing();
  ImGui::SeparatorText("Data");
  ImGui::PushItemWidth(-label_w);
  ImGui::SliderInt("points", &s.data.count, 2, 200);
  float noise = static_cast<float>(s.data.noise);
  if (ImGui::SliderFloat("noise", &noise, 0.0f, 3.0f, "%.2f")) s.data.noise = noise;
  ImGui::PopItemWidth();
  ImGui::Text("Seed %llu", static_cast<unsigned long long>(s.data.seed));
  ImGui::SameLine();
  if (ImGui::Button("New data")) ++s.data.seed;
  ImGui::Checkbox("Show formulas", &app.ui.show_formulas);
}

void draw_scatter(App& app, ImVec2 size) {
  const DialsState& s = app.state.dials;
  const LineData& data = app.derived.dials_data;
  // Fixed y range per data set (from the true line and the noise), so the axes hold still while dialling.
  const LineDataSpec& spec = s.data;
  const double ya = spec.slope * spec.x_min + spec.intercept, yb = spec.slope * spec.x_max + spec.intercept;
  const double pad = 2.5 * spec.noise + 1.0;
  const double y0 = std::min(ya, yb) - pad, y1 = std::max(ya, yb) + pad;
  const double xpad = 0.1 * (spec.x_max - spec.x_min);
  const PlotArea p = begin_plot("##scatter", size, spec.x_min - xpad, spec.x_max + xpad, y0, y1, "x", "y");

  push_clip(p);
  const float r = 4.0f * app.scale;
  for (int i = 0; i < data.size(); ++i) {
    const double fit = s.params.a * data.x[i] + s.params.b;
    p.draw->AddLine(p.to_screen(data.x[i], data.y[i]), p.to_screen(data.x[i], fit), palette::kOrange, 1.5f * app.scale);
  }
  p.draw->AddLine(p.to_screen(p.x0, s.params.a * p.x0 + s.params.b), p.to_screen(p.x1, s.params.a * p.x1 + s.params.b),
                  palette::kBlue, 2.5f * app.scale);
  for (int i = 0; i < data.size(); ++i) p.draw->AddCircleFilled(p.to_screen(data.x[i], data.y[i]), r, palette::kInk);
  pop_clip(p);

  if (p.hovered) {
    const ImVec2 m = ImGui::GetMousePos();
    ImGui::SetTooltip("x = %.2f, y = %.2f", p.x_at(m.x), p.y_at(m.y));
  }
}

}  // namespace

void draw_dials(App& app) {
  const float controls_w = std::min(360.0f * app.scale, ImGui::GetContentRegionAvail().x * 0.45f);
  ImGui::BeginChild("dials-controls", ImVec2(controls_w, 0), ImGuiChildFlags_Border);
  draw_controls(app);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("dials-plot", ImVec2(0, 0), ImGuiChildFlags_Border);
  ImGui::PushFont(app.fonts.strong);
  ImGui::TextUnformatted("y = a·x + b");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextDisabled("  ● data   — the line   | residuals (orange)");
  draw_scatter(app, ImGui::GetContentRegionAvail());
  ImGui::EndChild();
}

}  // namespace lpp

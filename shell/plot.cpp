// PlotArea drawing: frame, grid, ticks and labels.
#include "plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "theme.hpp"

namespace lpp {

double nice_step(double range, int target) {
  if (!(range > 0) || !std::isfinite(range)) return 1.0;
  const double raw = range / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  return mag * (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0);
}

namespace {
void format_tick(char* buf, std::size_t n, double v, double step) {
  if (std::abs(v) < step * 1e-6) v = 0.0;  // avoid "-0" and 1e-17 from accumulated steps
  const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  std::snprintf(buf, n, "%.*f", decimals, v);
}
}  // namespace

PlotArea begin_plot(const char* id, ImVec2 size, double x0, double x1, double y0, double y1, const char* x_label,
                    const char* y_label) {
  PlotArea p;
  p.x0 = x0, p.x1 = x1, p.y0 = y0, p.y1 = y1;
  p.draw = ImGui::GetWindowDrawList();
  const float fs = ImGui::GetFontSize();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const float left = fs * 3.2f, bottom = fs * 2.6f, top = fs * 0.5f, right = fs * 0.8f;
  p.min = ImVec2(origin.x + left, origin.y + top);
  p.max = ImVec2(origin.x + size.x - right, origin.y + size.y - bottom);
  p.hovered = ImGui::IsItemHovered() && ImGui::IsMouseHoveringRect(p.min, p.max);

  ImDrawList* dl = p.draw;
  dl->AddRectFilled(p.min, p.max, palette::kPlotBg);
  char buf[32];
  // As many ticks as fit: about one per 5 em across and one per 2.2 em up (a small embedded plot gets fewer).
  const int nx = std::clamp(static_cast<int>((p.max.x - p.min.x) / (fs * 5.0f)), 2, 8);
  const int ny = std::clamp(static_cast<int>((p.max.y - p.min.y) / (fs * 2.2f)), 2, 6);
  const double sx = nice_step(x1 - x0, nx), sy = nice_step(y1 - y0, ny);
  for (double x = std::ceil(x0 / sx) * sx; x <= x1 + sx * 1e-9; x += sx) {
    const ImVec2 a = p.to_screen(x, y0);
    const bool axis = std::abs(x) < sx * 1e-6;
    dl->AddLine(ImVec2(a.x, p.min.y), ImVec2(a.x, p.max.y), axis ? palette::kMuted : palette::kGrid, axis ? 1.5f : 1.0f);
    format_tick(buf, sizeof buf, x, sx);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(a.x - ts.x * 0.5f, p.max.y + fs * 0.25f), palette::kMuted, buf);
  }
  for (double y = std::ceil(y0 / sy) * sy; y <= y1 + sy * 1e-9; y += sy) {
    const ImVec2 a = p.to_screen(x0, y);
    const bool axis = std::abs(y) < sy * 1e-6;
    dl->AddLine(ImVec2(p.min.x, a.y), ImVec2(p.max.x, a.y), axis ? palette::kMuted : palette::kGrid, axis ? 1.5f : 1.0f);
    format_tick(buf, sizeof buf, y, sy);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(p.min.x - ts.x - fs * 0.35f, a.y - ts.y * 0.5f), palette::kMuted, buf);
  }
  dl->AddRect(p.min, p.max, palette::kGrid);
  if (x_label) {
    const ImVec2 ts = ImGui::CalcTextSize(x_label);
    dl->AddText(ImVec2((p.min.x + p.max.x - ts.x) * 0.5f, p.max.y + fs * 1.35f), palette::kInk, x_label);
  }
  if (y_label) dl->AddText(ImVec2(origin.x, p.min.y - fs * 0.1f), palette::kInk, y_label);
  return p;
}

void push_clip(const PlotArea& p) { p.draw->PushClipRect(p.min, p.max, true); }
void pop_clip(const PlotArea& p) { p.draw->PopClipRect(); }

}  // namespace lpp

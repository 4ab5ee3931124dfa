// The Dials lab's three plots on ImGui's draw list: the data with the line (points and the line are draggable),
// the loss landscape over (a, b) (heat map, contours, trajectories; click sets the start, drag pans, wheel zooms)
// and the loss curve per optimizer. Values come from core; this file maps them to pixels and mouse input back.
// [SECTION] helpers  [SECTION] scatter  [SECTION] landscape  [SECTION] loss curve
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "dials/dials_train.hpp"
#include "dials/landscape.hpp"
#include "dials_views.hpp"
#include "layout.hpp"
#include "plot.hpp"

namespace lpp {
namespace {

// [SECTION] helpers

// A title row above a plot `width` wide, with the legend when it fits; returns the height it used.
float plot_title(const DialsFrame& f, const char* title, const char* legend, float width) {
  const float y = ImGui::GetCursorPosY();
  ImGui::PushFont(f.app.fonts.strong);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(title);
  const float title_w = ImGui::GetItemRectSize().x;
  ImGui::PopFont();
  if (legend && title_w + ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize(legend).x <= width) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", legend);
  }
  return ImGui::GetCursorPosY() - y;
}

// Screen positions far outside the plot (a diverging run) are clamped so float precision holds.
ImVec2 clamp_screen(ImVec2 v) {
  return {std::clamp(v.x, -1e5f, 1e5f), std::clamp(v.y, -1e5f, 1e5f)};
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 colour, float thickness, float dash) {
  const float len = std::hypot(b.x - a.x, b.y - a.y);
  if (len < 1) return;
  const ImVec2 d{(b.x - a.x) / len, (b.y - a.y) / len};
  for (float t = 0; t < len; t += 2 * dash) {
    const float e = std::min(t + dash, len);
    dl->AddLine(ImVec2(a.x + d.x * t, a.y + d.y * t), ImVec2(a.x + d.x * e, a.y + d.y * e), colour, thickness);
  }
}

// A sequential colour map for the landscape, pale at low loss and deep blue-grey at high loss, so coloured
// trajectories and dark markers stay readable on it.
ImU32 heat_colour(double t) {
  static constexpr float kStops[4][3] = {{236, 244, 236}, {206, 226, 232}, {146, 184, 210}, {84, 124, 168}};
  t = std::isfinite(t) ? std::clamp(t, 0.0, 1.0) * 3.0 : 0.0;  // NaN would index kStops[INT_MIN]
  const int i = std::min(static_cast<int>(t), 2);
  const float u = static_cast<float>(t - i);
  auto mix = [&](int c) { return static_cast<int>(kStops[i][c] + (kStops[i + 1][c] - kStops[i][c]) * u); };
  return IM_COL32(mix(0), mix(1), mix(2), 255);
}

void ensure_custom_points(DialsFrame& f) {
  if (f.s.custom_points) return;
  f.s.points = f.data;
  f.s.custom_points = true;
}

// [SECTION] scatter

// The scatter's axes: for generated data, from the generator's spec (steady while its sliders move); for the
// reader's own points, fitted once and then only grown to take in a point outside, so editing never jumps.
void scatter_range(DialsFrame& f) {
  DialsScratch& sc = f.s.scratch;
  if (sc.drag_point >= 0 || sc.drag_line != 0) return;  // axes hold still under the mouse
  const LineDataSpec& spec = f.s.data;
  const bool fresh = f.s.custom_points && !(sc.scatter_x1 > sc.scatter_x0);
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  if (!f.s.custom_points) {
    const double ya = spec.slope * spec.x_min + spec.intercept, yb = spec.slope * spec.x_max + spec.intercept;
    const double pad = 2.5 * spec.noise + 1.0, xpad = 0.1 * (spec.x_max - spec.x_min);
    x0 = spec.x_min - xpad, x1 = spec.x_max + xpad;
    y0 = std::min(ya, yb) - pad, y1 = std::max(ya, yb) + pad;
  } else if (!fresh) {
    x0 = sc.scatter_x0, x1 = sc.scatter_x1, y0 = sc.scatter_y0, y1 = sc.scatter_y1;
  } else if (f.data.size() > 0) {
    x0 = x1 = f.data.x[0], y0 = y1 = f.data.y[0];
  }
  double dx0 = x0, dx1 = x1, dy0 = y0, dy1 = y1;  // the data's bounds joined to the range
  for (int i = 0; i < f.data.size(); ++i) {
    dx0 = std::min(dx0, f.data.x[i]), dx1 = std::max(dx1, f.data.x[i]);
    dy0 = std::min(dy0, f.data.y[i]), dy1 = std::max(dy1, f.data.y[i]);
  }
  const double px = 0.1 * std::max(dx1 - dx0, 1.0), py = 0.1 * std::max(dy1 - dy0, 1.0);
  sc.scatter_x0 = dx0 < x0 || fresh ? dx0 - px : x0;
  sc.scatter_x1 = dx1 > x1 || fresh ? dx1 + px : x1;
  sc.scatter_y0 = dy0 < y0 || fresh ? dy0 - py : y0;
  sc.scatter_y1 = dy1 > y1 || fresh ? dy1 + py : y1;
}

void scatter_input(DialsFrame& f, const PlotArea& p, int hovered_point) {
  DialsState& s = f.s;
  DialsScratch& sc = s.scratch;
  const ImGuiIO& io = ImGui::GetIO();
  const double mx = p.x_at(io.MousePos.x), my = p.y_at(io.MousePos.y);
  const float line_y = p.to_screen(mx, s.params.a * mx + s.params.b).y;
  const bool near_line = std::abs(io.MousePos.y - line_y) < 7.0f * f.app.scale;

  if (p.hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    if (hovered_point >= 0) {
      ensure_custom_points(f);
      sc.drag_point = hovered_point;
    } else if (near_line) {
      const double third = (p.x1 - p.x0) / 3;
      if (s.use_bias && mx > p.x0 + third && mx < p.x1 - third) {
        sc.drag_line = 1;
        sc.drag_pivot_y = my - (s.params.a * mx + s.params.b);  // where on the line it was grabbed
      } else {
        sc.drag_line = 2;
        sc.drag_pivot_x = s.use_bias ? 0.5 * (p.x0 + p.x1) : 0.0;
        sc.drag_pivot_y = s.params.a * sc.drag_pivot_x + s.params.b;
      }
    } else {
      ensure_custom_points(f);
      s.points.x.push_back(mx);
      s.points.y.push_back(my);
      sc.drag_point = s.points.size() - 1;
    }
  }
  if (p.hovered && hovered_point >= 0 && ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
    ensure_custom_points(f);
    if (s.points.size() > 2) {
      s.points.x.erase(s.points.x.begin() + hovered_point);
      s.points.y.erase(s.points.y.begin() + hovered_point);
    }
  }
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    sc.drag_point = -1;
    sc.drag_line = 0;
    return;
  }
  if (sc.drag_point >= 0 && sc.drag_point < s.points.size()) {
    s.points.x[sc.drag_point] = mx;
    s.points.y[sc.drag_point] = my;
  } else if (sc.drag_line == 1) {
    s.params.b = my - sc.drag_pivot_y - s.params.a * mx;
  } else if (sc.drag_line == 2 && std::abs(mx - sc.drag_pivot_x) > 1e-3 * (p.x1 - p.x0)) {
    s.params.a = (my - sc.drag_pivot_y) / (mx - sc.drag_pivot_x);
    if (s.use_bias) s.params.b = sc.drag_pivot_y - s.params.a * sc.drag_pivot_x;
  }
}

void draw_line(const PlotArea& p, LineParams q, ImU32 colour, float thickness) {
  p.draw->AddLine(clamp_screen(p.to_screen(p.x0, q.a * p.x0 + q.b)), clamp_screen(p.to_screen(p.x1, q.a * p.x1 + q.b)),
                  colour, thickness);
}

}  // namespace

void draw_scatter(DialsFrame& f, ImVec2 size) {
  const DialsState& s = f.s;
  size.y -= plot_title(f, "Data and the line", "● data  — line  | residuals", size.x);
  scatter_range(f);
  const DialsScratch& sc = s.scratch;
  const PlotArea p = begin_plot("##scatter", size, sc.scatter_x0, sc.scatter_x1, sc.scatter_y0, sc.scatter_y1, "x", "y");
  note_item(f.app.ui, "dials.scatter");
  const float scale = f.app.scale, r = 4.0f * scale;

  int hovered_point = -1;
  if (p.hovered) {
    float best = (r + 4.0f * scale) * (r + 4.0f * scale);
    const ImVec2 m = ImGui::GetMousePos();
    for (int i = 0; i < f.data.size(); ++i) {
      const ImVec2 q = p.to_screen(f.data.x[i], f.data.y[i]);
      const float d = (q.x - m.x) * (q.x - m.x) + (q.y - m.y) * (q.y - m.y);
      if (d < best) best = d, hovered_point = i;
    }
  }
  scatter_input(f, p, hovered_point);

  push_clip(p);
  if (!s.use_bias) {
    const ImVec2 o = p.to_screen(0, 0);
    p.draw->AddCircle(o, 5.0f * scale, palette::kMuted, 0, 1.5f * scale);
  }
  for (int i = 0; i < f.data.size(); ++i) {
    const double fit = s.params.a * f.data.x[i] + s.params.b;
    p.draw->AddLine(p.to_screen(f.data.x[i], f.data.y[i]), clamp_screen(p.to_screen(f.data.x[i], fit)), palette::kOrange,
                    1.5f * scale);
  }
  if (s.run.race) {
    for (const DialsRunner& run : s.run.runners) draw_line(p, run.params, optimizer_colour(run.kind), 1.5f * scale);
  }
  const bool line_active = sc.drag_line != 0;
  // Racing, the dials hold the start point: its line is drawn quieter than the racers'.
  draw_line(p, s.params, s.run.race ? palette::kMuted : palette::kBlue, (line_active ? 3.5f : s.run.race ? 1.5f : 2.5f) * scale);
  // Handles: the middle shifts the line (b), the outer thirds turn it (a).
  const double third = (p.x1 - p.x0) / 3;
  for (double x : {p.x0 + 0.5 * third, p.x1 - 0.5 * third})
    p.draw->AddCircleFilled(clamp_screen(p.to_screen(x, s.params.a * x + s.params.b)), 4.5f * scale, palette::kBlue);
  if (s.use_bias) {
    const ImVec2 c = clamp_screen(p.to_screen(0.5 * (p.x0 + p.x1), s.params.a * 0.5 * (p.x0 + p.x1) + s.params.b));
    p.draw->AddRectFilled(ImVec2(c.x - 4 * scale, c.y - 4 * scale), ImVec2(c.x + 4 * scale, c.y + 4 * scale), palette::kBlue);
  }
  for (int i = 0; i < f.data.size(); ++i) {
    const ImVec2 q = p.to_screen(f.data.x[i], f.data.y[i]);
    p.draw->AddCircleFilled(q, i == hovered_point ? r * 1.5f : r, i == hovered_point ? palette::kVermillion : palette::kInk);
  }
  pop_clip(p);

  if (p.hovered && sc.drag_point < 0 && sc.drag_line == 0) {
    const ImVec2 m = ImGui::GetMousePos();
    if (hovered_point >= 0)
      layout::tooltip("point (%.2f, %.2f): drag to move, right-click to remove", f.data.x[hovered_point], f.data.y[hovered_point]);
    else
      layout::tooltip("x = %.2f, y = %.2f: click to add a point", p.x_at(m.x), p.y_at(m.y));
  }
}

// [SECTION] landscape

namespace {

void landscape_input(DialsFrame& f, const PlotArea& p) {
  DialsState& s = f.s;
  LandscapeView& v = s.landscape;
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemActivated()) s.scratch.landscape_dragged = false;
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f * f.app.scale)) {
    s.scratch.landscape_dragged = true;
    v.pan_a -= io.MouseDelta.x / (p.max.x - p.min.x) * (p.x1 - p.x0);
    v.pan_b += io.MouseDelta.y / (p.max.y - p.min.y) * (p.y1 - p.y0);
  }
  if (ImGui::IsItemDeactivated() && !s.scratch.landscape_dragged && p.hovered) {
    s.start = s.params = {p.x_at(io.MousePos.x), s.use_bias ? p.y_at(io.MousePos.y) : 0.0};  // the run restarts here
  }
  if (p.hovered) f.app.ui.wheel_wanted = true;  // the landscape zooms with the wheel: the page must not scroll
  if (p.hovered && io.MouseWheel != 0) {
    // Zoom about the point under the mouse: it keeps its place on screen.
    const double factor = std::pow(1.25, io.MouseWheel);
    const double ma = p.x_at(io.MousePos.x), mb = p.y_at(io.MousePos.y);
    const double ca = 0.5 * (p.x0 + p.x1), cb = 0.5 * (p.y0 + p.y1);
    v.zoom = std::clamp(v.zoom * factor, 0.05, 1e4);
    v.pan_a = ma + (ca - ma) / factor - f.best_with_bias.a;
    v.pan_b = mb + (cb - mb) / factor - f.best_with_bias.b;
  }
  if (p.hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) v = LandscapeView{};
}

void marker_cross(ImDrawList* dl, ImVec2 c, float r, ImU32 colour, float thickness) {
  dl->AddLine(ImVec2(c.x - r, c.y), ImVec2(c.x + r, c.y), colour, thickness);
  dl->AddLine(ImVec2(c.x, c.y - r), ImVec2(c.x, c.y + r), colour, thickness);
}

void draw_trajectory(const PlotArea& p, const DialsRunner& r, float scale) {
  const ImU32 colour = optimizer_colour(r.kind);
  const int n = static_cast<int>(r.trajectory.size());
  const int step = std::max(1, n / 1500);
  ImVector<ImVec2> pts;
  pts.reserve(n / step + 2);
  for (int i = 0; i < n; i += step) pts.push_back(clamp_screen(p.to_screen(r.trajectory[i].a, r.trajectory[i].b)));
  pts.push_back(clamp_screen(p.to_screen(r.params.a, r.params.b)));
  p.draw->AddPolyline(pts.Data, pts.Size, IM_COL32(255, 255, 255, 200), 0, 4.0f * scale);
  p.draw->AddPolyline(pts.Data, pts.Size, colour, 0, 2.0f * scale);
  const ImVec2 c = pts.back();
  p.draw->AddCircleFilled(c, 6.0f * scale, IM_COL32(255, 255, 255, 255));
  p.draw->AddCircleFilled(c, 4.5f * scale, colour);
}

}  // namespace

void draw_landscape(DialsFrame& f, ImVec2 size) {
  DialsState& s = f.s;
  const float title_y = ImGui::GetCursorPosY();
  size.y -= plot_title(f, "Loss landscape", nullptr, size.x);
  ImGui::SameLine();
  ImGui::SetCursorPosY(title_y);
  if (ImGui::SmallButton("+")) s.landscape.zoom *= 1.5;
  ImGui::SameLine();
  if (ImGui::SmallButton("−")) s.landscape.zoom /= 1.5;
  ImGui::SameLine();
  if (ImGui::SmallButton("Reset")) s.landscape = LandscapeView{};
  note_item(f.app.ui, "dials.landscape_reset");
  ImGui::SetCursorPosY(title_y + ImGui::GetFrameHeightWithSpacing());
  // Points that are not numbers never pass the importers; should one get in, there is no loss surface to draw.
  if (!std::isfinite(f.best_loss)) {
    ImGui::TextDisabled("No landscape: the loss is not a number for these points.");
    return;
  }

  const LandscapeRange range = landscape_range(f.stats, f.best_with_bias, s.start, s.landscape);
  const PlotArea p = begin_plot("##landscape", size, range.a0, range.a1, range.b0, range.b1, "a (weight)", "b (bias)");
  note_item(f.app.ui, "dials.landscape");
  landscape_input(f, p);
  const float scale = f.app.scale;

  // Heat map: the loss at cell centres, coloured by log(1 + 99·excess) so the valley floor keeps its detail.
  const float cell = 5.0f * scale;
  const int nx = std::clamp(static_cast<int>((p.max.x - p.min.x) / cell), 16, 160);
  const int ny = std::clamp(static_cast<int>((p.max.y - p.min.y) / cell), 16, 160);
  const std::vector<double> grid = loss_grid(f.stats, range, nx, ny);
  const double floor = mse(f.stats, f.best_with_bias);
  const double top = std::max(*std::max_element(grid.begin(), grid.end()), floor + 1e-12);
  const float cw = (p.max.x - p.min.x) / nx, ch = (p.max.y - p.min.y) / ny;
  push_clip(p);
  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i) {
      const double excess = (grid[static_cast<std::size_t>(j) * nx + i] - floor) / (top - floor);
      const ImVec2 a(p.min.x + i * cw, p.max.y - (j + 1) * ch);
      p.draw->AddRectFilled(a, ImVec2(a.x + cw + 0.5f, a.y + ch + 0.5f), heat_colour(std::log1p(99 * excess) / std::log(100.0)));
    }
  }
  // Contours at excess losses falling by 2.5× from the highest visible one.
  double delta = top - floor;
  for (int k = 0; k < 9; ++k, delta /= 2.5) {
    const std::vector<LineParams> c = loss_contour(f.stats, f.best_with_bias, delta, 96);
    ImVector<ImVec2> pts;
    for (const LineParams& q : c) pts.push_back(clamp_screen(p.to_screen(q.a, q.b)));
    if (pts.Size > 2) p.draw->AddPolyline(pts.Data, pts.Size, IM_COL32(33, 37, 41, 80), ImDrawFlags_Closed, 1.0f * scale);
  }
  // Without a bias only the line b = 0 is reachable.
  if (!s.use_bias) {
    dashed_line(p.draw, p.to_screen(p.x0, 0), p.to_screen(p.x1, 0), palette::kInk, 1.5f * scale, 6 * scale);
    p.draw->AddText(ImVec2(p.min.x + 6 * scale, p.to_screen(0, 0).y - ImGui::GetFontSize() - 2 * scale), palette::kInk,
                    "b = 0: no bias");
  }
  // The least-squares optimum (Eigen), and the constrained one when the bias is off.
  const ImVec2 opt = p.to_screen(f.best_with_bias.a, f.best_with_bias.b);
  p.draw->AddCircle(opt, 7 * scale, palette::kInk, 0, 1.5f * scale);
  marker_cross(p.draw, opt, 4 * scale, palette::kInk, 1.5f * scale);
  const ImVec2 label(opt.x + 10 * scale, opt.y - 8 * scale), label_size = ImGui::CalcTextSize("least squares");
  p.draw->AddRectFilled(ImVec2(label.x - 2 * scale, label.y), ImVec2(label.x + label_size.x + 2 * scale, label.y + label_size.y),
                        IM_COL32(255, 255, 255, 170), 3 * scale);
  p.draw->AddText(label, palette::kInk, "least squares");
  if (!s.use_bias) {
    const ImVec2 o = p.to_screen(f.best.a, 0);
    p.draw->AddCircle(o, 7 * scale, palette::kGreen, 0, 2 * scale);
  }
  // Start point, trajectories and the current point.
  const ImVec2 st = p.to_screen(s.start.a, s.start.b);
  p.draw->AddCircle(st, 6 * scale, palette::kInk, 0, 1.5f * scale);
  for (const DialsRunner& r : s.run.runners) draw_trajectory(p, r, scale);
  // The gradient arrow: −∇L, the way plain descent would step, at a fixed on-screen length.
  const LineGradient g = mse_gradient(f.stats, s.params);
  const double gb = s.use_bias ? g.db : 0.0;
  const ImVec2 here = clamp_screen(p.to_screen(s.params.a, s.params.b));
  const double eps = 1e-3 * (p.x1 - p.x0) / std::max(std::hypot(g.da, gb), 1e-300);
  const ImVec2 ahead = p.to_screen(s.params.a - eps * g.da, s.params.b - eps * gb);
  const float dx = ahead.x - here.x, dy = ahead.y - here.y, len = std::hypot(dx, dy);
  if (len > 0 && std::hypot(g.da, gb) > 1e-9 && !s.run.race) {
    const float arrow = 46.0f * scale;
    const ImVec2 u(dx / len, dy / len), tip(here.x + u.x * arrow, here.y + u.y * arrow);
    p.draw->AddLine(here, tip, palette::kInk, 2.0f * scale);
    const ImVec2 nrm(-u.y, u.x);
    const float h = 7 * scale;
    p.draw->AddTriangleFilled(tip, ImVec2(tip.x - u.x * h + nrm.x * h * 0.6f, tip.y - u.y * h + nrm.y * h * 0.6f),
                              ImVec2(tip.x - u.x * h - nrm.x * h * 0.6f, tip.y - u.y * h - nrm.y * h * 0.6f), palette::kInk);
    p.draw->AddText(ImVec2(tip.x + 4 * scale, tip.y - 4 * scale), palette::kInk, "−gradient");
  }
  if (!s.run.race) {
    p.draw->AddCircleFilled(here, 6.5f * scale, IM_COL32(255, 255, 255, 255));
    p.draw->AddCircleFilled(here, 5.0f * scale, palette::kBlue);
  }
  pop_clip(p);

  if (p.hovered && !ImGui::IsItemActive()) {
    const ImVec2 m = ImGui::GetMousePos();
    const double a = p.x_at(m.x), b = p.y_at(m.y);
    layout::tooltip("a = %.3f, b = %.3f, L = %.4g\nclick: start here · drag: pan · wheel: zoom", a, b, mse(f.stats, {a, b}));
  }
}

// [SECTION] loss curve

void draw_loss_curve(DialsFrame& f, ImVec2 size) {
  DialsState& s = f.s;
  const float title_y = ImGui::GetCursorPosY();
  const float check_w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("log scale").x;
  size.y -= plot_title(f, "Loss during training", s.log_loss ? "(log₁₀ L against step)" : "(L against step)",
                       size.x - check_w - ImGui::GetStyle().ItemSpacing.x);
  ImGui::SameLine();
  ImGui::SetCursorPosY(title_y);
  ImGui::Checkbox("log scale", &s.log_loss);
  note_item(f.app.ui, "dials.log_loss");
  ImGui::SetCursorPosY(title_y + ImGui::GetFrameHeightWithSpacing());

  if (!std::isfinite(f.best_loss)) {   // as the landscape: no curve for points that are not numbers
    ImGui::TextDisabled("No loss curve: the loss is not a number for these points.");
    return;
  }
  auto y_of = [&](double loss) { return s.log_loss ? std::log10(std::max(loss, 1e-300)) : loss; };
  long steps = 10;
  double lo = y_of(f.best_loss), hi = lo;
  for (const DialsRunner& r : s.run.runners) {
    steps = std::max(steps, r.steps);
    for (double l : r.losses) lo = std::min(lo, y_of(l)), hi = std::max(hi, y_of(l));
    lo = std::min(lo, y_of(r.loss)), hi = std::max(hi, y_of(r.loss));
  }
  const double pad = 0.08 * std::max(hi - lo, s.log_loss ? 0.5 : 1e-3);
  const PlotArea p = begin_plot("##loss", size, 0, static_cast<double>(steps), lo - pad, hi + pad, "step", nullptr);
  const float scale = f.app.scale;
  push_clip(p);
  const float best_y = p.to_screen(0, y_of(f.best_loss)).y;
  dashed_line(p.draw, ImVec2(p.min.x, best_y), ImVec2(p.max.x, best_y), palette::kMuted, 1.2f * scale, 5 * scale);
  p.draw->AddText(ImVec2(p.max.x - ImGui::CalcTextSize("best possible").x - 6 * scale, best_y - ImGui::GetFontSize() - 2 * scale),
                  palette::kMuted, "best possible");
  for (const DialsRunner& r : s.run.runners) {
    const int n = static_cast<int>(r.losses.size());
    const int stride = std::max(1, n / std::max(1, static_cast<int>(p.max.x - p.min.x)));
    ImVector<ImVec2> pts;
    for (int i = 0; i < n; i += stride) pts.push_back(clamp_screen(p.to_screen(static_cast<double>(i) * r.stride, y_of(r.losses[i]))));
    pts.push_back(clamp_screen(p.to_screen(static_cast<double>(r.steps), y_of(r.loss))));
    if (pts.Size >= 2) p.draw->AddPolyline(pts.Data, pts.Size, optimizer_colour(r.kind), 0, 2.0f * scale);
    if (r.status == RunStatus::Diverged) {
      const ImVec2 e = pts.back();
      marker_cross(p.draw, e, 5 * scale, palette::kVermillion, 2 * scale);
    }
  }
  const bool fresh = std::all_of(s.run.runners.begin(), s.run.runners.end(), [](const DialsRunner& r) { return r.steps == 0; });
  if (fresh) {
    const char* hint = "Press Train or Step: the loss falls towards the best possible";
    if (ImGui::CalcTextSize(hint).x > p.max.x - p.min.x) hint = "Press Train or Step";
    const ImVec2 ts = ImGui::CalcTextSize(hint);
    p.draw->AddText(ImVec2((p.min.x + p.max.x - ts.x) / 2, (p.min.y + p.max.y - ts.y) / 2), palette::kMuted, hint);
  }
  pop_clip(p);
}

}  // namespace lpp

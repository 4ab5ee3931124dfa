// The Layers view's plots: the output heat map with train/test points, the loss curves, the capacity sweep on a
// log axis of parameters, and the ladder placing the network among y = a·x + b, GPT-2 and the large LLMs.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

#include "app.hpp"
#include "layers_draw.hpp"
#include "layout.hpp"
#include "plot.hpp"

namespace lpp {
namespace {

ImU32 lerp_colour(ImU32 a, ImU32 b, float t, float alpha) {
  auto ch = [](ImU32 c, int s) { return static_cast<float>((c >> s) & 0xFF); };
  auto mix = [&](int s) { return static_cast<int>(ch(a, s) + (ch(b, s) - ch(a, s)) * t + 0.5f); };
  return IM_COL32(mix(IM_COL32_R_SHIFT), mix(IM_COL32_G_SHIFT), mix(IM_COL32_B_SHIFT), static_cast<int>(alpha * 255));
}

constexpr ImU32 kWhite = IM_COL32(255, 255, 255, 255);
const ImU32 kClassColours[3] = {palette::kOrange, palette::kBlue, palette::kGreen};

// The colour of a grid prediction column: diverging for one output, class colours mixed by probability for K.
ImU32 prediction_colour(const Eigen::MatrixXf& p, Eigen::Index j, LossKind loss, float alpha) {
  if (p.rows() == 1) {
    const float v = loss == LossKind::BinaryCrossEntropy ? 2 * p(0, j) - 1 : p(0, j);
    return diverging_colour(v, alpha);
  }
  Eigen::Index k = 0;
  const float top = p.col(j).maxCoeff(&k);
  const float confidence = std::clamp((top - 1.0f / p.rows()) / (1.0f - 1.0f / p.rows()), 0.0f, 1.0f);
  return lerp_colour(kWhite, kClassColours[k % 3], confidence, alpha);
}

// Marks for the data: filled (train) or outlined (test) circles coloured by class or value, ink rim.
void draw_points(const PlotArea& p, const DataSet& d, bool test, float r) {
  for (int i = 0; i < d.size(); ++i) {
    const ImVec2 c = p.to_screen(d.x(0, i), d.x(1, i));
    const ImU32 col = d.regression() ? diverging_colour(static_cast<float>(d.value[i]))
                                     : (d.classes == 2 ? (d.label[i] == 1 ? palette::kBlue : palette::kOrange)
                                                       : kClassColours[d.label[i] % 3]);
    if (test) {
      p.draw->AddCircleFilled(c, r, kWhite);
      p.draw->AddCircle(c, r, col, 0, 2.0f);
    } else {
      p.draw->AddCircleFilled(c, r, col);
      p.draw->AddCircle(c, r, palette::kInk & IM_COL32(255, 255, 255, 160));
    }
  }
}

}  // namespace

float dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float width, float dash, float phase) {
  const float len = std::hypot(b.x - a.x, b.y - a.y);
  if (len < 1e-4f) return phase;
  float t = 0;
  while (t < len) {
    const float in_period = std::fmod(phase + t, 2 * dash);
    const float run = std::min(len - t, in_period < dash ? dash - in_period : 2 * dash - in_period);
    if (in_period < dash) {
      const float u0 = t / len, u1 = (t + run) / len;
      dl->AddLine(ImVec2(a.x + (b.x - a.x) * u0, a.y + (b.y - a.y) * u0), ImVec2(a.x + (b.x - a.x) * u1, a.y + (b.y - a.y) * u1),
                  col, width);
    }
    t += run;
  }
  return std::fmod(phase + len, 2 * dash);
}

ImU32 diverging_colour(float v, float alpha) {
  if (!(v == v)) return IM_COL32(128, 128, 128, static_cast<int>(alpha * 255));
  v = std::clamp(v, -1.0f, 1.0f);
  return v >= 0 ? lerp_colour(kWhite, palette::kBlue, v, alpha) : lerp_colour(kWhite, palette::kOrange, -v, alpha);
}

const char* format_count(std::int64_t n, char* buf, int size) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%lld", static_cast<long long>(n < 0 ? -n : n));
  const int len = static_cast<int>(std::char_traits<char>::length(digits));
  int o = 0;
  if (n < 0 && o < size - 1) buf[o++] = '-';
  for (int i = 0; i < len && o < size - 1; ++i) {
    if (i > 0 && (len - i) % 3 == 0 && o < size - 1) buf[o++] = ',';
    buf[o++] = digits[i];
  }
  buf[o] = 0;
  return buf;
}

void draw_output_map(App& app, float side) {
  LayersRuntime& rt = app.layers;
  const float fs = ImGui::GetFontSize();
  const PlotArea p = begin_plot("##output", ImVec2(side + fs * 4.0f, side + fs * 3.1f), -kDataRadius, kDataRadius,
                                -kDataRadius, kDataRadius, "x1", "x2");
  note_item(app.ui, "layers.output");
  const GridEval& g = rt.grid;
  push_clip(p);
  if (g.resolution > 0 && g.prediction.cols() == static_cast<Eigen::Index>(g.resolution) * g.resolution) {
    // Vertex colours at cell centres: the GPU interpolates, so even a coarse grid draws smooth.
    const int r = g.resolution;
    const float cw = (p.max.x - p.min.x) / r, ch = (p.max.y - p.min.y) / r;
    for (int row = 0; row + 1 < r; ++row) {
      for (int col = 0; col + 1 < r; ++col) {
        const Eigen::Index i = static_cast<Eigen::Index>(row) * r + col;
        const ImVec2 a(p.min.x + (col + 0.5f) * cw, p.min.y + (row + 0.5f) * ch);
        const ImVec2 b(a.x + cw, a.y + ch);
        p.draw->AddRectFilledMultiColor(a, b, prediction_colour(g.prediction, i, rt.run.loss, 0.75f),
                                        prediction_colour(g.prediction, i + 1, rt.run.loss, 0.75f),
                                        prediction_colour(g.prediction, i + r + 1, rt.run.loss, 0.75f),
                                        prediction_colour(g.prediction, i + r, rt.run.loss, 0.75f));
      }
    }
  }
  const float rad = 3.2f * app.scale;
  draw_points(p, rt.data.train, false, rad);
  draw_points(p, rt.data.test, true, rad);
  pop_clip(p);
  if (p.hovered && g.resolution > 0) {
    const ImVec2 m = ImGui::GetMousePos();
    const int col = std::clamp(static_cast<int>((m.x - p.min.x) / (p.max.x - p.min.x) * g.resolution), 0, g.resolution - 1);
    const int row = std::clamp(static_cast<int>((m.y - p.min.y) / (p.max.y - p.min.y) * g.resolution), 0, g.resolution - 1);
    const Eigen::Index i = static_cast<Eigen::Index>(row) * g.resolution + col;
    if (g.prediction.rows() == 1)
      layout::tooltip("x1 = %.2f, x2 = %.2f\noutput %.3f", p.x_at(m.x), p.y_at(m.y), g.prediction(0, i));
    else
      layout::tooltip("x1 = %.2f, x2 = %.2f\nP(class 0, 1, 2) = %.2f, %.2f, %.2f", p.x_at(m.x), p.y_at(m.y),
                        g.prediction(0, i), g.prediction(1, i), g.prediction.rows() > 2 ? g.prediction(2, i) : 0.0f);
  }
}

void draw_loss_curves(App& app, ImVec2 size) {
  const TrainRun& run = app.layers.run;
  double top = 1e-3, right = 1.0;
  for (const LossPoint& q : run.history) {
    if (std::isfinite(q.train)) top = std::max(top, q.train);
    if (std::isfinite(q.test)) top = std::max(top, q.test);
    right = std::max(right, q.epoch);
  }
  const PlotArea p = begin_plot("##loss", size, 0, right, 0, top * 1.08, "epoch", nullptr);
  push_clip(p);
  const float w = 2.0f * app.scale;
  float phase = 0;
  for (std::size_t i = 1; i < run.history.size(); ++i) {
    const LossPoint& a = run.history[i - 1];
    const LossPoint& b = run.history[i];
    p.draw->AddLine(p.to_screen(a.epoch, a.train), p.to_screen(b.epoch, b.train), palette::kBlue, w);
    phase = dashed_line(p.draw, p.to_screen(a.epoch, a.test), p.to_screen(b.epoch, b.test), palette::kOrange, w,
                        5.0f * app.scale, phase);   // test: orange and dashed
  }
  pop_clip(p);
}

void draw_sweep_plot(App& app, ImVec2 size) {
  const LayersRuntime& rt = app.layers;
  const float fs = ImGui::GetFontSize();
  // x = log10(parameters) from 10⁰ to 10⁵ (a 10×64 network has about 4·10⁴), y = loss.
  double top = 1e-3;
  for (const SweepResult& r : rt.sweep_results) {
    if (std::isfinite(r.train_loss)) top = std::max(top, r.train_loss);
    if (std::isfinite(r.test_loss)) top = std::max(top, r.test_loss);
  }
  const PlotArea p = begin_plot("##sweep", size, 0, 5, 0, top * 1.1, "parameters, log scale: 10^x", nullptr);
  note_item(app.ui, "layers.sweep_plot");
  push_clip(p);
  const float w = 2.0f * app.scale, r = 3.5f * app.scale;
  for (int depth_pass = 0; depth_pass < 2; ++depth_pass) {
    const SweepResult* prev = nullptr;
    for (const SweepResult& s : rt.sweep_results) {
      const int depth = static_cast<int>(s.widths.size()) - 2;
      if ((depth == 1) != (depth_pass == 0)) continue;
      const double x = std::log10(static_cast<double>(s.params));
      const ImVec2 a = p.to_screen(x, s.train_loss), b = p.to_screen(x, s.test_loss);
      if (prev) {
        const double px = std::log10(static_cast<double>(prev->params));
        p.draw->AddLine(p.to_screen(px, prev->train_loss), a, palette::kBlue, depth_pass ? w * 0.6f : w);
        p.draw->AddLine(p.to_screen(px, prev->test_loss), b, palette::kOrange, depth_pass ? w * 0.6f : w);
      }
      if (depth_pass == 0) {
        p.draw->AddCircleFilled(a, r, palette::kBlue);
        p.draw->AddCircleFilled(b, r, palette::kOrange);
      } else {
        p.draw->AddRectFilled(ImVec2(a.x - r, a.y - r), ImVec2(a.x + r, a.y + r), palette::kBlue);
        p.draw->AddRect(ImVec2(b.x - r, b.y - r), ImVec2(b.x + r, b.y + r), palette::kOrange, 0, 0, 2.0f);
      }
      prev = &s;
    }
  }
  pop_clip(p);
  if (rt.sweep_results.empty()) {
    const char* hint = "Press Run sweep";
    const ImVec2 ts = ImGui::CalcTextSize(hint);
    p.draw->AddText(ImVec2((p.min.x + p.max.x - ts.x) / 2, (p.min.y + p.max.y) / 2 - fs / 2), palette::kMuted, hint);
  }
  if (p.hovered) {
    const ImVec2 m = ImGui::GetMousePos();
    const SweepResult* best = nullptr;
    float best_d = 12.0f * app.scale;
    for (const SweepResult& s : rt.sweep_results) {
      const float d = std::abs(p.to_screen(std::log10(static_cast<double>(s.params)), 0).x - m.x);
      if (d < best_d) best_d = d, best = &s;
    }
    if (best) {
      char buf[32];
      layout::tooltip("%d hidden layer%s of %d: %s parameters\ntrain loss %.4f, test loss %.4f",
                        static_cast<int>(best->widths.size()) - 2, best->widths.size() > 3 ? "s" : "", best->widths[1],
                        format_count(best->params, buf, sizeof buf), best->train_loss, best->test_loss);
    }
  }
}

void draw_param_ladder(App& app, std::int64_t params, float width) {
  // Rungs on a log₁₀ ruler from 10⁰ to 10¹²; published counts (PRODUCT.md's ladder).
  struct Rung {
    const char* name;
    double count;
  };
  const Rung rungs[] = {{"y = a·x + b", 2}, {"GPT-2", 124439808.0}, {"Llama-2-7B", 6738415616.0},
                        {"DeepSeek-V3", 671026419200.0}};
  const float fs = ImGui::GetFontSize();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float h = fs * 4.3f;
  ImGui::Dummy(ImVec2(width, h));
  note_item(app.ui, "layers.ladder");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x0 = o.x + fs * 0.5f, x1 = o.x + width - fs * 2.5f, y = o.y + fs * 1.55f;
  auto at = [&](double n) { return x0 + static_cast<float>(std::log10(std::max(n, 1.0)) / 12.0) * (x1 - x0); };
  dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), palette::kMuted, 1.5f * app.scale);
  char buf[48];
  for (int e = 0; e <= 12; e += 3) {
    dl->AddLine(ImVec2(at(std::pow(10.0, e)), y - fs * 0.25f), ImVec2(at(std::pow(10.0, e)), y + fs * 0.25f), palette::kMuted);
    std::snprintf(buf, sizeof buf, "10^%d", e);
    dl->AddText(ImVec2(at(std::pow(10.0, e)) - fs * 0.6f, y + fs * 0.35f), palette::kMuted, buf);
  }
  // Labels from the right: where two would overlap (a narrow column) the smaller model's label gives way.
  float free_right = o.x + width;
  for (auto r = std::rbegin(rungs); r != std::rend(rungs); ++r) {
    const float x = at(r->count);
    dl->AddCircleFilled(ImVec2(x, y), 3.5f * app.scale, palette::kInk);
    const float tw = ImGui::CalcTextSize(r->name).x;
    const float left = std::clamp(x - tw * 0.5f, o.x, o.x + width - tw);
    if (left + tw > free_right) continue;
    dl->AddText(ImVec2(left, o.y), palette::kInk, r->name);
    free_right = left - fs * 0.5f;
  }
  const float x = at(static_cast<double>(params));
  dl->AddTriangleFilled(ImVec2(x, y - fs * 0.1f), ImVec2(x - fs * 0.4f, y + fs * 0.6f), ImVec2(x + fs * 0.4f, y + fs * 0.6f),
                        palette::kVermillion);
  char you[64];
  std::snprintf(you, sizeof you, "this network: %s", format_count(params, buf, sizeof buf));
  const float tw = ImGui::CalcTextSize(you).x;
  dl->AddText(ImVec2(std::clamp(x - tw * 0.5f, o.x, o.x + width - tw), y + fs * 1.5f), palette::kVermillion, you);
  if (ImGui::IsItemHovered())
    layout::tooltip("One counting rule from 2 to 10^12: every weight matrix has rows×cols weights, every bias vector "
                      "its length.\nThis network: %s. GPT-2: 124,439,808. Llama-2-7B: 6,738,415,616.",
                      format_count(params, buf, sizeof buf));
}

}  // namespace lpp

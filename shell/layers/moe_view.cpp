// The toy mixture of experts' view: which expert the gate sends each region of the plane to, what the MoE
// predicts, and how it compares with a dense network of the same total and one of the same active parameters,
// trained on the same data with the same seed, optimizer and steps. Core computes (core/nn/moe); this draws.
#include "layers/moe_view.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app.hpp"
#include "layout.hpp"
#include "layers/layers_draw.hpp"
#include "plot.hpp"
#include "tour/tour.hpp"

namespace lpp {
namespace {

constexpr double kTrainBudgetSeconds = 0.006;   // the three models' training per frame
constexpr int kGridResolution = 48;
const ImU32 kExpertColours[8] = {palette::kOrange, palette::kBlue,  palette::kGreen, palette::kPurple,
                                 palette::kSky,    palette::kVermillion, IM_COL32(240, 228, 66, 255), palette::kMuted};

ImU32 with_alpha(ImU32 c, float a) { return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(a * 255) << IM_COL32_A_SHIFT); }

// A square map of [−6, 6]² with the grid's cells coloured by `cell_colour(i)` and the training points on top.
template <typename CellColour>
void grid_map(const char* id, float side, const MoeRuntime& rt, CellColour cell_colour) {
  const PlotArea p = begin_plot(id, ImVec2(side, side), -kDataRadius, kDataRadius, -kDataRadius, kDataRadius, "x1", "x2");
  push_clip(p);
  const int r = rt.grid.resolution;
  const float cw = (p.max.x - p.min.x) / r, ch = (p.max.y - p.min.y) / r;
  for (int row = 0; row < r; ++row)
    for (int col = 0; col < r; ++col)
      p.draw->AddRectFilled(ImVec2(p.min.x + col * cw, p.min.y + row * ch),
                            ImVec2(p.min.x + (col + 1) * cw + 0.5f, p.min.y + (row + 1) * ch + 0.5f),
                            cell_colour(row * r + col));
  const DataSet& d = rt.cmp.data.train;
  for (int i = 0; i < d.size(); ++i) {
    const ImVec2 c = p.to_screen(d.x(0, i), d.x(1, i));
    p.draw->AddCircleFilled(c, 2.6f, d.label[i] == 1 ? palette::kInk : IM_COL32(255, 255, 255, 255));
    p.draw->AddCircle(c, 2.6f, palette::kInk, 0, 1.0f);
  }
  pop_clip(p);
}

}  // namespace

void moe_view_advance(App& app) {
  MoeRuntime& rt = app.tour.moe;
  const MoeConfig config = tour_moe_config(app.state.tour);
  if (!rt.built || config.experts != rt.built_config.experts || config.top_k != rt.built_config.top_k) {
    rt.cmp = make_moe_comparison(tour_moe_settings(), config, kTourMoeSteps);
    rt.built_config = config;
    rt.built = true;
    rt.grid_steps = -1;
    rt.train_seconds = 0;
  }
  if (!rt.cmp.done()) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point t0 = Clock::now();
    moe_comparison_advance(rt.cmp, kTrainBudgetSeconds);
    rt.train_seconds += std::chrono::duration<double>(Clock::now() - t0).count();
  }
  if (rt.grid_steps != rt.cmp.moe.steps) {
    evaluate_moe_grid(rt.cmp.moe.net, rt.cmp.moe.loss, rt.cmp.moe.features, kGridResolution, rt.grid);
    rt.grid_steps = rt.cmp.moe.steps;
  }
}

void draw_moe_view(App& app, ImVec2 size) {
  MoeRuntime& rt = app.tour.moe;
  TourState& tour = app.state.tour;
  const MoeComparison& c = rt.cmp;
  const float fs = ImGui::GetFontSize();
  // The two maps, then the settings and results: side by side where they fit, else in that order down the page.
  layout::Blocks blocks({{10.0f, 1.0f}, {10.0f, 1.0f}, {17.0f, 1.0f, 24.0f}}, false);
  const float title_lines = ImGui::GetTextLineHeightWithSpacing() * 4;  // a title and legend of two lines each
  auto side_of = [&](int i) {
    return blocks.stacked() ? std::min(blocks.width(i), fs * 18) : std::min(blocks.width(i), std::max(fs * 8, size.y - title_lines));
  };

  // [maps] Routing and output.
  blocks.begin(0, "moe-routing");
  ImGui::PushFont(app.fonts.strong);
  ImGui::TextWrapped("Which expert the gate chooses first");
  ImGui::PopFont();
  grid_map("##moe-routing", side_of(0), rt, [&](int i) {
    const float strength = 0.35f + 0.55f * rt.grid.weight[i];
    return with_alpha(kExpertColours[rt.grid.expert[i] % 8], strength);
  });
  layout::Row legend;
  for (int e = 0; e < static_cast<int>(c.moe.net.experts.size()); ++e) {
    char label[16];
    std::snprintf(label, sizeof label, "■ %d", e + 1);
    legend.next(ImGui::CalcTextSize(label).x);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kExpertColours[e % 8]), "%s", label);
  }
  blocks.end();
  blocks.begin(1, "moe-output");
  ImGui::PushFont(app.fonts.strong);
  ImGui::TextWrapped("What the mixture predicts");
  ImGui::PopFont();
  grid_map("##moe-output", side_of(1), rt, [&](int i) { return diverging_colour(2 * rt.grid.prediction(0, i) - 1, 0.8f); });
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("● class 1  ○ class 0 (training points)");
  ImGui::PopStyleColor();
  blocks.end();

  // [table] Settings, counts and results.
  blocks.begin(2, "moe-table");
  ImGui::SetNextItemWidth(fs * 8);
  ImGui::SliderInt("experts E", &tour.moe_experts, 2, 8);
  note_item(app.ui, "tour.moe_experts");
  tour.moe_top_k = std::min(tour.moe_top_k, tour.moe_experts);
  ImGui::SetNextItemWidth(fs * 8);
  ImGui::SliderInt("top-k", &tour.moe_top_k, 1, tour.moe_experts);
  note_item(app.ui, "tour.moe_top_k");
  if (ImGui::IsItemHovered()) layout::tooltip("Experts run per example; their outputs are mixed by the gate's weights");
  char steps[64];
  std::snprintf(steps, sizeof steps, "step %ld / %ld", c.moe.steps, c.steps_goal);
  ImGui::ProgressBar(static_cast<float>(c.progress()), ImVec2(blocks.width(2), 0), steps);
  note_item(app.ui, "tour.moe_progress");

  const MoeParamCount n = moe_param_count(feature_count(c.settings.features), c.moe.net.experts.front().widths.back(),
                                          c.config);
  char buf[32];
  ImGui::Spacing();
  ImGui::Text("gate %lld + %d experts × %lld", static_cast<long long>(n.gate), c.config.experts,
              static_cast<long long>(n.expert));
  if (ImGui::BeginTable("moe-compare", 4, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("model");
    ImGui::TableSetupColumn("total");
    ImGui::TableSetupColumn("active");
    ImGui::TableSetupColumn("test acc.");
    ImGui::TableHeadersRow();
    auto row = [&](const char* name, std::int64_t total, std::int64_t active, const std::vector<LossPoint>& h) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(name);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_count(total, buf, sizeof buf));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_count(active, buf, sizeof buf));
      ImGui::TableNextColumn();
      if (!h.empty()) ImGui::Text("%.0f %%", 100 * h.back().test_accuracy);
    };
    row("MoE", n.total(), n.active(), c.moe.history);
    const std::int64_t dt = total_param_count(c.dense_total.net.widths), da = total_param_count(c.dense_active.net.widths);
    char name[48];
    std::snprintf(name, sizeof name, "dense, %d wide", c.dense_total_settings.hidden[0].width);
    row(name, dt, dt, c.dense_total.history);
    std::snprintf(name, sizeof name, "dense, %d wide", c.dense_active_settings.hidden[0].width);
    row(name, da, da, c.dense_active.history);
    ImGui::EndTable();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Same data, seed, optimizer and steps. A dense network runs all its parameters for every example.");
  ImGui::PopStyleColor();
  for (const auto& [name, stopped] : {std::pair{"The MoE", c.moe.stopped},
                                      std::pair{"A dense network", c.dense_total.stopped},
                                      std::pair{"A dense network", c.dense_active.stopped}}) {
    if (stopped == StopReason::None) continue;
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kVermillion);
    ImGui::TextWrapped("%s stopped training: %s; its last finite parameters are shown.", name,
                       stopped == StopReason::DataNotFinite ? "the data hold inf or NaN"
                       : stopped == StopReason::StepTooLarge ? "a step blew up its parameters"
                                                             : "its loss became inf or NaN");
    ImGui::PopStyleColor();
  }
  blocks.end();
}

}  // namespace lpp

// The LLM lab's Ladder view: one counting rule from y = a·x + b to 10^12 on a log ruler 10^0…10^13, with the
// Dials model, the Layers network and every preset; the current model is highlighted and a click on a rung opens it.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "layout.hpp"
#include "llm_views.hpp"

namespace lpp::llm_lab {
namespace {

using I64 = std::int64_t;

struct Placed {
  llm::Rung rung;
  float x = 0;         // screen x on the ruler
  int lane = 0;        // label row: even above the ruler, odd below
  bool current = false;
};

std::string rung_item(const llm::Rung& r) {
  switch (r.kind) {
    case llm::RungKind::kDials: return "llm.ladder.dials";
    case llm::RungKind::kLayers: return "llm.ladder.layers";
    case llm::RungKind::kPreset: break;
  }
  return "llm.ladder." + (r.preset.empty() ? std::string("current") : r.preset);
}

void open_rung(LlmFrame& f, const llm::Rung& r) {
  if (r.kind == llm::RungKind::kDials) f.app.state.view = View::Dials;
  if (r.kind == llm::RungKind::kLayers) f.app.state.view = View::Layers;
  if (r.kind != llm::RungKind::kPreset || r.preset.empty()) return;
  f.s.preset = r.preset;
  f.s.config_text.clear();
  f.s.config_name.clear();
  f.s.overrides = nlohmann::json::object();
  f.s.tab = LlmTab::Model;
}

}  // namespace

void draw_ladder_tab(LlmFrame& f) {
  explain("Every view counts parameters the same way: each weight matrix has rows × cols weights, each bias vector "
          "its length. y = a·x + b has 2; GPT-2 small 124,439,808; DeepSeek-V3 671,026,419,200. Click a rung to open it.");
  std::vector<Placed> placed;
  const bool edited = !f.s.config_text.empty() || !f.s.overrides.empty();
  for (const llm::Rung& r : f.rt.ladder)
    placed.push_back({r, 0, 0, !edited && r.kind == llm::RungKind::kPreset && r.preset == f.s.preset});
  if (edited && f.m.ok())
    placed.push_back({{"This model: " + llm::lab_model_name(f.m), f.m.count.total, llm::RungKind::kPreset, ""}, 0, 0,
                      true});
  std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) { return a.rung.params < b.rung.params; });

  const float fs = ImGui::GetFontSize();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float x0 = origin.x + fs * 1.5f, x1 = origin.x + width - fs * 1.5f;
  constexpr double kDecades = 13;
  auto x_of = [&](I64 n) {
    const double d = std::clamp(std::log10(static_cast<double>(std::max<I64>(n, 1))), 0.0, kDecades);
    return static_cast<float>(x0 + (x1 - x0) * d / kDecades);
  };
  // Labels go to the first lane (alternately above and below the ruler) where they do not overlap, with as many
  // lanes as a narrow ruler needs; near the right end a label ends at its rung instead of starting there.
  const float lane_h = ImGui::GetTextLineHeight() + 2.0f * f.app.scale;
  std::vector<float> lane_end;
  std::vector<float> label_x(placed.size());
  for (std::size_t i = 0; i < placed.size(); ++i) {
    Placed& p = placed[i];
    p.x = x_of(p.rung.params);
    const float w = ImGui::CalcTextSize(p.rung.label.c_str()).x;
    label_x[i] = std::max(origin.x, std::min(p.x, origin.x + width - w - fs * 0.3f));
    std::size_t lane = 0;
    while (lane < lane_end.size() && lane_end[lane] > label_x[i] - fs * 0.5f) ++lane;
    if (lane == lane_end.size()) lane_end.push_back(0);
    p.lane = static_cast<int>(lane);
    lane_end[lane] = label_x[i] + w;
  }
  const int lanes_per_side = (static_cast<int>(lane_end.size()) + 1) / 2;
  const float height = std::max({fs * 18, ImGui::GetContentRegionAvail().y * 0.8f,
                                 2 * (lanes_per_side * lane_h + fs * 1.6f)});
  const float ruler_y = origin.y + height * 0.5f;

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), palette::kPlotBg);
  dl->AddLine(ImVec2(x0, ruler_y), ImVec2(x1, ruler_y), palette::kInk, 2.0f * f.app.scale);
  // Every decade has a tick; a narrow ruler labels every second or third one so the labels never touch.
  const float decade_w = (x1 - x0) / static_cast<float>(kDecades);
  const int label_every = static_cast<int>(std::ceil(ImGui::CalcTextSize("10^13").x * 1.3f / decade_w));
  for (int d = 0; d <= kDecades; ++d) {
    const float x = x0 + (x1 - x0) * static_cast<float>(d) / static_cast<float>(kDecades);
    dl->AddLine(ImVec2(x, ruler_y - fs * 0.35f), ImVec2(x, ruler_y + fs * 0.35f), palette::kInk, 1.5f);
    if (d % label_every) continue;
    char buf[16];
    std::snprintf(buf, sizeof buf, "10^%d", d);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(x - ts.x * 0.5f, origin.y + height - ts.y - fs * 0.2f), palette::kMuted, buf);
  }
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const Placed& p = placed[i];
    const bool above = p.lane % 2 == 0;
    const float off = (static_cast<float>(p.lane / 2) + 1.0f) * lane_h;
    const float label_y = above ? ruler_y - off - fs * 0.3f : ruler_y + off - lane_h + fs * 0.6f;
    const ImU32 colour = p.current ? palette::kVermillion
                         : p.rung.kind == llm::RungKind::kPreset ? palette::kBlue : palette::kGreen;
    dl->AddLine(ImVec2(p.x, ruler_y), ImVec2(p.x, above ? label_y + fs : label_y), palette::kGrid, 1.0f);
    dl->AddCircleFilled(ImVec2(p.x, ruler_y), (p.current ? 6.5f : 4.0f) * f.app.scale, colour);
    ImGui::SetCursorScreenPos(ImVec2(label_x[i], label_y));
    ImGui::PushID(rung_item(p.rung).c_str());
    if (p.current) ImGui::PushFont(f.app.fonts.strong);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    const ImVec2 ts = ImGui::CalcTextSize(p.rung.label.c_str());
    const ImVec2 at = ImGui::GetCursorScreenPos();
    if (ImGui::InvisibleButton("rung", ts)) open_rung(f, p.rung);
    const bool hovered = ImGui::IsItemHovered();
    note_item(f.app.ui, rung_item(p.rung).c_str());
    if (hovered) dl->AddRectFilled(at, ImVec2(at.x + ts.x, at.y + ts.y), IM_COL32(0, 0, 0, 18));
    dl->AddText(at, colour, p.rung.label.c_str());
    ImGui::PopStyleColor();
    if (p.current) ImGui::PopFont();
    if (hovered)
      layout::tooltip("%s\n%s parameters (%s)\n%s", p.rung.label.c_str(), llm::format_count(p.rung.params).c_str(),
                        short_count(p.rung.params).c_str(),
                        p.rung.kind == llm::RungKind::kDials    ? "click: open the Dials view"
                        : p.rung.kind == llm::RungKind::kLayers ? "click: open the Layers view"
                        : p.rung.preset.empty()                 ? "the model this lab shows"
                                                                : "click: show this model");
    ImGui::PopID();
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height + fs * 0.5f));

  // The same rungs as a list: exact counts and the step from one to the next.
  // The window scrolls to it; on a phone it scrolls sideways in its own frame, the names pinned.
  const layout::WideTable wide = layout::wide_table(30.0f, static_cast<int>(placed.size()) + 1);
  if (!ImGui::BeginTable("rungs", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                         ImGuiTableFlags_SizingStretchProp | wide.flags, wide.outer_size, wide.inner_width))
    return;
  if (wide.scrolls) ImGui::TableSetupScrollFreeze(1, 0);
  ImGui::TableSetupColumn("Model", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("Parameters", ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn("At a glance", ImGuiTableColumnFlags_WidthStretch, 0.8f);
  ImGui::TableSetupColumn("× the rung below", ImGuiTableColumnFlags_WidthStretch, 0.8f);
  ImGui::TableHeadersRow();
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const Placed& p = placed[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (p.current) ImGui::PushStyleColor(ImGuiCol_Text, palette::kVermillion);
    ImGui::TextUnformatted(p.rung.label.c_str());
    if (p.current) ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(llm::format_count(p.rung.params).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(short_count(p.rung.params).c_str());
    ImGui::TableNextColumn();
    if (i > 0 && placed[i - 1].rung.params > 0)
      ImGui::Text("× %.3g", static_cast<double>(p.rung.params) / static_cast<double>(placed[i - 1].rung.params));
  }
  ImGui::EndTable();
}

}  // namespace lpp::llm_lab

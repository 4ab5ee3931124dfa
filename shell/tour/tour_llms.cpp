// Step 8's live view: Grok-1, DeepSeek-V3 and the GPT-4 rumour side by side. Total parameters (what memory must
// hold) against active ones (what each token computes with), then bf16 weight memory, FLOPs per token and the
// energy of a million tokens on one accelerator, all from the counting engine and its estimates.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app.hpp"
#include "layout.hpp"
#include "tour/tour.hpp"
#include "tour_views.hpp"

namespace lpp {
namespace {

constexpr std::int64_t kContext = 4096;   // tokens attended when estimating FLOPs per token

std::string billions(std::int64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f B", static_cast<double>(n) / 1e9);
  return buf;
}

const llm::Accelerator* tour_accelerator(const App& app) {
  for (const llm::Accelerator& a : llm::default_accelerators())
    if (a.id == app.state.llm.accelerator) return &a;
  return llm::default_accelerators().empty() ? nullptr : &llm::default_accelerators().front();
}

struct Figures {
  llm::Estimate memory;   // bf16 weights: every expert is resident
  llm::Estimate flops;    // per generated token at kContext
  llm::Estimate energy;   // of 10⁶ tokens on one accelerator at the lab's utilisation
};

Figures figures(const App& app, const llm::LabModel& m) {
  Figures f;
  f.memory = llm::weight_bytes(m.count.total, llm::DType::kBf16);
  f.flops = llm::flops_per_token(m.arch, m.count.active, kContext);
  if (const llm::Accelerator* acc = tour_accelerator(app))
    f.energy = llm::run_cost(f.flops.value * 1e6, *acc, app.state.llm.utilisation, 1).energy;
  return f;
}

}  // namespace

void tour_llms_sync(App& app) {
  if (!app.tour.llms.empty()) return;
  for (const char* id : kTourLlmPresets) app.tour.llms.push_back(llm::resolve_lab_model(id, "", nlohmann::json::object()));
}

std::string tour_llms_text(const App& app) {
  const std::vector<llm::LabModel>& m = app.tour.llms;
  if (m.size() < 3 || !m[0].ok() || !m[1].ok() || !m[2].ok()) return "The models could not be loaded.";
  char buf[768];
  std::snprintf(buf, sizeof buf,
                "The same counting rule, at full size. Grok-1 stores %s parameters and uses %s for each token; "
                "DeepSeek-V3 stores %s and uses %s; the GPT-4 rumour, %s and %s. Memory must hold every expert "
                "(%s of bf16 weights for DeepSeek-V3); compute and energy per token follow the active ones.",
                billions(m[0].count.total).c_str(), billions(m[0].count.active).c_str(),
                billions(m[1].count.total).c_str(), billions(m[1].count.active).c_str(),
                billions(m[2].count.total).c_str(), billions(m[2].count.active).c_str(),
                llm::format_bytes(llm::weight_bytes(m[1].count.total, llm::DType::kBf16).value).c_str());
  return buf;
}

void draw_tour_llms(App& app, ImVec2 size) {
  const std::vector<llm::LabModel>& models = app.tour.llms;
  const float fs = ImGui::GetFontSize();
  std::int64_t largest = 1;
  for (const llm::LabModel& m : models) largest = std::max(largest, m.count.total);

  // [bars] Total (light) with active (dark) inside it, on one linear scale. Name, bar and figures on one line; in
  // one column the name and figures, then the bar.
  const bool column = layout::stacked(size.x);
  float label_w = fs * 6;
  for (const llm::LabModel& m : models) label_w = std::max(label_w, ImGui::CalcTextSize(llm::lab_model_name(m).c_str()).x + fs);
  const float bar_w = column ? size.x : std::max(fs * 10, size.x - label_w - fs * 14);
  const float bar_h = fs * 1.6f;
  for (std::size_t i = 0; i < models.size(); ++i) {
    const llm::LabModel& m = models[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(llm::lab_model_name(m).c_str());
    if (column) {
      ImGui::SameLine(0, fs);
      ImGui::Text("%s total, %s active", billions(m.count.total).c_str(), billions(m.count.active).c_str());
    } else {
      ImGui::SameLine(label_w);
    }
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(bar_w, bar_h));
    if (ImGui::IsItemHovered())
      layout::tooltip("total %s\nactive %s\n%s", llm::format_count(m.count.total).c_str(),
                        llm::format_count(m.count.active).c_str(), llm::active_formula(m.count).c_str());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float total_x = bar_w * static_cast<float>(m.count.total) / static_cast<float>(largest);
    const float active_x = bar_w * static_cast<float>(m.count.active) / static_cast<float>(largest);
    dl->AddRectFilled(at, ImVec2(at.x + total_x, at.y + bar_h), (palette::kSky & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 110));
    dl->AddRectFilled(at, ImVec2(at.x + active_x, at.y + bar_h), palette::kBlue);
    if (!column) {
      ImGui::SameLine();
      ImGui::AlignTextToFramePadding();
      ImGui::Text("%s total, %s active", billions(m.count.total).c_str(), billions(m.count.active).c_str());
    }
    ImGui::PopID();
  }
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + size.x);
  ImGui::TextDisabled("dark: active per token (compute)   light: total (memory)");
  ImGui::Spacing();

  // [table] Memory, compute and energy.
  const llm::Accelerator* acc = tour_accelerator(app);
  const layout::WideTable wide = layout::wide_table(38.0f, static_cast<int>(models.size()) + 1);
  if (ImGui::BeginTable("tour-llms", 5, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp | wide.flags,
                        wide.scrolls ? wide.outer_size : ImVec2(std::min(size.x, fs * 52), 0), wide.inner_width)) {
    if (wide.scrolls) ImGui::TableSetupScrollFreeze(1, 0);
    ImGui::TableSetupColumn("model");
    ImGui::TableSetupColumn("active share");
    ImGui::TableSetupColumn("weights, bf16");
    ImGui::TableSetupColumn("FLOPs per token");
    ImGui::TableSetupColumn("energy per 10⁶ tokens");
    ImGui::TableHeadersRow();
    for (const llm::LabModel& m : models) {
      const Figures f = figures(app, m);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(llm::lab_model_name(m).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.1f %%", 100.0 * static_cast<double>(m.count.active) / static_cast<double>(std::max<std::int64_t>(m.count.total, 1)));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(llm::format_bytes(f.memory.value).c_str());
      if (ImGui::IsItemHovered()) layout::tooltip("%s", f.memory.formula.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", f.flops.value);
      if (ImGui::IsItemHovered()) layout::tooltip("%s", f.flops.formula.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.2f kWh", f.energy.value);
      if (ImGui::IsItemHovered()) layout::tooltip("%s", f.energy.formula.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  if (acc)
    ImGui::TextWrapped("Context %lld tokens; energy on one %s at %.0f %% utilisation (%.0f W). Hover a figure for "
                        "its formula.", static_cast<long long>(kContext), acc->name.c_str(),
                        100 * app.state.llm.utilisation, acc->watts);
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  for (const llm::LabModel& m : models)
    for (const std::string& e : m.errors) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kVermillion), "%s", e.c_str());
  ImGui::Spacing();
  if (ImGui::Button("Open the comparison in the LLM lab")) {
    app.state.llm.compare.assign(std::begin(kTourLlmPresets), std::end(kTourLlmPresets));
    app.state.llm.tab = LlmTab::Compare;
    app.state.view = View::Llm;
  }
  note_item(app.ui, "tour.open_llm");
}

}  // namespace lpp

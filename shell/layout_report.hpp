// The layout report: what the last frame drew that a reader cannot see whole. Every widget ImGui adds is recorded
// through Dear ImGui's item hooks (the ones its test engine uses); after the frame, the report lists the widgets
// and text partly outside their window's visible area where that window cannot scroll to them, labels cut short,
// and widgets that overlap a sibling. The page exposes it as Module.layoutReport(); the UI tests assert it empty.
// Not a layout engine and not a screen reader's tree: it only measures.
#pragma once
#include <imgui.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace lpp {

// One widget of the frame being drawn, as ImGui added it.
struct LayoutItem {
  ImGuiID id = 0;
  void* window = nullptr;     // ImGuiWindow* it was added to
  ImVec2 min, max;            // its rectangle
  ImVec2 clip_min, clip_max;  // the visible area it must stay inside, on the axes its window cannot scroll
  bool clip_x = true, clip_y = true;  // whether that axis is checked
  bool allow_overlap = false;
  std::string label;          // the label it shows ("" if none); set by ImGui's item-info hook
  std::string name;           // window/label, for the report
};

// Filled during a frame by the hooks (ImGuiContext::TestEngine points at it while draw_app runs).
struct LayoutRecorder {
  std::vector<LayoutItem> items;
  std::vector<std::string> truncated;   // labels drawn shorter than they are (a tab read "Mode…")
  std::map<ImGuiID, std::string> names; // the app's own names of widgets (note_item), used in the report
};

struct LayoutReport {
  std::vector<std::string> clipped;
  std::vector<std::pair<std::string, std::string>> overlapping;
  bool empty() const { return clipped.empty() && overlapping.empty(); }
};

// Starts recording the frame about to be drawn into `recorder` (draw_app calls it first).
void layout_record(LayoutRecorder& recorder);

// The report of the last frame: call after ImGui::Render (it reads the draw data for text cut by a clip).
LayoutReport layout_report(const LayoutRecorder& recorder);

// {"view": view, "clipped": [...], "overlapping": [[a, b], ...]}
std::string layout_report_json(const LayoutReport& report, const std::string& view);

}  // namespace lpp

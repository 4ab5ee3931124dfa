// The layout report (layout_report.hpp): Dear ImGui's item hooks record each widget with the area it must stay in;
// after the frame the records, and the glyphs of the draw data, are checked against it.
// [SECTION] scroll reach  [SECTION] ImGui's hooks  [SECTION] the report
#define IMGUI_ENABLE_TEST_ENGINE  // declares the hooks; imgui.cpp calls them (cmake/imgui.cmake defines it there)
#include "layout_report.hpp"

#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <map>
#include <string_view>

namespace lpp {
namespace {

// [SECTION] scroll reach

constexpr ImGuiWindowFlags kTransient = ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip;

// Whether the reader can scroll window `w` along `axis` (0 = x, 1 = y) to what lies outside its visible area.
bool can_scroll(const ImGuiWindow* w, int axis) {
  if (w->ScrollMax[axis] <= 0.5f) return false;
  if (axis == 0) return w->ScrollbarX;
  return w->ScrollbarY || !(w->Flags & ImGuiWindowFlags_NoScrollWithMouse);
}

bool ancestor_scrolls(const ImGuiWindow* w, int axis) {
  for (const ImGuiWindow* p = w->ParentWindow; p; p = p->ParentWindow)
    if (can_scroll(p, axis)) return true;
  return false;
}

// The area something drawn in `w` under clip rectangle `clip` must stay inside, and the axes it is checked on:
// none along an axis `w` scrolls; along an axis only an ancestor scrolls, `w`'s own inner area (the ancestor's
// visible area, which clips `w` too, is reachable by scrolling).
void reach(const ImGuiWindow* w, ImRect clip, ImVec2& min, ImVec2& max, bool& check_x, bool& check_y) {
  bool check[2];
  for (int axis = 0; axis < 2; ++axis) {
    check[axis] = !can_scroll(w, axis);
    if (check[axis] && ancestor_scrolls(w, axis)) {
      clip.Min[axis] = w->InnerRect.Min[axis];
      clip.Max[axis] = w->InnerRect.Max[axis];
    }
  }
  min = clip.Min, max = clip.Max;
  check_x = check[0], check_y = check[1];
}

std::string short_name(const ImGuiWindow* w) {
  std::string_view name = w->Name;
  const std::size_t slash = name.find_last_of('/');
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  const std::size_t suffix = name.find_last_of('_');  // child windows end in "_%08X"
  if (suffix != std::string_view::npos && name.size() - suffix == 9) name = name.substr(0, suffix);
  return std::string(name);
}

std::string visible_label(const char* label) {
  std::string_view s = label ? label : "";
  const std::size_t hidden = s.find("##");
  return std::string(s.substr(0, hidden));
}

}  // namespace
}  // namespace lpp

// [SECTION] ImGui's hooks (called by imgui.cpp and imgui_widgets.cpp while ImGuiContext::TestEngineHookItems is set)

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* data) {
  auto* rec = static_cast<lpp::LayoutRecorder*>(ctx->TestEngine);
  ImGuiWindow* w = ctx->CurrentWindow;
  if (!rec || id == 0 || !w) return;
  ImGuiWindow* host = w;
  if (id != w->ID && !data) return;  // a behaviour without an item (a scrollbar, a table's column border)
  if (id == w->ID) {  // a window registering itself: a child is an item of its parent
    if (!(w->Flags & ImGuiWindowFlags_ChildWindow) || (w->Flags & lpp::kTransient) || !w->ParentWindow) return;
    host = w->ParentWindow;
  }
  if (host->RootWindow && (host->RootWindow->Flags & lpp::kTransient)) return;  // menus and tooltips come and go
  // A scrollbar lies outside its window's inner area by design. Its id hashes on the window's ID stack, which is
  // still empty while Begin() registers a new child (reading its top there read before the stack's buffer).
  if (id != w->ID && !w->IDStack.empty() &&
      (id == ImGui::GetWindowScrollbarID(w, ImGuiAxis_X) || id == ImGui::GetWindowScrollbarID(w, ImGuiAxis_Y)))
    return;
  if (ImGuiTable* table = ctx->CurrentTable)  // a column's resize handle lies over the cells' edge by design
    for (int n = 0; n < table->ColumnsCount; ++n)
      if (id == ImGui::TableGetColumnResizeID(table, n, table->InstanceCurrent)) return;
  for (const ImGuiWindow* child : w->DC.ChildWindows)  // EndChild adds the child once more, under its ChildId
    if (child->ChildId == id) return;
  lpp::LayoutItem it;
  it.id = id;
  it.window = host;
  const ImRect r = data ? data->Rect : bb;
  it.min = r.Min, it.max = r.Max;
  it.allow_overlap = data && (data->InFlags & ImGuiItemFlags_AllowOverlap);
  lpp::reach(host, host->ClipRect, it.clip_min, it.clip_max, it.clip_x, it.clip_y);
  if (ctx->CurrentTable && host == w) {  // a selectable in a cell reaches half the spacing into its neighbours
    it.clip_min.x -= ctx->Style.ItemSpacing.x * 0.5f;
    it.clip_max.x += ctx->Style.ItemSpacing.x * 0.5f;
  }
  it.name = lpp::short_name(host) + "/" + (id == w->ID ? lpp::short_name(w) : std::string("#") + std::to_string(id));
  rec->items.push_back(std::move(it));
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  auto* rec = static_cast<lpp::LayoutRecorder*>(ctx->TestEngine);
  if (!rec || rec->items.empty() || rec->items.back().id != id) return;
  lpp::LayoutItem& it = rec->items.back();
  if (ctx->CurrentWindow && id == ctx->CurrentWindow->ID) return;  // a window: named by the ItemAdd hook
  it.label = lpp::visible_label(label);
  const std::string shown = it.label.empty() ? std::string(label ? label : "") : it.label;
  it.name = lpp::short_name(static_cast<ImGuiWindow*>(it.window)) + "/" + shown;
  // Every widget's rectangle holds its label; a label wider than that is drawn cut (a tab reading "Mode…").
  // A text field's label is drawn beside its frame (a field with step buttons reports the label of the whole group
  // for its frame alone), never inside it.
  if (!it.label.empty() && !(flags & ImGuiItemStatusFlags_Inputable)) {
    const float text_w = ImGui::CalcTextSize(it.label.c_str()).x;
    if (text_w > it.max.x - it.min.x - 2 * ctx->Style.FramePadding.x + 1.0f) rec->truncated.push_back(it.name);
  }
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

namespace lpp {

// [SECTION] the report

void layout_record(LayoutRecorder& recorder) {
  recorder.items.clear();
  recorder.truncated.clear();
  recorder.names.clear();
  ImGuiContext& g = *ImGui::GetCurrentContext();
  g.TestEngine = &recorder;
  g.TestEngineHookItems = true;
}

namespace {

constexpr float kTolerance = 1.5f;  // pixels: rounding, borders

bool outside(const LayoutItem& it) {
  return (it.clip_x && (it.min.x < it.clip_min.x - kTolerance || it.max.x > it.clip_max.x + kTolerance)) ||
         (it.clip_y && (it.min.y < it.clip_min.y - kTolerance || it.max.y > it.clip_max.y + kTolerance));
}

bool overlap(const LayoutItem& a, const LayoutItem& b) {
  const float w = std::min(a.max.x, b.max.x) - std::max(a.min.x, b.min.x);
  const float h = std::min(a.max.y, b.max.y) - std::max(a.min.y, b.min.y);
  return w > kTolerance && h > kTolerance;
}

// The character whose atlas image holds `uv`, quoted ("'x'"), for the report to say which text is cut.
std::string glyph_at(ImVec2 uv) {
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
    for (const ImFontGlyph& gl : font->Glyphs)
      if (uv.x >= gl.U0 && uv.x <= gl.U1 && uv.y >= gl.V0 && uv.y <= gl.V1) {
        char utf8[8] = {};
        ImTextCharToUtf8(utf8, gl.Codepoint);
        return std::string("'") + utf8 + "'";
      }
  return "?";
}

// Text the draw data cuts: a glyph vertex outside its command's clip rectangle along an axis its window cannot
// scroll. (Widgets' own labels are clipped on the CPU instead; the item-info hook measures those.)
void clipped_text(std::vector<std::string>& out) {
  const ImDrawData* dd = ImGui::GetDrawData();
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (!dd || !dd->Valid) return;
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  const ImVec2 white = atlas->TexUvWhitePixel;
  ImVec2 lines_min(1, 1), lines_max(0, 0);  // the atlas region of baked anti-aliased lines: not glyphs
  for (const ImVec4& uv : atlas->TexUvLines) {
    lines_min = ImVec2(std::min(lines_min.x, std::min(uv.x, uv.z)), std::min(lines_min.y, std::min(uv.y, uv.w)));
    lines_max = ImVec2(std::max(lines_max.x, std::max(uv.x, uv.z)), std::max(lines_max.y, std::max(uv.y, uv.w)));
  }
  std::map<const ImDrawList*, const ImGuiWindow*> owner;
  for (const ImGuiWindow* w : g.Windows)
    if (w->WasActive && !(w->RootWindow->Flags & kTransient)) owner[w->DrawList] = w;
  for (int l = 0; l < dd->CmdListsCount; ++l) {
    const ImDrawList* list = dd->CmdLists[l];
    const auto found = owner.find(list);
    if (found == owner.end()) continue;
    const ImGuiWindow* w = found->second;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      ImVec2 min, max;
      bool cx = true, cy = true;
      reach(w, ImRect(cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w), min, max, cx, cy);
      for (unsigned k = 0; k < cmd.ElemCount; ++k) {
        const ImDrawVert& v = list->VtxBuffer[static_cast<int>(list->IdxBuffer[static_cast<int>(cmd.IdxOffset + k)] + cmd.VtxOffset)];
        if (v.uv.x == white.x && v.uv.y == white.y) continue;
        if (v.uv.x >= lines_min.x && v.uv.x <= lines_max.x && v.uv.y >= lines_min.y && v.uv.y <= lines_max.y) continue;
        const bool cut = (cx && (v.pos.x < min.x - kTolerance || v.pos.x > max.x + kTolerance)) ||
                         (cy && (v.pos.y < min.y - kTolerance || v.pos.y > max.y + kTolerance));
        if (!cut) continue;
        char where[96];
        std::snprintf(where, sizeof where, " at (%.0f, %.0f), outside (%.0f, %.0f)-(%.0f, %.0f)", v.pos.x, v.pos.y,
                      min.x, min.y, max.x, max.y);
        out.push_back("text " + glyph_at(v.uv) + " in " + short_name(w) + where);
        break;
      }
    }
  }
}

}  // namespace

LayoutReport layout_report(const LayoutRecorder& recorder) {
  LayoutReport report;
  for (const LayoutItem& it : recorder.items) {
    if (!outside(it)) continue;
    const auto named = recorder.names.find(it.id);
    report.clipped.push_back(named != recorder.names.end() ? named->second : it.name);
  }
  for (const std::string& name : recorder.truncated) report.clipped.push_back(name + " (label cut)");
  clipped_text(report.clipped);
  // Siblings: items of one window, neither one allowing overlap (ImGui's explicit opt-in). One widget added twice
  // (a multi-line text box is a child window and an item) has one rectangle.
  const std::vector<LayoutItem>& items = recorder.items;
  auto same_rect = [](const LayoutItem& a, const LayoutItem& b) {
    return std::abs(a.min.x - b.min.x) < 1 && std::abs(a.min.y - b.min.y) < 1 && std::abs(a.max.x - b.max.x) < 1 &&
           std::abs(a.max.y - b.max.y) < 1;
  };
  auto name = [&](const LayoutItem& it) {
    const auto named = recorder.names.find(it.id);
    return named != recorder.names.end() ? named->second : it.name;
  };
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].allow_overlap) continue;
    for (std::size_t j = i + 1; j < items.size(); ++j) {
      if (items[j].window != items[i].window || items[j].allow_overlap || items[j].id == items[i].id) continue;
      if (same_rect(items[i], items[j])) continue;
      if (overlap(items[i], items[j])) report.overlapping.emplace_back(name(items[i]), name(items[j]));
    }
  }
  return report;
}

std::string layout_report_json(const LayoutReport& report, const std::string& view) {
  nlohmann::json j;
  j["view"] = view;
  j["clipped"] = report.clipped;
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& [a, b] : report.overlapping) pairs.push_back({a, b});
  j["overlapping"] = pairs;
  return j.dump();
}

}  // namespace lpp

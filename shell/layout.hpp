// The one layout rule every view follows: blocks side by side where they fit, stacked in reading order where they do
// not, decided by one set of width breakpoints in font units (em, the body font's size), so a phone, a narrow
// embed, a 480 px desktop window and a 4K screen all get the same rule. Also rows of small items that wrap.
// Not a layout engine: ImGui still places every widget; this only chooses widths, heights and where rows break.
#pragma once
#include <imgui.h>

#include <initializer_list>
#include <string>

namespace lpp::layout {

// The breakpoints, in em. Under kStackEm (about 600 CSS px at 16 px text) every view is one column that scrolls;
// from kWideEm a view may put three blocks side by side.
constexpr float kStackEm = 37.5f;
constexpr float kWideEm = 72.0f;

// Whether `width` pixels (the current content width by default) is under kStackEm: one column.
bool stacked(float width = -1);

// The height of a plot in one column, from its width alone (a view in one column must not size itself by the
// window's height: an embed's frame is sized to the content, which would then chase itself).
float stacked_plot_height(float width, float aspect = 0.75f);

// A block: the narrowest it reads well (em) and its share of the room left over.
struct Block {
  float min_em = 10;
  float share = 1;
  float max_em = 0;  // 0: no cap
};

// Blocks side by side while their minimum widths fit the content width, else one under the other in the order
// given. Framed and side by side, begin(i) opens a bordered child of the full height; stacked, or unframed, a group
// whose content sets its height (the window scrolls). A view whose reading order differs from its left-to-right
// order draws its blocks in reading order when stacked() (begin takes the block's index either way). Text inside an
// unframed or stacked block wraps at the block's edge.
class Blocks {
 public:
  explicit Blocks(std::initializer_list<Block> blocks, bool framed = true);
  bool stacked() const { return stacked_; }
  float width(int i) const { return widths_[i]; }
  // Opens block i (child `id` side by side; `flags` apply to that child). Close with end().
  void begin(int i, const char* id, ImGuiWindowFlags flags = 0);
  void end();
  // Side by side: the height left in the block; stacked: `stacked_height`.
  float height(float stacked_height) const;

 private:
  static constexpr int kMax = 4;
  int count_ = 0;
  int drawn_ = 0;
  bool stacked_ = false;
  bool framed_ = true;
  float widths_[kMax] = {};
};

// `label` broken into lines at spaces so that a button showing it is at most `width` wide (a set of models named in
// full, on a phone); unchanged where it fits.
std::string button_label(const char* label, float width);

// A row of small items that wraps: call before each item with its width; it stays on the line of the previous
// item while it fits, else starts the next line. The first call of a row only records the start.
class Row {
 public:
  Row() = default;
  void next(float width);
  // The width an ImGui button with `label` takes.
  static float button_width(const char* label);

 private:
  bool first_ = true;
};

// A table that needs `min_em` to show its columns: where the room is narrower it scrolls sideways inside its own
// frame (the caller pins its first column with ImGui::TableSetupScrollFreeze(1, 0) when `scrolls`). `rows` counts
// the header row too, for the frame's height.
struct WideTable {
  ImGuiTableFlags flags = 0;
  ImVec2 outer_size;
  float inner_width = 0;
  bool scrolls = false;
};
WideTable wide_table(float min_em, int rows);

// Whether tabs with these labels fit the content width side by side (else the caller shows a compact picker).
bool labels_fit(const char* const* labels, int count);

// Touch: a vertical drag that starts on no widget scrolls the window under it (ImGui itself scrolls only by wheel
// and scrollbar). Called once per frame by draw_app, after the views.
void drag_to_scroll();

// Tooltips wrap at 32 em, or narrower where the screen is (a phone is about 24 em wide): never cut by its edge.
float tooltip_wrap();   // for PushTextWrapPos inside BeginTooltip
void tooltip(const char* fmt, ...) IM_FMTARGS(1);   // ImGui::SetTooltip, wrapped

}  // namespace lpp::layout

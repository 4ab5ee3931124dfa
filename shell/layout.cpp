// The layout rule (layout.hpp): breakpoints, blocks side by side or stacked, wrapping rows, drag to scroll.
#include "layout.hpp"

#include <imgui_internal.h>  // the hovered window's scroll range and the active id, for drag to scroll

#include <algorithm>
#include <cstdarg>
#include <string_view>

namespace lpp::layout {

bool stacked(float width) {
  if (width < 0) width = ImGui::GetContentRegionAvail().x;
  return width < kStackEm * ImGui::GetFontSize();
}

float stacked_plot_height(float width, float aspect) {
  const float fs = ImGui::GetFontSize();
  return std::clamp(width * aspect, fs * 11.0f, fs * 30.0f);
}

Blocks::Blocks(std::initializer_list<Block> blocks, bool framed) : framed_(framed) {
  const float fs = ImGui::GetFontSize();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  count_ = std::min(static_cast<int>(blocks.size()), kMax);
  float need = gap * (count_ - 1), shares = 0;
  int i = 0;
  for (const Block& b : blocks) {
    if (i == count_) break;
    widths_[i++] = b.min_em * fs;
    need += b.min_em * fs;
    shares += b.share;
  }
  // One column where the minimum widths do not fit, and everywhere in a view narrower than the breakpoint (blocks
  // nested inside a wider view's block go by their own room alone).
  const ImGuiWindow* root = ImGui::GetCurrentWindowRead()->RootWindow;
  stacked_ = need > avail || layout::stacked(root->ContentRegionRect.GetWidth());
  if (stacked_) {
    std::fill(widths_, widths_ + count_, avail);
    return;
  }
  // The room left over goes by share; a block at its cap passes its part on to the others.
  float left = avail - need;
  bool capped[kMax] = {};
  for (int pass = 0; pass < count_ && left > 0.5f && shares > 0; ++pass) {
    float next_shares = 0, given = 0;
    i = 0;
    for (const Block& b : blocks) {
      if (i == count_) break;
      if (!capped[i]) {
        float add = left * b.share / shares;
        if (b.max_em > 0 && widths_[i] + add >= b.max_em * fs) {
          add = std::max(0.0f, b.max_em * fs - widths_[i]);
          capped[i] = true;
        } else {
          next_shares += b.share;
        }
        widths_[i] += add;
        given += add;
      }
      ++i;
    }
    left -= given;
    shares = next_shares;
  }
}

void Blocks::begin(int i, const char* id, ImGuiWindowFlags flags) {
  const bool after = drawn_++ > 0;
  if (stacked_) {
    if (after) ImGui::Spacing();
    ImGui::PushID(id);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + widths_[i]);
    return;
  }
  if (after) ImGui::SameLine();
  const float w = i == count_ - 1 ? 0.0f : widths_[i];  // the last block takes what rounding left
  // Unframed, a child as tall as its content: a group would hold the block's width for nothing (a table or a
  // full-width field inside it would run on under its neighbour).
  ImGui::BeginChild(id, ImVec2(w, 0), framed_ ? ImGuiChildFlags_Border : ImGuiChildFlags_AutoResizeY, flags);
  if (!framed_) ImGui::PushTextWrapPos(0.0f);  // the child's own edge (a framed column keeps ImGui's own rules)
}

void Blocks::end() {
  if (stacked_ || !framed_) ImGui::PopTextWrapPos();
  if (stacked_) {
    ImGui::EndGroup();
    ImGui::PopID();
  } else {
    ImGui::EndChild();
  }
}

float Blocks::height(float stacked_height) const {
  return stacked_ ? stacked_height : ImGui::GetContentRegionAvail().y;
}

void Row::next(float width) {
  if (first_) {
    first_ = false;
    return;
  }
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const float room = right - ImGui::GetItemRectMax().x - ImGui::GetStyle().ItemSpacing.x;
  if (room >= width) ImGui::SameLine();
}

std::string button_label(const char* label, float width) {
  const float room = width - ImGui::GetStyle().FramePadding.x * 2;
  std::string out, line;
  std::string_view rest = label;
  while (!rest.empty()) {
    const std::size_t space = rest.find(' ');
    const std::string_view word = rest.substr(0, space);
    const std::string wider = line.empty() ? std::string(word) : line + " " + std::string(word);
    if (!line.empty() && ImGui::CalcTextSize(wider.c_str()).x > room) {
      out += line + "\n";
      line = std::string(word);
    } else {
      line = wider;
    }
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  return out + line;
}

float Row::button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

WideTable wide_table(float min_em, int rows) {
  WideTable t;
  const float need = min_em * ImGui::GetFontSize();
  if (ImGui::GetContentRegionAvail().x >= need) return t;
  const ImGuiStyle& st = ImGui::GetStyle();
  t.scrolls = true;
  t.flags = ImGuiTableFlags_ScrollX;
  t.inner_width = need;
  t.outer_size = ImVec2(0, rows * (ImGui::GetTextLineHeight() + st.CellPadding.y * 2) + st.ScrollbarSize + st.CellPadding.y * 2);
  return t;
}

bool labels_fit(const char* const* labels, int count) {
  const ImGuiStyle& st = ImGui::GetStyle();
  float w = 0;
  for (int i = 0; i < count; ++i)
    w += ImGui::CalcTextSize(labels[i], nullptr, true).x + st.FramePadding.x * 2 + st.ItemInnerSpacing.x;
  return w <= ImGui::GetContentRegionAvail().x;
}

void drag_to_scroll() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiIO& io = g.IO;
  if (!io.MouseDown[0] || io.MouseDelta.y == 0) return;
  // Pressed on no widget: nothing active, or only the window's own "move" id (which a fixed window never uses).
  const bool on_nothing = g.ActiveId == 0 || (g.ActiveIdWindow && g.ActiveId == g.ActiveIdWindow->MoveId);
  if (!on_nothing) return;
  for (ImGuiWindow* w = g.HoveredWindow; w; w = w->ParentWindow) {
    if (w->ScrollMax.y > 0) {
      ImGui::SetScrollY(w, w->Scroll.y - io.MouseDelta.y);
      return;
    }
  }
}

float tooltip_wrap() {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float screen = ImGui::GetIO().DisplaySize.x - 2 * st.WindowPadding.x - 2 * st.DisplaySafeAreaPadding.x;
  return std::max(ImGui::GetFontSize() * 8, std::min(ImGui::GetFontSize() * 32, screen));
}

void tooltip(const char* fmt, ...) {
  if (!ImGui::BeginTooltip()) return;
  ImGui::PushTextWrapPos(tooltip_wrap());
  va_list args;
  va_start(args, fmt);
  ImGui::TextV(fmt, args);
  va_end(args);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

}  // namespace lpp::layout

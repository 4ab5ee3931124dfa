// find_tab_rect: see llm_tab_locator.hpp.
#include "llm_tab_locator.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstring>

namespace lpp {

bool find_tab_rect(const char* label, ItemRect* out) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  for (int i = 0; i < g.TabBars.GetMapSize(); ++i) {
    ImGuiTabBar* bar = g.TabBars.TryGetMapData(i);
    if (!bar) continue;
    for (ImGuiTabItem& tab : bar->Tabs) {
      if (std::strcmp(ImGui::TabBarGetTabName(bar, &tab), label) != 0) continue;
      const float x = bar->BarRect.Min.x + tab.Offset - bar->ScrollingAnim;
      *out = ItemRect{x, bar->BarRect.Min.y, x + tab.Width, bar->BarRect.Max.y};
      return true;
    }
  }
  return false;
}

}  // namespace lpp

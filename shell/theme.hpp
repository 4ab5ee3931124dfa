// The look of the app: Inter at a readable size (scaled to the device pixel ratio), a calm light style, and the
// colour-blind-safe palette (Okabe-Ito blue/orange first) every view draws with.
#pragma once
#include <imgui.h>

namespace lpp {

struct Fonts {
  ImFont* body = nullptr;     // Inter Regular, 16 px × scale
  ImFont* strong = nullptr;   // Inter SemiBold, 16 px × scale
  ImFont* heading = nullptr;  // Inter SemiBold, 21 px × scale
  ImFont* figure = nullptr;   // Inter SemiBold, 30 px × scale: the big numbers (parameter counts, loss)
};

// Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
namespace palette {
constexpr ImU32 kBlue = IM_COL32(0, 114, 178, 255);
constexpr ImU32 kOrange = IM_COL32(230, 159, 0, 255);
constexpr ImU32 kVermillion = IM_COL32(213, 94, 0, 255);
constexpr ImU32 kSky = IM_COL32(86, 180, 233, 255);
constexpr ImU32 kGreen = IM_COL32(0, 158, 115, 255);
constexpr ImU32 kPurple = IM_COL32(204, 121, 167, 255);
constexpr ImU32 kInk = IM_COL32(33, 37, 41, 255);          // text and axes
constexpr ImU32 kMuted = IM_COL32(108, 117, 125, 255);     // secondary text, ticks
constexpr ImU32 kGrid = IM_COL32(222, 226, 230, 255);      // grid lines
constexpr ImU32 kPlotBg = IM_COL32(255, 255, 255, 255);
}  // namespace palette

// Rebuilds the font atlas at `scale` (device pixel ratio × user zoom) and returns the fonts. The caller must
// re-upload the atlas texture to the GPU afterwards.
Fonts load_fonts(float scale);

// Sets ImGui's style (colours, rounding, spacing) scaled by `scale`.
void apply_style(float scale);

}  // namespace lpp

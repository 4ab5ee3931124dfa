// Fonts (Inter, embedded at build time by cmake/fonts.cmake) and the ImGui style.
#include "theme.hpp"

#include <cstring>

#include "embedded_file.hpp"

namespace lpp::fonts_data {
extern const lpp::EmbeddedFile kFiles[];
extern const std::size_t kFileCount;
}  // namespace lpp::fonts_data

namespace lpp {
namespace {

// Keep in step with LPP_FONT_UNICODES in cmake/fonts.cmake.
const ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 (×, ², ·, °)
    0x0391, 0x03C9,  // Greek (Σ, λ, θ, η)
    0x2013, 0x2026,  // dashes, quotes, bullet, ellipsis
    0x2030, 0x2030,  // per mille
    0x1D62, 0x1D6A,  // subscript letters (xᵢ, yᵢ)
    0x2070, 0x209F,  // superscripts and subscripts (x₁, 10⁹)
    0x2190, 0x2193,  // arrows
    0x2200, 0x22FF,  // mathematical operators (∂, ∑, ≈, ≤, √, ∞)
    0x25A0, 0x25CF,  // geometric shapes (■, ●) used as legend markers
    0,
};

const EmbeddedFile& font_file(const char* name) {
  for (std::size_t i = 0; i < fonts_data::kFileCount; ++i)
    if (std::strcmp(fonts_data::kFiles[i].name, name) == 0) return fonts_data::kFiles[i];
  IM_ASSERT(false && "font not embedded: see cmake/fonts.cmake");
  return fonts_data::kFiles[0];
}

ImFont* add_font(const char* name, float size_px) {
  const EmbeddedFile& f = font_file(name);
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the bytes live in the binary
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = false;
  // ImGui takes a non-const pointer but never writes through it when it does not own the data.
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(f.data), static_cast<int>(f.size),
                                                    size_px, &cfg, kGlyphRanges);
}

}  // namespace

Fonts load_fonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts fonts;
  fonts.body = add_font("inter-Regular.otf", 16.0f * scale);
  fonts.strong = add_font("inter-SemiBold.otf", 16.0f * scale);
  fonts.heading = add_font("inter-SemiBold.otf", 21.0f * scale);
  fonts.figure = add_font("inter-SemiBold.otf", 30.0f * scale);
  io.FontDefault = fonts.body;
  io.Fonts->Build();
  return fonts;
}

void apply_style(float scale) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(16, 14);
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(10, 8);
  style.ItemInnerSpacing = ImVec2(6, 5);
  style.CellPadding = ImVec2(6, 4);
  style.ScrollbarSize = 12;
  style.GrabMinSize = 12;
  style.WindowRounding = 0;
  style.ChildRounding = 6;
  style.FrameRounding = 5;
  style.PopupRounding = 6;
  style.ScrollbarRounding = 6;
  style.GrabRounding = 5;
  style.TabRounding = 5;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.FrameBorderSize = 0;

  ImVec4* c = style.Colors;
  const ImVec4 ink(0.13f, 0.15f, 0.16f, 1.0f);
  const ImVec4 accent(0.0f, 0.447f, 0.698f, 1.0f);  // Okabe-Ito blue
  c[ImGuiCol_Text] = ink;
  c[ImGuiCol_TextDisabled] = ImVec4(0.42f, 0.46f, 0.49f, 1.0f);
  c[ImGuiCol_WindowBg] = ImVec4(0.972f, 0.976f, 0.98f, 1.0f);
  c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  c[ImGuiCol_PopupBg] = ImVec4(1.0f, 1.0f, 1.0f, 0.98f);
  c[ImGuiCol_Border] = ImVec4(0.87f, 0.89f, 0.90f, 1.0f);
  c[ImGuiCol_FrameBg] = ImVec4(0.91f, 0.925f, 0.94f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.86f, 0.90f, 0.94f, 1.0f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.80f, 0.87f, 0.93f, 1.0f);
  c[ImGuiCol_TitleBg] = c[ImGuiCol_WindowBg];
  c[ImGuiCol_MenuBarBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  c[ImGuiCol_CheckMark] = accent;
  // A slider's value is drawn on top of its grab: a light, translucent grab keeps the dark digits readable
  // wherever the grab sits ("25 steps/frame" under a solid blue grab lost two characters).
  c[ImGuiCol_SliderGrab] = ImVec4(0.0f, 0.447f, 0.698f, 0.38f);
  c[ImGuiCol_SliderGrabActive] = ImVec4(0.0f, 0.447f, 0.698f, 0.55f);
  c[ImGuiCol_Button] = ImVec4(0.0f, 0.447f, 0.698f, 0.12f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.0f, 0.447f, 0.698f, 0.22f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.0f, 0.447f, 0.698f, 0.35f);
  c[ImGuiCol_Header] = ImVec4(0.0f, 0.447f, 0.698f, 0.12f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.0f, 0.447f, 0.698f, 0.20f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.0f, 0.447f, 0.698f, 0.30f);
  c[ImGuiCol_Tab] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
  c[ImGuiCol_TabHovered] = ImVec4(0.0f, 0.447f, 0.698f, 0.15f);
  c[ImGuiCol_TabActive] = ImVec4(0.0f, 0.447f, 0.698f, 0.18f);
  c[ImGuiCol_Separator] = c[ImGuiCol_Border];
  c[ImGuiCol_PlotLines] = accent;
  c[ImGuiCol_NavHighlight] = ImVec4(0.90f, 0.62f, 0.0f, 1.0f);  // keyboard focus in orange, visible on blue

  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

}  // namespace lpp

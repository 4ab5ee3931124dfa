// The application both builds share: the state it shows and the one function that draws a frame's UI.
// Platform work (windows, GL, the browser) stays in app_frame.cpp and the two entry points.
#pragma once
#include <map>
#include <string>

#include "app_state.hpp"
#include "layers/layers_runtime.hpp"
#include "linear_model.hpp"
#include "llm/llm_runtime.hpp"
#include "theme.hpp"

namespace lpp {

// Transient UI state: never serialised, never part of a link.
struct ItemRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;   // framebuffer pixels
};

struct UiState {
  bool show_formulas = false;    // expand every number into its formula with values filled in
  View shown_view = View::Dials; // the tab drawn last frame; differs from AppState::view while a link, the
                                 // ladder or the tour switches views
  // Where the last frame drew the widgets that tests click (the headless UI test, the browser test): real
  // input at real positions instead of hard-coded pixels.
  std::map<std::string, ItemRect> items;
};

// Records the rectangle of the last ImGui item under `name` in ui.items.
void note_item(UiState& ui, const char* name);

// Values derived from AppState, cached so a frame does not recompute them; refreshed by sync_derived().
struct Derived {
  LineDataSpec dials_spec;       // the spec dials_data was made from
  LineData dials_data;           // the points of the Dials view
  bool valid = false;
};

struct App {
  AppState state;
  UiState ui;
  Derived derived;
  Fonts fonts;
  float scale = 1.0f;            // device pixel ratio × user zoom the fonts and style are built for
  long frame = 0;                // frames drawn so far
  LlmRuntime llm;                // the LLM lab's transient data: resolved models, paste box, exports (shell/llm)
  LayersRuntime layers;          // the Layers lab's transient data: run, heat-map grid, sweep (shell/layers)
};

// Regenerates whatever in `derived` no longer matches `state`.
void sync_derived(App& app);

// Draws the whole UI for one frame into the current ImGui frame (between NewFrame and Render), sized to the
// display. Needs no window or GPU, so the headless UI test drives it too.
void draw_app(App& app);

// Panels, one per view (shell/<lab>/*_panel.cpp).
void draw_dials(App& app);
void draw_layers(App& app);
void draw_llm(App& app);
void draw_tour(App& app);

}  // namespace lpp

// The application both builds share: the state it shows and the one function that draws a frame's UI.
// Platform work (windows, GL, the browser) stays in app_frame.cpp and the two entry points.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app_state.hpp"
#include "gpt/gpt_runtime.hpp"
#include "layers/layers_runtime.hpp"
#include "layout_report.hpp"
#include "linear_model.hpp"
#include "llm/llm_runtime.hpp"
#include "theme.hpp"
#include "tour/tour_runtime.hpp"

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
  // Messages for the reader that no panel owns: a link that could not be read in full, a file that could not
  // be opened. Shown in a banner until dismissed.
  std::vector<std::string> notices;
  std::string share_status;      // "Link copied", shown beside the share buttons for a while
  double share_status_time = 0;  // ImGui time when share_status was set
  bool keep_drawing = false;     // set by a panel during a frame to ask for the next one (an animation)
  bool wheel_wanted = false;     // the mouse is over something that uses the wheel (a scrollable region, a
                                 // zoomable plot): an embedded page lets the host page scroll otherwise
  float content_height = 0;      // pixels the last frame's view needed (an embed's frame is sized to it)
  LayoutRecorder layout;         // the last frame's widgets, for the layout report
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
  std::string page_url;          // the page's address without '#' (web), for share links; empty in the desktop app
  LlmRuntime llm;                // the LLM lab's transient data: resolved models, paste box, exports (shell/llm)
  LayersRuntime layers;          // the Layers lab's transient data: run, heat-map grid, sweep (shell/layers)
  TourRuntime tour;              // the tour's transient data: word vectors, MoE comparison, LLMs (shell/tour)
  GptRuntime gpt;                // the Tiny GPT lab's run: model, Adam moments, loss curve, sample (shell/gpt)
};

// Replaces the state with the one a link describes (the text after '#'); what the link got wrong becomes notices.
// A link with problems and not one readable setting (binary bytes, unknown keys) changes nothing but the notices.
void apply_link(App& app, std::string_view link);

// A file larger than this is refused unread, on the desktop and in the page (the importers refuse far less:
// 8 MiB, 10,000 rows).
constexpr std::uintmax_t kMaxOpenBytes = 64u * 1024 * 1024;

// Why a file of `size` bytes is too large to open ("larger than 64 MB"), or "".
std::string size_problem(std::uintmax_t size);

// Why `bytes` that arrived as a file cannot be opened as text: too many, or a byte no text file holds ("is a binary
// file, not text (byte 0x1a at offset 6)"); "" if they can. The desktop's files and the page's dropped files both
// pass through it before open_text.
std::string text_problem(std::string_view bytes);

// Opens text that arrived as a file (dropped on the window, or named on the native command line): a config.json
// goes to the LLM lab, anything else to the CSV import of the Dials or Layers lab shown. Problems become notices
// or the lab's own inline errors; what was loaded before stays.
void open_text(App& app, std::string_view name, std::string_view text);

// The frame's work before anything is drawn: the run of the view shown advances under the frame's budget (the Tiny
// GPT lab's training and sampling). Needs no ImGui frame.
void app_update(App& app);

// Whether something animates (training, a sweep, a panel that asked with ui.keep_drawing): the frame loop keeps
// drawing while it does, and may go idle when it does not.
bool app_busy(const App& app);

// The key numbers of the view shown, as short plain-text lines: the page mirrors them into an aria-live region
// for screen readers (and copy buttons), since a canvas has no text a browser can read.
std::vector<std::string> describe_view(const App& app);

// What the screen shows, for the layout report: "dials", "layers", "llm/memory", "tour/3" (steps from 1).
std::string view_name(const App& app);

// Whether a lesson key of the link (PageState::hidden) hides the control or text named `key`, e.g. "d.train".
bool is_hidden(const App& app, std::string_view key);

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
void draw_gpt(App& app);

}  // namespace lpp

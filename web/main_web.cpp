// The web page's entry point: Emscripten's GLFW (WebGL2) driving the shared app_frame, the canvas kept at its
// CSS size × devicePixelRatio for crisp text, and the functions the page's scripts and tests call.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "app_frame.hpp"
#include "layout_report.hpp"
#include "state_codec.hpp"
#include "web_platform.hpp"

namespace {

// The page's one Host. Exported C functions below reach the app through it; nothing else is global.
lpp::Host* g_host = nullptr;

EM_JS(void, js_set_canvas_size, (int w, int h), {
  // Browser.setCanvasSize resizes the backing store and GLFW's window together (TOOLCHAIN P10: not
  // glfwSetWindowSize, which turns into a fullscreen request at screen size).
  Module['setCanvasSize'](w, h);
});

EM_JS(void, js_app_ready, (), {
  Module['appReady'] = true;
  if (Module['onAppReady']) Module['onAppReady']();
});

// The link lives in the URL hash. replaceState, not location.hash: no history entry per dial turn, and no
// hashchange event echoing back into the app.
EM_JS(void, js_write_hash, (const char* link), {
  history.replaceState(null, '', '#' + UTF8ToString(link));
  if (Module['onLinkChanged']) Module['onLinkChanged'](UTF8ToString(link));
});

EM_JS(char*, js_page_url, (), {
  const text = location.href.split('#')[0];
  const size = lengthBytesUTF8(text) + 1;
  const ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});

EM_JS(char*, js_read_hash, (), {
  const text = location.hash.slice(1);
  const size = lengthBytesUTF8(text) + 1;
  const ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});

// A hash edited by hand (or a link followed within the page) replaces the state. The event's newURL, not
// location.hash: while training runs the app rewrites the hash every frame (replaceState), and may do so between
// the reader's change and this event, which would then read back the app's own link and lose the reader's.
EM_JS(void, js_listen_for_hash, (), {
  window.addEventListener('hashchange', (e) => {
    Module['ccall']('lpp_apply_link', null, ['string'], [new URL(e.newURL).hash.slice(1)]);
  });
});

// "Save view as PNG": the browser downloads the picture.
EM_JS(void, js_download_png, (const unsigned char* data, int size), {
  const blob = new Blob([HEAPU8.slice(data, data + size)], { type: 'image/png' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'llm-playground-view.png';
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});

void write_hash(lpp::Host&, const std::string& link) { js_write_hash(link.c_str()); }

void download_png(lpp::Host& host, const std::vector<unsigned char>& png) {
  js_download_png(png.data(), static_cast<int>(png.size()));
  host.app.llm.status = "Saved the view as llm-playground-view.png";
}

// Sizes the canvas backing store to its CSS box × devicePixelRatio; the UI scale follows the ratio.
void fit_canvas(lpp::Host& host) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const double dpr = emscripten_get_device_pixel_ratio();
  const int w = static_cast<int>(std::lround(css_w * dpr)), h = static_cast<int>(std::lround(css_h * dpr));
  int cur_w = 0, cur_h = 0;
  glfwGetWindowSize(host.window, &cur_w, &cur_h);
  if (w > 0 && h > 0 && (w != cur_w || h != cur_h)) js_set_canvas_size(w, h);
  host.device_scale = static_cast<float>(dpr);
}

// Any input wakes a paused page. GLFW's own listeners queue the event for ImGui either way.
EM_JS(void, js_listen_for_wake, (), {
  const wake = () => Module['_lpp_wake']();
  const canvas = Module['canvas'];
  for (const type of ['pointerdown', 'pointermove', 'pointerup', 'wheel', 'touchstart', 'touchmove', 'touchend',
                      'mousedown', 'mousemove', 'mouseup', 'focus', 'blur', 'drop'])
    canvas.addEventListener(type, wake, { passive: true });
  for (const type of ['keydown', 'keyup', 'resize', 'hashchange', 'paste'])
    window.addEventListener(type, wake, { passive: true });
});

bool g_paused = false;
bool g_hidden = false;  // the page cannot be seen (a background tab, an embed scrolled away): no frames until shown

void main_loop(void* arg) {
  lpp::Host& host = *static_cast<lpp::Host*>(arg);
  if (!lpp::app_frame(host)) {  // idle: stop the animation-frame loop until input wakes it (no CPU on an idle page)
    emscripten_pause_main_loop();
    g_paused = true;
    return;
  }
  if (host.app.frame == 2) js_app_ready();  // the first frames are drawn: the page can hide its loader
}

}  // namespace

// Functions the page's scripts and the browser tests call (Module.ccall). Names are the API: keep them stable.
extern "C" {
// Wakes an idle page: input listeners call it, and so do the exported setters below.
EMSCRIPTEN_KEEPALIVE void lpp_wake() {
  if (!g_host) return;
  lpp::wake_host(*g_host);
  if (g_paused && !g_hidden) {
    g_paused = false;
    emscripten_resume_main_loop();
  }
}
// The page's visibility (web/loader.js): hidden stops the main loop at once, training included, and no input or
// wake restarts it; shown resumes it where it stopped.
EMSCRIPTEN_KEEPALIVE void lpp_set_shown(int shown) {
  g_hidden = !shown;
  if (g_hidden && !g_paused) {
    emscripten_pause_main_loop();
    g_paused = true;
  }
  if (!g_hidden) lpp_wake();
}
// The key numbers of the view, one per line, for the page's aria-live mirror (web/loader.js).
EMSCRIPTEN_KEEPALIVE const char* lpp_summary() {
  static std::string text;
  text.clear();
  for (const std::string& line : lpp::describe_view(g_host->app)) text += line + "\n";
  return text.c_str();
}
// Whether the mouse is over something that uses the wheel (the page lets the host page scroll otherwise).
EMSCRIPTEN_KEEPALIVE int lpp_wheel_wanted() { return g_host && g_host->app.ui.wheel_wanted ? 1 : 0; }
// Whether the page is idle (not drawing): for the idle test.
EMSCRIPTEN_KEEPALIVE int lpp_idle() { return g_paused ? 1 : 0; }

// The state as a link (what the URL hash holds), and a way to set it: Module.ccall('lpp_link', 'string').
EMSCRIPTEN_KEEPALIVE const char* lpp_link() {
  static std::string link;  // returned to JS, which copies it at once
  link = lpp::encode_state(g_host->app.state);
  return link.c_str();
}
EMSCRIPTEN_KEEPALIVE void lpp_apply_link(const char* link) {
  if (link && link != g_host->last_link) lpp::apply_link(g_host->app, link);
}
// The reader-facing notices (a bad link, a failed drop), one per line.
EMSCRIPTEN_KEEPALIVE const char* lpp_notices() {
  static std::string text;
  text.clear();
  for (const std::string& n : g_host->app.ui.notices) text += n + "\n";
  return text.c_str();
}

EMSCRIPTEN_KEEPALIVE int lpp_param_count() { return lpp::dials_param_count(g_host->app.state.dials); }

EMSCRIPTEN_KEEPALIVE double lpp_loss() {
  return lpp::mse(g_host->app.derived.dials_data, g_host->app.state.dials.params);
}

EMSCRIPTEN_KEEPALIVE double lpp_dial(const char* name) {
  const lpp::LineParams& p = g_host->app.state.dials.params;
  return std::strcmp(name, "a") == 0 ? p.a : std::strcmp(name, "b") == 0 ? p.b : NAN;
}

// Sets dial "a" or "b"; returns 0, or -1 for an unknown name or a non-finite value (nothing changes then).
EMSCRIPTEN_KEEPALIVE int lpp_set_dial(const char* name, double value) {
  if (!std::isfinite(value)) return -1;
  lpp::DialsState& s = g_host->app.state.dials;
  if (std::strcmp(name, "a") == 0) s.params.a = value;
  else if (std::strcmp(name, "b") == 0 && s.use_bias) s.params.b = value;
  else return -1;
  return 0;
}

EMSCRIPTEN_KEEPALIVE double lpp_frame_count() { return static_cast<double>(g_host->app.frame); }

// The rectangle (CSS pixels, relative to the canvas) of a widget the last frame recorded, as "x0 y0 x1 y1",
// or "" if there is none: tests click real widgets with real mouse events.
EMSCRIPTEN_KEEPALIVE const char* lpp_item_rect(const char* name) {
  static char buf[96];  // returned to JS, which copies it at once
  buf[0] = 0;
  const auto& items = g_host->app.ui.items;
  const auto it = items.find(name);
  if (it != items.end()) {
    const float s = g_host->device_scale;
    std::snprintf(buf, sizeof buf, "%.1f %.1f %.1f %.1f", it->second.x0 / s, it->second.y0 / s, it->second.x1 / s,
                  it->second.y1 / s);
  }
  return buf;
}

// The layout report of the last frame drawn (shell/layout_report.hpp) as JSON: {"view", "clipped", "overlapping"};
// the page's Module.layoutReport() parses it.
EMSCRIPTEN_KEEPALIVE const char* lpp_layout_report() {
  static std::string json;  // returned to JS, which copies it at once
  json = lpp::layout_report_json(lpp::layout_report(g_host->app.ui.layout), lpp::view_name(g_host->app));
  return json.c_str();
}

// The Layers lab, for its browser test: the latest train and test losses, optimizer steps taken, and the network's
// parameter count (−1 / 0 before the view first drew).
EMSCRIPTEN_KEEPALIVE double lpp_layers_train_loss() {
  const auto& h = g_host->app.layers.run.history;
  return h.empty() ? -1.0 : h.back().train;
}
EMSCRIPTEN_KEEPALIVE double lpp_layers_test_loss() {
  const auto& h = g_host->app.layers.run.history;
  return h.empty() ? -1.0 : h.back().test;
}
EMSCRIPTEN_KEEPALIVE double lpp_layers_steps() { return static_cast<double>(g_host->app.layers.run.steps); }
EMSCRIPTEN_KEEPALIVE double lpp_layers_param_count() {
  return static_cast<double>(lpp::total_param_count(g_host->app.layers.run.net.widths));
}

// The LLM lab, for its browser test: the total the lab shows (-1 if none); the paste box's text set as a paste
// would (the test then clicks "Count it"); the app's LLM tab recorded as item "tab.llm" so the test can click it.
EMSCRIPTEN_KEEPALIVE double lpp_llm_total() { return static_cast<double>(lpp::llm_shown_total(g_host->app)); }
EMSCRIPTEN_KEEPALIVE void lpp_llm_set_paste(const char* text) { g_host->app.llm.paste = text; }

// A file dropped on the canvas: loader.js reads it and copies its bytes into the heap (`size` bytes at `data`),
// or passes data = null for a file over lpp_max_open_bytes(), which it does not read. The same checks as the
// desktop's files (text_problem), then open_text. The page has no file system (-sFILESYSTEM=0), so GLFW's drop
// callback, which writes to one, is not used.
EMSCRIPTEN_KEEPALIVE double lpp_max_open_bytes() { return static_cast<double>(lpp::kMaxOpenBytes); }
EMSCRIPTEN_KEEPALIVE void lpp_open_dropped(const char* name, const char* data, double size) {
  const std::string problem = data ? lpp::text_problem(std::string_view(data, static_cast<std::size_t>(size)))
                                   : lpp::size_problem(static_cast<std::uintmax_t>(size));
  if (!problem.empty()) g_host->app.ui.notices.push_back(std::string(name) + ": " + problem);
  else lpp::open_text(g_host->app, name, std::string_view(data, static_cast<std::size_t>(size)));
  lpp::wake_host(*g_host);
}

// The Dials lab, for its browser test: the loss on the lab's own points (generated or the reader's), the
// least-squares loss, the most steps any runner has taken, how many runners there are and how many diverged.
EMSCRIPTEN_KEEPALIVE double lpp_dials_loss() {
  const lpp::DialsState& s = g_host->app.state.dials;
  return lpp::mse(lpp::dials_points(s, g_host->app.derived.dials_data), s.params);
}
EMSCRIPTEN_KEEPALIVE double lpp_dials_best_loss() {
  const lpp::DialsState& s = g_host->app.state.dials;
  const lpp::LineData& data = lpp::dials_points(s, g_host->app.derived.dials_data);
  return lpp::mse(data, lpp::least_squares(data, s.use_bias));
}
EMSCRIPTEN_KEEPALIVE double lpp_dials_steps() {
  long steps = 0;
  for (const lpp::DialsRunner& r : g_host->app.state.dials.run.runners) steps = r.steps > steps ? r.steps : steps;
  return static_cast<double>(steps);
}
EMSCRIPTEN_KEEPALIVE int lpp_dials_runners() { return static_cast<int>(g_host->app.state.dials.run.runners.size()); }
EMSCRIPTEN_KEEPALIVE int lpp_dials_diverged() {
  int n = 0;
  for (const lpp::DialsRunner& r : g_host->app.state.dials.run.runners) n += r.status == lpp::RunStatus::Diverged;
  return n;
}
// The tour, for its browser test: the step shown (0-based, set as a link to it would), and the progress of the
// live views' training (word vectors, the MoE comparison, the capacity sweep) and the word vectors' training time.
EMSCRIPTEN_KEEPALIVE void lpp_tour_set_step(int step) {
  g_host->app.state.view = lpp::View::Tour;
  g_host->app.state.tour.step = step;
}
EMSCRIPTEN_KEEPALIVE int lpp_tour_step() { return g_host->app.state.tour.step; }
EMSCRIPTEN_KEEPALIVE double lpp_tour_words_progress() {
  const lpp::WordsRuntime& w = g_host->app.tour.words;
  return w.built ? w.training.progress() : 0.0;
}
EMSCRIPTEN_KEEPALIVE double lpp_tour_words_seconds() { return g_host->app.tour.words.train_seconds; }
EMSCRIPTEN_KEEPALIVE double lpp_tour_moe_progress() {
  const lpp::MoeRuntime& m = g_host->app.tour.moe;
  return m.built ? m.cmp.progress() : 0.0;
}
EMSCRIPTEN_KEEPALIVE double lpp_tour_sweep_progress() {
  const lpp::LayersRuntime& l = g_host->app.layers;
  return l.sweep_running ? l.sweep_progress : (l.sweep_results.empty() ? 0.0 : 1.0);
}
}

int main() {
  glfwSetErrorCallback([](int code, const char* text) { emscripten_log(EM_LOG_ERROR, "GLFW error %d: %s", code, text); });
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window = glfwCreateWindow(960, 640, "LLM Parameter Playground", nullptr, nullptr);
  if (!window) return 1;
  glfwMakeContextCurrent(window);

  g_host = new lpp::Host();  // lives as long as the page
  g_host->window = window;
  fit_canvas(*g_host);
  g_host->before_frame = fit_canvas;
  lpp::host_init(*g_host, "#version 300 es");
  lpp::web_install_clipboard();
  char* url = js_page_url();
  g_host->app.page_url = url;
  std::free(url);
  char* hash = js_read_hash();
  if (hash[0]) lpp::apply_link(g_host->app, hash);
  std::free(hash);
  g_host->last_link = lpp::encode_state(g_host->app.state);  // the page's own link: nothing to write yet
  g_host->on_link = write_hash;
  g_host->deliver_png = download_png;
  js_listen_for_hash();
  js_listen_for_wake();
  emscripten_set_main_loop_arg(main_loop, g_host, 0, true);
  return 0;
}

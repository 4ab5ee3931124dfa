// Fuzz target: the whole app as the unit. Any text as a link, applied to a fresh App, then a few headless frames
// of the view it names and one of every other view (a Dear ImGui context, a display size, a built font atlas, no
// window). Whatever the link holds: no crash or sanitizer report, every headline number the app hands the reader
// finite, the LLM lab's total positive unless an error is shown, a notice for every key that did not apply, and
// the heap back where it was once the app is gone. Not here: the parsers alone (their own targets).
#include <imgui.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "app.hpp"
#include "state_codec.hpp"

extern "C" std::size_t __sanitizer_get_current_allocated_bytes() __attribute__((weak));

namespace {

using lpp::App;
using lpp::View;

// Bytes the program holds on the heap: the sanitizer's count when it runs, else glibc's.
std::size_t heap_bytes() {
  if (__sanitizer_get_current_allocated_bytes) return __sanitizer_get_current_allocated_bytes();
#if defined(__GLIBC__)
  const struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
#else
  return 0;
#endif
}

// A live app's heap may reach this (the Layers lab's largest network and grid, word vectors, preset tables);
// an input that makes it grow past is a fault, as is one that leaves this much behind once its app is gone.
constexpr std::size_t kMaxAppHeap = std::size_t{768} << 20;
constexpr std::size_t kMaxLeftBehind = std::size_t{16} << 20;

void check(bool ok, const char* what, std::string_view link) {
  if (ok) return;
  std::fprintf(stderr, "fuzz_app: %s\nlink: %.*s\n", what, static_cast<int>(std::min<std::size_t>(link.size(), 2000)),
               link.data());
  __builtin_trap();
}

// The font atlas is built once and shared: each input gets a fresh context (no window state carried over) that
// draws with it.
ImFontAtlas& shared_atlas(lpp::Fonts* fonts) {
  static ImFontAtlas* atlas = nullptr;
  static lpp::Fonts built;
  if (!atlas) {
    atlas = new ImFontAtlas();  // lives as long as the process, like the fonts of a running app
    ImGui::CreateContext(atlas);
    built = lpp::load_fonts(1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas->GetTexDataAsRGBA32(&pixels, &w, &h);
    ImGui::DestroyContext();
  }
  *fonts = built;
  return *atlas;
}

// The numbers the reader is told in words (describe_view, which the page also reads aloud) never say nan or inf.
bool finite_words(const App& app) {
  for (const std::string& line : lpp::describe_view(app))
    for (const char* bad : {"nan", "inf", "NaN", "Inf"})
      if (line.find(bad) != std::string::npos) return false;
  return true;
}

// The LLM lab's headline figures, each as the panel shows them: a count above zero, finite bytes and FLOPs.
bool llm_figures_hold(const App& app) {
  const lpp::llm::LabModel& m = app.llm.last_good;
  if (!m.ok()) return false;
  const lpp::LlmState& s = app.state.llm;
  const lpp::llm::Estimate w = lpp::llm::weight_bytes(m.count.total, s.dtype, s.quant_group);
  const lpp::llm::KvCache kv = lpp::llm::kv_cache(m.arch, {s.dtype, s.context, s.batch});
  const lpp::llm::Estimate flops = lpp::llm::flops_per_token(m.arch, m.count.active, s.context);
  return m.count.total > 0 && m.count.active > 0 && std::isfinite(w.value) && w.value > 0 &&
         std::isfinite(kv.total.value) && std::isfinite(kv.per_token.value) && std::isfinite(flops.value);
}

void frame(App& app, std::string_view link) {
  ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
  lpp::app_update(app);   // as app_frame: the runs advance before anything is drawn
  ImGui::NewFrame();
  lpp::draw_app(app);
  ImGui::Render();
  check(finite_words(app), "a view describes a number as nan or inf", link);
  check(heap_bytes() < kMaxAppHeap, "the app's heap grew past its bound", link);
}

// Key=value parts of the link other than the version; each one that did not apply must leave a notice.
int link_settings(std::string_view link) {
  if (!link.empty() && link.front() == '#') link.remove_prefix(1);
  link = link.substr(0, lpp::kMaxStateLength);
  int n = 0;
  std::size_t start = 0;
  while (start <= link.size()) {
    std::size_t end = link.find('&', start);
    if (end == std::string_view::npos) end = link.size();
    const std::string_view part = link.substr(start, end - start);
    start = end + 1;
    if (!part.empty() && part.rfind("v=", 0) != 0) ++n;
  }
  return n;
}

// States already drawn: drawing one again on a fresh app checks nothing new, and most mutations of a link decode
// to a state seen before (an unknown key, a value out of range). Its keys are heap the app does not own.
struct Drawn {
  std::unordered_set<std::string> keys;
  std::size_t bytes = 0;   // roughly what the set holds on the heap
};

Drawn& drawn() {
  static Drawn d;
  return d;
}

// The parts of an encoded state that view `v` shows: the page's keys and its lab's, plus the Dials and Layers keys
// for the LLM lab's ladder; the tour sets up every lab, so it takes them all.
std::string view_settings(const std::string& state, View v) {
  if (v == View::Tour) return state;
  std::string out;
  std::size_t start = 0;
  while (start < state.size()) {
    std::size_t end = state.find('&', start);
    if (end == std::string::npos) end = state.size();
    const std::string part = state.substr(start, end - start);
    start = end + 1;
    const bool page = part.rfind("embed=", 0) == 0 || part.rfind("hide=", 0) == 0;
    const bool dials = part.rfind("d.", 0) == 0, layers = part.rfind("l.", 0) == 0, llm = part.rfind("m.", 0) == 0;
    const bool gpt = part.rfind("g.", 0) == 0;
    if (page || (v == View::Dials && dials) || (v == View::Layers && layers) || (v == View::Llm && (llm || dials || layers)) ||
        (v == View::Gpt && gpt))
      out += part + '&';
  }
  return out;
}

bool same_model(const lpp::LlmState& a, const lpp::LlmState& b) {
  return a.preset == b.preset && a.config_text == b.config_text && a.overrides == b.overrides;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view link(reinterpret_cast<const char*>(data), size);
  lpp::Fonts fonts;
  ImFontAtlas& atlas = shared_atlas(&fonts);
  static std::size_t first_heap = 0;   // after the first input: caches of presets, corpus and fields are built
  std::vector<std::string> keys;       // the views this input drew, as drawn() keys them
  {
    App app;
    app.fonts = fonts;
    lpp::apply_link(app, link);
    const lpp::DecodedState decoded = lpp::decode_state(link);
    check(decoded.settings >= link_settings(link) || !app.ui.notices.empty(), "a rejected key left no notice", link);
    check(decoded.settings == 0 || same_model(decoded.state.llm, app.state.llm) || !app.ui.notices.empty(),
          "the link's model was replaced without a notice", link);

    const std::string state = lpp::encode_state(app.state);
    ImGui::CreateContext(&atlas);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    lpp::apply_style(1.0f);
    const View named = app.state.view;
    bool first = true, drew = false;
    for (View v : {named, View::Dials, View::Layers, View::Llm, View::Tour, View::Gpt}) {
      if (v == named && !first) continue;
      // Draw a view only for settings it has not been drawn with (its own lab's keys, the page's, and for the
      // ladder and the tour the other labs' too): the rest of this input was checked by an earlier one.
      std::string view_key = std::to_string(static_cast<int>(v)) + '\n' + view_settings(state, v);
      if (first)
        for (const std::string& n : app.ui.notices) view_key += '\n' + n;
      first = false;
      if (drawn().keys.count(view_key)) continue;
      app.state.view = v;
      for (int i = 0; i < (drew ? 2 : 3); ++i) frame(app, link);  // a switch of tab takes a frame
      drew = true;
      keys.push_back(std::move(view_key));
    }
    lpp::llm_sync(app);   // the LLM lab's figures, drawn or not
    check(llm_figures_hold(app), "the LLM lab shows a figure without a valid model", link);
    ImGui::DestroyContext();
  }
  const std::size_t after = heap_bytes() - std::min(heap_bytes(), drawn().bytes);
  if (first_heap == 0) first_heap = after;
  check(after < first_heap + kMaxLeftBehind, "inputs leave heap behind once their app is gone", link);
  if (drawn().keys.size() > 100000) drawn() = Drawn{};
  for (std::string& k : keys) {
    drawn().bytes += k.size() + 64;
    drawn().keys.insert(std::move(k));
  }
  return 0;
}

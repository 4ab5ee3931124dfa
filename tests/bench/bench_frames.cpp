// lpp_bench_frames: the CPU cost of one app frame per view, with the lab's training running, for scripts/bench.
// A frame is what app_frame does between polling and GL: app_update (the Tiny GPT's training budget), NewFrame,
// draw_app (the panel, its per-frame training budget and the heat-map grid), Render (ImGui's draw lists). No window
// and no GPU (the headless UI tests' approach). Prints `frame.<view>.median_ms` and `.p90_ms` lines; asserts nothing about time.
// usage: lpp_bench_frames [--quick] [CASE...]   (CASE: dials, layers, layers-8x64, llm, tour; default all)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <imgui.h>

#include "app.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Case {
  const char* key;
  lpp::View view;
  int layers;   // Layers lab: hidden layers of `width` (0: TF Playground's default 2 → 4 → 2 → 1)
  int width;
};

// Times `frames` frames after `warmup` frames, training kept running, 1280×800 at scale 1.
void bench_view(const Case& c, int warmup, int frames, bool print) {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1280, 800);
  lpp::App app;
  app.scale = 1.0f;
  app.fonts = lpp::load_fonts(app.scale);
  lpp::apply_style(app.scale);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);   // a renderer would upload this; here it only must exist

  app.state.view = c.view;
  if (c.layers > 0) app.state.layers.hidden.assign(c.layers, lpp::HiddenLayer{c.width, lpp::Activation::Tanh});
  // One frame as app_frame builds it, in ms; play stays on as the reader pressed it (a converged Dials run is
  // started again).
  auto frame = [&]() {
    app.layers.playing = true;
    if (!app.state.dials.run.playing) app.state.dials.run.playing = true;
    io.DeltaTime = 1.0f / 60.0f;
    const Clock::time_point t0 = Clock::now();
    lpp::app_update(app);
    ImGui::NewFrame();
    lpp::draw_app(app);
    ImGui::Render();
    return std::chrono::duration<double>(Clock::now() - t0).count() * 1e3;
  };
  // Untimed: `warmup` frames and at least 0.3 s, so that node has swapped its baseline wasm code for optimised code.
  const Clock::time_point start = Clock::now();
  for (int i = 0; i < warmup || std::chrono::duration<double>(Clock::now() - start).count() < 0.3; ++i) frame();
  std::vector<double> ms;
  for (int i = 0; i < frames; ++i) ms.push_back(frame());
  if (!print) {
    ImGui::DestroyContext();
    return;
  }
  std::sort(ms.begin(), ms.end());
  std::printf("frame.%s.median_ms %.3f\n", c.key, ms[ms.size() / 2]);
  std::printf("frame.%s.p90_ms %.3f\n", c.key, ms[ms.size() * 9 / 10]);
  std::printf("frame.%s.train_ms %.3f\n", c.key, app.layers.frame_train_seconds * 1e3);
  ImGui::DestroyContext();
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::vector<std::string> only;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) quick = true;
    else only.push_back(argv[i]);
  }
  const int warmup = quick ? 5 : 30, frames = quick ? 20 : 200;
  const Case cases[] = {
      {"dials", lpp::View::Dials, 0, 0},
      {"layers", lpp::View::Layers, 0, 0},
      {"layers-8x64", lpp::View::Layers, 8, 64},
      {"llm", lpp::View::Llm, 0, 0},
      {"tour", lpp::View::Tour, 0, 0},
  };
  // A first untimed pass over every case: node optimises a function only after it ran for a while, and the
  // cases share most of their code, so without it the first case measured would pay for the others.
  for (const bool print : {false, true})
    for (const Case& c : cases)
      if (only.empty() || std::find(only.begin(), only.end(), c.key) != only.end())
        bench_view(c, warmup, print ? frames : 1, print);
#if defined(__wasm__)
  std::printf("wasm.frames_heap_bytes %zu\n", __builtin_wasm_memory_size(0) * std::size_t{65536});
#endif
  return 0;
}

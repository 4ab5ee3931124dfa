// The one frame function both builds drive: poll input, start an ImGui frame, draw the app, render with
// OpenGL 3 (native) or WebGL2 (web). The native loop and emscripten_set_main_loop_arg both call app_frame.
#pragma once
#include "app.hpp"

struct GLFWwindow;

namespace lpp {

struct Host {
  App app;
  GLFWwindow* window = nullptr;
  float device_scale = 1.0f;            // pixel ratio of the display; fonts are rebuilt when it changes
  void (*before_frame)(Host&) = nullptr; // platform hook run before polling (web: size the canvas to its CSS box)
  void (*after_render)(Host&) = nullptr; // platform hook run after rendering, before the swap (screenshots)
};

// Creates the ImGui context and backends for an existing GLFW window with a current GL context.
void host_init(Host& host, const char* glsl_version);
void app_frame(Host& host);
void host_shutdown(Host& host);

// Reads the framebuffer (RGBA, top row first) and writes it as a PNG. Returns false on failure.
bool save_framebuffer_png(const char* path, int width, int height);

}  // namespace lpp

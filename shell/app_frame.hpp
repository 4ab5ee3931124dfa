// The one frame function both builds drive: poll input, start an ImGui frame, draw the app, render with
// OpenGL 3 (native) or WebGL2 (web). The native loop and emscripten_set_main_loop_arg both call app_frame.
#pragma once
#include <string>
#include <vector>

#include "app.hpp"

struct GLFWwindow;

namespace lpp {

struct Host {
  App app;
  GLFWwindow* window = nullptr;
  float device_scale = 1.0f;            // pixel ratio of the display; fonts are rebuilt when it changes
  void (*before_frame)(Host&) = nullptr; // platform hook run before polling (web: size the canvas to its CSS box)
  void (*after_render)(Host&) = nullptr; // platform hook run after rendering, before the swap (screenshots)
  // Called when the state's link (encode_state) changed: the page writes it into the URL hash, the desktop app
  // into its state file.
  void (*on_link)(Host&, const std::string& link) = nullptr;
  // Called with the PNG bytes of the frame when a panel asked to save the view as a picture.
  void (*deliver_png)(Host&, const std::vector<unsigned char>& png) = nullptr;
  std::string last_link;                 // what on_link was last given
  // Idle: with no input and nothing animating for kIdleSeconds, app_frame stops drawing (an idle page or window
  // costs no CPU); any input, a resize or wake_host() starts it again. Scripted runs set never_idle. It also draws
  // at least kIdleFrames frames after each activity, however long they take: a first frame at device pixel ratio 2
  // in a software-rendered browser can take over a second, and ImGui needs a second frame to settle its layout.
  bool never_idle = false;
  double last_activity = 0;              // glfwGetTime() of the last input or animated frame
  int frames_since_activity = 0;         // frames drawn since last_activity
  float last_width = 0, last_height = 0; // display size of the last drawn frame
};

constexpr double kIdleSeconds = 1.0;     // long enough for hover tooltips and fades to finish
constexpr int kIdleFrames = 3;

// Marks activity now: the next app_frame draws.
void wake_host(Host& host);

// Creates the ImGui context and backends for an existing GLFW window with a current GL context.
void host_init(Host& host, const char* glsl_version);
// Draws one frame and returns true, or returns false without drawing when the app is idle.
bool app_frame(Host& host);
void host_shutdown(Host& host);

// Reads the framebuffer and writes it as a PNG file. Returns false on failure.
bool save_framebuffer_png(const char* path, int width, int height);
// The framebuffer as PNG bytes (empty on failure).
std::vector<unsigned char> framebuffer_png(int width, int height);

}  // namespace lpp

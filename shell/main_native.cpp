// The desktop app's entry point: a GLFW window with an OpenGL 3.3 core context driving app_frame.
// Options for scripted runs: --frames N (quit after N frames), --screenshot PNG (save the last frame),
// --size WxH, --scale S (UI scale instead of the monitor's content scale).
#include <GLFW/glfw3.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app_frame.hpp"

namespace {

struct Options {
  long frames = -1;            // -1: run until the window closes
  std::string screenshot;      // written after the last frame when set
  int width = 1280, height = 800;
  float scale = 0.0f;          // 0: the monitor's content scale
};

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr, "llm-playground: %s\nusage: llm-playground [--frames N] [--screenshot out.png] [--size WxH] [--scale S]\n", why);
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const char* arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(arg, "--frames") && has_value) {
      o.frames = std::strtol(argv[++i], nullptr, 10);
      if (o.frames <= 0) usage("--frames takes a positive number");
    } else if (!std::strcmp(arg, "--screenshot") && has_value) {
      o.screenshot = argv[++i];
    } else if (!std::strcmp(arg, "--size") && has_value) {
      if (std::sscanf(argv[++i], "%dx%d", &o.width, &o.height) != 2 || o.width < 200 || o.height < 150)
        usage("--size takes WxH, at least 200x150");
    } else if (!std::strcmp(arg, "--scale") && has_value) {
      o.scale = std::strtof(argv[++i], nullptr);
      if (!(o.scale >= 0.5f && o.scale <= 4.0f)) usage("--scale takes a number from 0.5 to 4");
    } else if (!std::strcmp(arg, "--help") || !std::strcmp(arg, "-h")) {
      usage("the LLM Parameter Playground desktop app");
    } else {
      usage((std::string("unknown or incomplete option: ") + arg).c_str());
    }
  }
  return o;
}

const char* g_screenshot_path = nullptr;
long g_frames_left = -1;

void maybe_screenshot(lpp::Host& host) {
  if (!g_screenshot_path || g_frames_left != 1) return;
  int w = 0, h = 0;
  glfwGetFramebufferSize(host.window, &w, &h);
  if (!lpp::save_framebuffer_png(g_screenshot_path, w, h)) std::fprintf(stderr, "could not write %s\n", g_screenshot_path);
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse_options(argc, argv);
  glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "GLFW error %d: %s\n", code, text); });
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(opt.width, opt.height, "LLM Parameter Playground", nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  lpp::Host host;
  host.window = window;
  float sx = 1.0f, sy = 1.0f;
  glfwGetWindowContentScale(window, &sx, &sy);
  host.device_scale = opt.scale > 0 ? opt.scale : sx;
  host.after_render = maybe_screenshot;
  g_screenshot_path = opt.screenshot.empty() ? nullptr : opt.screenshot.c_str();
  g_frames_left = opt.frames;
  lpp::host_init(host, "#version 330 core");

  while (!glfwWindowShouldClose(window) && g_frames_left != 0) {
    lpp::app_frame(host);
    if (g_frames_left > 0) --g_frames_left;
  }
  lpp::host_shutdown(host);
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}

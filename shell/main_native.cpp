// The desktop app's entry point: a GLFW window with an OpenGL 3.3 core context driving app_frame.
// It remembers its state (the same text as a page's link) in $XDG_CONFIG_HOME/llm-parameter-playground/state.
// usage: llm-playground [FILE] [--view V] [--link TEXT] [--fresh] [--frames N] [--screenshot PNG] [--size WxH]
//        [--scale S]. FILE is a config.json (LLM lab) or a CSV of points; dropped files open the same way.
#include <GLFW/glfw3.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app_frame.hpp"
#include "open_file.hpp"
#include "state_codec.hpp"

namespace {

struct Options {
  std::string file;            // a config.json or CSV to open
  std::string view;            // "dials", "layers", "llm", "tour" or "gpt"; empty: as remembered
  std::string link;            // a state link to start from instead of the remembered state
  bool fresh = false;          // start from defaults, ignoring the remembered state
  long frames = -1;            // -1: run until the window closes
  std::string screenshot;      // written after the last frame when set
  int width = 1280, height = 800;
  float scale = 0.0f;          // 0: the monitor's content scale
};

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr,
               "llm-playground: %s\nusage: llm-playground [FILE] [--view dials|layers|llm|tour|gpt] [--link TEXT] [--fresh]\n"
               "                      [--frames N] [--screenshot out.png] [--size WxH] [--scale S]\n",
               why);
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
    } else if (!std::strcmp(arg, "--view") && has_value) {
      o.view = argv[++i];
      if (o.view != "dials" && o.view != "layers" && o.view != "llm" && o.view != "tour" &&
          o.view != "gpt")
        usage("--view takes dials, layers, llm, tour or gpt");
    } else if (!std::strcmp(arg, "--link") && has_value) {
      o.link = argv[++i];
    } else if (!std::strcmp(arg, "--fresh")) {
      o.fresh = true;
    } else if (arg[0] != '-' && o.file.empty()) {
      o.file = arg;
    } else if (!std::strcmp(arg, "--help") || !std::strcmp(arg, "-h")) {
      usage("the LLM Parameter Playground desktop app");
    } else {
      usage((std::string("unknown or incomplete option: ") + arg).c_str());
    }
  }
  return o;
}

std::filesystem::path state_file() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  const std::filesystem::path base = xdg && *xdg ? xdg : home && *home ? std::filesystem::path(home) / ".config" : ".";
  return base / "llm-parameter-playground" / "state";
}

// Remembers the state: the same text a page keeps in its link.
void save_state(lpp::Host&, const std::string& link) {
  std::error_code ec;
  const std::filesystem::path file = state_file();
  std::filesystem::create_directories(file.parent_path(), ec);
  const std::filesystem::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << link << '\n';
    if (!out) return;
  }
  std::filesystem::rename(tmp, file, ec);  // atomic: a crash mid-write never leaves half a state
}

void save_png(lpp::Host& host, const std::vector<unsigned char>& png) {
  for (int n = 1; n < 1000; ++n) {
    const std::string name = "llm-playground-view-" + std::to_string(n) + ".png";
    if (std::filesystem::exists(name)) continue;
    std::ofstream out(name, std::ios::binary);
    out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
    host.app.llm.status = out ? "Saved " + std::filesystem::absolute(name).string() : "Could not write " + name;
    return;
  }
}

// A file named on the command line or dropped: opened, or refused with a notice in the app and a line on stderr.
void open_named_file(lpp::App& app, const std::string& path) {
  const std::string problem = lpp::open_file(app, path);
  if (!problem.empty()) std::fprintf(stderr, "llm-playground: %s\n", problem.c_str());
}

void on_drop(GLFWwindow* window, int count, const char** paths) {
  auto* host = static_cast<lpp::Host*>(glfwGetWindowUserPointer(window));
  for (int i = 0; i < count; ++i) open_named_file(host->app, paths[i]);
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
  // The smallest window every view is laid out for (one column, nothing clipped), in the monitor's units.
  glfwSetWindowSizeLimits(window, static_cast<int>(480 * sx), static_cast<int>(640 * sy), GLFW_DONT_CARE, GLFW_DONT_CARE);
  host.after_render = maybe_screenshot;
  g_screenshot_path = opt.screenshot.empty() ? nullptr : opt.screenshot.c_str();
  g_frames_left = opt.frames;
  lpp::host_init(host, "#version 330 core");
  glfwSetWindowUserPointer(window, &host);
  glfwSetDropCallback(window, on_drop);

  // Start from a link, the remembered state, or the defaults; then the view and file asked for.
  std::string link = opt.link;
  if (link.empty() && !opt.fresh) {
    std::ifstream in(state_file());
    std::getline(in, link);
  }
  if (!link.empty()) lpp::apply_link(host.app, link);
  if (!opt.view.empty()) {
    const char* names[] = {"dials", "layers", "llm", "tour", "gpt"};
    for (int v = 0; v < 5; ++v)
      if (opt.view == names[v]) host.app.state.view = static_cast<lpp::View>(v);
  }
  if (!opt.file.empty()) open_named_file(host.app, opt.file);
  host.deliver_png = save_png;
  if (opt.link.empty() && !opt.fresh) host.on_link = save_state;  // a scripted or fresh run does not overwrite it

  host.never_idle = opt.frames > 0;  // a scripted run draws every frame it was asked for
  while (!glfwWindowShouldClose(window) && g_frames_left != 0) {
    if (lpp::app_frame(host)) {
      if (g_frames_left > 0) --g_frames_left;
    } else {
      glfwWaitEventsTimeout(lpp::kIdleSeconds);  // idle: sleep until input arrives
    }
  }
  if (host.on_link) save_state(host, lpp::encode_state(host.app.state));
  lpp::host_shutdown(host);
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}

// app_frame and the ImGui/GLFW/OpenGL plumbing shared by the native and web builds.
#include "app_frame.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ImGuiContext::InputEventsQueue: whether input is waiting
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <vector>

#include "state_codec.hpp"

#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#else
#include <GL/gl.h>
#endif
#include <GLFW/glfw3.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace lpp {
namespace {

void rebuild_fonts(Host& host) {
  App& app = host.app;
  app.scale = host.device_scale;
  app.fonts = load_fonts(app.scale);
  apply_style(app.scale);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

}  // namespace

void host_init(Host& host, const char* glsl_version) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini: state lives in links and the app's own state file
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplGlfw_InitForOpenGL(host.window, true);
  ImGui_ImplOpenGL3_Init(glsl_version);
  host.app.fonts = load_fonts(host.device_scale);
  host.app.scale = host.device_scale;
  apply_style(host.device_scale);
}

void wake_host(Host& host) {
  host.last_activity = glfwGetTime();
  host.frames_since_activity = 0;
}

bool app_frame(Host& host) {
  if (host.before_frame) host.before_frame(host);
  glfwPollEvents();
  if (host.device_scale != host.app.scale) rebuild_fonts(host);

  // Input arrives as events queued for ImGui's next frame; animation is a lab running or a panel asking for it.
  int win_w = 0, win_h = 0;
  glfwGetWindowSize(host.window, &win_w, &win_h);
  const bool resized = win_w != host.last_width || win_h != host.last_height;
  if (!ImGui::GetCurrentContext()->InputEventsQueue.empty() || resized || app_busy(host.app) || host.never_idle)
    wake_host(host);
  if (glfwGetTime() - host.last_activity > kIdleSeconds && host.frames_since_activity >= kIdleFrames) return false;
  ++host.frames_since_activity;
  host.last_width = static_cast<float>(win_w);
  host.last_height = static_cast<float>(win_h);

  app_update(host.app);   // the runs advance before anything is drawn
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  draw_app(host.app);
  ImGui::Render();

  int w = 0, h = 0;
  glfwGetFramebufferSize(host.window, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (host.app.llm.want_png) {
    host.app.llm.want_png = false;
    const std::vector<unsigned char> png = framebuffer_png(w, h);
    if (png.empty() || !host.deliver_png) host.app.llm.status = "Could not save the view as a PNG";
    else host.deliver_png(host, png);
  }
  if (host.after_render) host.after_render(host);
  glfwSwapBuffers(host.window);

  // The link changes only when the reader changes something; checking a few times a second is plenty.
  if (host.on_link && host.app.frame % 10 == 1) {
    std::string link = encode_state(host.app.state);
    if (link != host.last_link) {
      host.last_link = std::move(link);
      host.on_link(host, host.last_link);
    }
  }
  return true;
}

void host_shutdown(Host& host) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  host.window = nullptr;
}

namespace {
std::vector<unsigned char> read_framebuffer(int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);  // GL's first row is the bottom one
  return pixels;
}
}  // namespace

bool save_framebuffer_png(const char* path, int width, int height) {
  if (width <= 0 || height <= 0) return false;
  const std::vector<unsigned char> pixels = read_framebuffer(width, height);
  return stbi_write_png(path, width, height, 4, pixels.data(), width * 4) != 0;
}

std::vector<unsigned char> framebuffer_png(int width, int height) {
  std::vector<unsigned char> png;
  if (width <= 0 || height <= 0) return png;
  const std::vector<unsigned char> pixels = read_framebuffer(width, height);
  stbi_write_png_to_func([](void* out, void* data, int size) {
    auto* bytes = static_cast<unsigned char*>(data);
    static_cast<std::vector<unsigned char>*>(out)->insert(static_cast<std::vector<unsigned char>*>(out)->end(), bytes, bytes + size);
  }, &png, width, height, 4, pixels.data(), width * 4);
  return png;
}

}  // namespace lpp

# Dear ImGui, compiled from the same sources (Debian's imgui source package, fetched by scripts/setup) in
# both builds. `imgui` is the backend-free core (used by the headless UI test); `imgui_backends` adds GLFW
# and OpenGL 3 / WebGL2.
if(NOT EXISTS "${LPP_IMGUI_DIR}/imgui.h")
  message(FATAL_ERROR "Dear ImGui not found in ${LPP_IMGUI_DIR}: run ./scripts/setup")
endif()

add_library(imgui STATIC
  "${LPP_IMGUI_DIR}/imgui.cpp"
  "${LPP_IMGUI_DIR}/imgui_draw.cpp"
  "${LPP_IMGUI_DIR}/imgui_tables.cpp"
  "${LPP_IMGUI_DIR}/imgui_widgets.cpp")
target_include_directories(imgui SYSTEM PUBLIC "${LPP_IMGUI_DIR}")
# No imgui.ini: the app's state lives in the URL or its own state file, never in ImGui's window settings.
# 32-bit indices: heat maps and dense network diagrams exceed 64k vertices in one window, and WebGL2 (GLES 3.0)
# gets no ImGuiBackendFlags_RendererHasVtxOffset from the OpenGL3 backend to split them.
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS "ImDrawIdx=unsigned int")
# ImGui's item hooks (those of its test engine) feed the app's layout report (shell/layout_report.cpp defines them);
# they run only while ImGuiContext::TestEngineHookItems is set. Private: no header of ours sees the extra flags.
target_compile_definitions(imgui PRIVATE IMGUI_ENABLE_TEST_ENGINE)
# Under UBSan: Dear ImGui 1.90.1 gives a proportional table's columns the weight WidthAuto / ΣWidthAuto in the
# table's first frame, when no content has been measured yet (0/0); the NaN reaches the window's content size for
# that frame, and IM_TRUNC converts it to int. That conversion inside ImGui is not checked; every other check is.
if(LPP_SANITIZE OR LPP_FUZZ)
  target_compile_options(imgui PRIVATE -fno-sanitize=float-cast-overflow)
endif()

add_library(imgui_backends STATIC
  "${LPP_IMGUI_DIR}/backends/imgui_impl_glfw.cpp"
  "${LPP_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
target_include_directories(imgui_backends SYSTEM PUBLIC "${LPP_IMGUI_DIR}/backends")
target_link_libraries(imgui_backends PUBLIC imgui)
if(EMSCRIPTEN)
  # WebGL2 (GLES 3) rather than ImGui's WebGL1 default on Emscripten (P7).
  target_compile_definitions(imgui_backends PUBLIC IMGUI_IMPL_OPENGL_ES3)
  target_link_options(imgui_backends PUBLIC -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2)
else()
  target_link_libraries(imgui_backends PUBLIC glfw OpenGL::GL ${CMAKE_DL_LIBS})
endif()
# Dear ImGui is large and never the bottleneck: compiled for size in the wasm build (emscripten.cmake).
lpp_small_targets(imgui imgui_backends)

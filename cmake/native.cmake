# Native (Linux) build settings.
find_package(glfw3 3.3 REQUIRED)
set(OpenGL_GL_PREFERENCE GLVND)
find_package(OpenGL REQUIRED)

# lpp_small_targets(TARGETS...) / lpp_small_sources(TARGET FILES...): what the WebAssembly build compiles for size
# (emscripten.cmake); natively everything is -O3, so nothing changes here.
function(lpp_small_targets)
endfunction()
function(lpp_small_sources target)
endfunction()

# Third-party libraries, all from Debian packages, as imported targets the same way in both builds.
# Under Emscripten, find_package is confined to the wasm sysroot (TOOLCHAIN P4) and /usr/include must never
# be on em++'s include path, so header-only libraries are reached through a private folder of symlinks.

find_package(Eigen3 3.4 REQUIRED NO_MODULE NO_CMAKE_FIND_ROOT_PATH)

set(LPP_DEPS_INCLUDE "${CMAKE_BINARY_DIR}/deps/include")
file(MAKE_DIRECTORY "${LPP_DEPS_INCLUDE}")
foreach(dep nlohmann stb)
  if(NOT EXISTS "/usr/include/${dep}")
    message(FATAL_ERROR "/usr/include/${dep} is missing: run ./scripts/setup (Debian packages nlohmann-json3-dev, libstb-dev)")
  endif()
  if(NOT EXISTS "${LPP_DEPS_INCLUDE}/${dep}")
    file(CREATE_LINK "/usr/include/${dep}" "${LPP_DEPS_INCLUDE}/${dep}" SYMBOLIC)
  endif()
endforeach()
add_library(lpp_header_deps INTERFACE)
target_include_directories(lpp_header_deps SYSTEM INTERFACE "${LPP_DEPS_INCLUDE}")
add_library(lpp::header_deps ALIAS lpp_header_deps)

if(LPP_BUILD_TESTS)
  if(EMSCRIPTEN)
    set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)   # wasm has no threads here
  endif()
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
  add_subdirectory(/usr/src/googletest "${CMAKE_BINARY_DIR}/googletest" EXCLUDE_FROM_ALL)
endif()

# Warnings for the project's own targets only (third-party sources keep their own).
add_library(lpp_warnings INTERFACE)
target_compile_options(lpp_warnings INTERFACE -Wall -Wextra)
add_library(lpp::warnings ALIAS lpp_warnings)

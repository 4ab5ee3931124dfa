# Emscripten 3.1.6 (Debian) settings. Every flag says why; TOOLCHAIN.md's pitfalls are referenced as Pn.

execute_process(COMMAND node -e "require('acorn')" RESULT_VARIABLE acorn_rc OUTPUT_QUIET ERROR_QUIET)
if(NOT acorn_rc EQUAL 0)
  message(FATAL_ERROR "node cannot find 'acorn': export NODE_PATH=/usr/share/nodejs (emcc's optimizer needs it, P1)")
endif()

# Emscripten compiles out `catch` by default; the config importers and tests rely on exceptions (P5). WebAssembly's
# own exception handling (Chromium 95+, Firefox 100+, Safari 15.2+, node 17+) rather than JavaScript-emulated
# exceptions: no invoke_* wrapper around every call that may throw (less wasm, and faster training here).
option(LPP_WASM_EXCEPTIONS "native WebAssembly exceptions instead of JavaScript-emulated ones" ON)
if(LPP_WASM_EXCEPTIONS)
  add_compile_options(-fwasm-exceptions)
  add_link_options(-fwasm-exceptions)
  # GoogleTest puts -fexceptions (the JavaScript kind) in its own targets' flags, after ours: one kind of exception
  # handling for every object, or the link fails.
  foreach(t gtest gtest_main)
    if(TARGET ${t})
      get_target_property(flags ${t} COMPILE_FLAGS)
      string(REPLACE "-fexceptions" "-fwasm-exceptions" flags "${flags}")
      set_target_properties(${t} PROPERTIES COMPILE_FLAGS "${flags}")
    endif()
  endforeach()
else()
  add_compile_options(-fexceptions)
  add_link_options(-fexceptions)
endif()
# The page is code the reader downloads. Release builds compile -O3, and the code that is large and cold compiles
# for size (-Oz): Dear ImGui, the LLM engine and its panels, the link codec (lpp_small_sources/targets). Cold means
# no Eigen: the link keeps one copy of each template instance, and where a -Oz copy of Eigen's kernels won, training
# ran at half speed. Links stay -O3: wasm-opt's -O3 inlining is what the training loops need (linked -Oz, the 8×64
# network trained 4× slower). Only the single-file page links -Oz (web/CMakeLists.txt).
function(lpp_small_targets)
  foreach(t ${ARGN})
    target_compile_options(${t} PRIVATE $<$<CONFIG:Release>:-Oz>)
  endforeach()
endfunction()
# SIMD128 lets LLVM vectorise the Eigen products of the training loops (2.5-3x, TOOLCHAIN 5.3).
add_compile_options(-msimd128)

# lpp_small_sources(TARGET FILES...): files of TARGET compiled for size in Release (see above).
function(lpp_small_sources target)
  set_source_files_properties(${ARGN} TARGET_DIRECTORY ${target} PROPERTIES COMPILE_OPTIONS "$<$<CONFIG:Release>:-Oz>")
endfunction()

# lpp_node_executable(target): an executable run by node (tests, the CLI).
function(lpp_node_executable target)
  target_link_options(${target} PRIVATE
    -sENVIRONMENT=node             # runs only under node
    -sWASM_ASYNC_COMPILATION=0     # node 20's global fetch breaks async loading of the .wasm (P3)
    -sEXIT_RUNTIME=1               # flush stdio and return the exit code
    -sNODERAWFS=1                  # read real files (configs, fixtures) from the host
    -sALLOW_MEMORY_GROWTH=1)       # the default 16 MB heap is too small for large inputs
endfunction()

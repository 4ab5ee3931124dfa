# Emscripten 3.1.6 (Debian) settings. Every flag says why; TOOLCHAIN.md's pitfalls are referenced as Pn.

execute_process(COMMAND node -e "require('acorn')" RESULT_VARIABLE acorn_rc OUTPUT_QUIET ERROR_QUIET)
if(NOT acorn_rc EQUAL 0)
  message(FATAL_ERROR "node cannot find 'acorn': export NODE_PATH=/usr/share/nodejs (emcc's optimizer needs it, P1)")
endif()

# Emscripten compiles out `catch` by default; the config importers and tests rely on exceptions (P5).
add_compile_options(-fexceptions)
add_link_options(-fexceptions)
# SIMD128 lets LLVM vectorise the Eigen products of the training loops (2.5-3x, TOOLCHAIN 5.3).
add_compile_options(-msimd128)

# lpp_node_executable(target): an executable run by node (tests, the CLI).
function(lpp_node_executable target)
  target_link_options(${target} PRIVATE
    -sENVIRONMENT=node             # runs only under node
    -sWASM_ASYNC_COMPILATION=0     # node 20's global fetch breaks async loading of the .wasm (P3)
    -sEXIT_RUNTIME=1               # flush stdio and return the exit code
    -sNODERAWFS=1                  # read real files (configs, fixtures) from the host
    -sALLOW_MEMORY_GROWTH=1)       # the default 16 MB heap is too small for large inputs
endfunction()

# lpp_embed_files(TARGET target NAMESPACE ns FILES f1 f2 ...): compiles the files into `target` as
#   namespace ns { extern const lpp::EmbeddedFile kFiles[]; extern const std::size_t kFileCount; }
# (see core/embedded_file.hpp). Done at build time by cmake/embed_run.cmake, so no xxd is needed and an edited
# data file is re-embedded on the next build.
function(lpp_embed_files)
  cmake_parse_arguments(E "" "TARGET;NAMESPACE;NAME" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${E_NAME}.cpp")
  add_custom_command(OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} "-DOUT=${out}" "-DNAMESPACE=${E_NAMESPACE}" "-DFILES=${E_FILES}"
            -P "${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake"
    DEPENDS ${E_FILES} "${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake"
    COMMENT "Embedding ${E_NAME}" VERBATIM)
  target_sources(${E_TARGET} PRIVATE "${out}")
  # A custom command gets a build rule only from a target of its own directory; `target` may live elsewhere.
  add_custom_target(lpp_embed_${E_NAME} DEPENDS "${out}")
  add_dependencies(${E_TARGET} lpp_embed_${E_NAME})
endfunction()

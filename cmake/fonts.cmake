# The UI font: Inter (Debian's fonts-inter), subset at build time with pyftsubset (fonttools) to the glyphs
# the app draws, then embedded. ~10 KB compressed per weight instead of 145 KB for the full font.
set(LPP_FONT_DIR "/usr/share/fonts/opentype/inter" CACHE PATH "Where Debian's fonts-inter puts Inter")
find_program(PYFTSUBSET pyftsubset REQUIRED)
# Keep in step with kGlyphRanges in shell/theme.cpp: Latin-1, Greek, general punctuation, super/subscripts,
# arrows, maths operators, geometric shapes used as markers.
set(LPP_FONT_UNICODES "U+0020-007E,U+00A0-00FF,U+0391-03C9,U+2013-2026,U+2030,U+1D62-1D6A,U+2070-209F,U+2190-2193,U+2200-22FF,U+25A0-25CF")

# lpp_embed_fonts(target): subsets Inter Regular and SemiBold and embeds them into `target` as lpp::fonts_data.
# (A function, so the custom commands live in the directory of the target that consumes them.)
function(lpp_embed_fonts target)
  set(files "")
  foreach(weight Regular SemiBold)
    set(src "${LPP_FONT_DIR}/Inter-${weight}.otf")
    if(NOT EXISTS "${src}")
      message(FATAL_ERROR "${src} is missing: run ./scripts/setup (Debian package fonts-inter)")
    endif()
    set(out "${CMAKE_CURRENT_BINARY_DIR}/fonts/inter-${weight}.otf")
    add_custom_command(OUTPUT "${out}"
      COMMAND "${PYFTSUBSET}" "${src}" "--unicodes=${LPP_FONT_UNICODES}" --layout-features= --no-hinting
              --desubroutinize "--output-file=${out}"
      DEPENDS "${src}" COMMENT "Subsetting Inter-${weight}" VERBATIM)
    list(APPEND files "${out}")
  endforeach()
  lpp_embed_files(TARGET ${target} NAMESPACE lpp::fonts_data NAME fonts FILES ${files})
endfunction()

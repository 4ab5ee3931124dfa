# Script mode: writes OUT, one self-contained HTML page, from HTML (index.html), CSS, LOADER, APP (playground.js)
# and WASM (playground.wasm). The wasm goes in gzip-compressed (by zopfli, Debian's package: the smallest deflate
# stream) and base64-encoded, in a data element that loader.js finds and inflates; the result works when opened
# from file://.
file(READ "${HTML}" html)
file(READ "${CSS}" css)
file(READ "${LOADER}" loader)
file(READ "${APP}" app)
execute_process(COMMAND zopfli --i15 -c "${WASM}" OUTPUT_FILE "${OUT}.wasm.gz" RESULT_VARIABLE gz_rc)
execute_process(COMMAND base64 -w 0 "${OUT}.wasm.gz" OUTPUT_VARIABLE wasm RESULT_VARIABLE b64_rc)
file(REMOVE "${OUT}.wasm.gz")
if(NOT gz_rc EQUAL 0 OR NOT b64_rc EQUAL 0 OR wasm STREQUAL "")
  message(FATAL_ERROR "inline_page: could not compress and encode ${WASM}")
endif()
# "</script" inside the JS would end the inline element early.
string(REPLACE "</script" "<\\/script" loader "${loader}")
string(REPLACE "</script" "<\\/script" app "${app}")
string(REPLACE "<link rel=\"stylesheet\" href=\"page.css\">" "<style>\n${css}</style>" html "${html}")
# The data comes before the loader, which looks for it as it starts.
string(REPLACE "<script src=\"loader.js\" data-app=\"playground.js\"></script>"
               "<script type=\"application/octet-stream\" id=\"wasm-gzip-base64\">${wasm}</script>\n<script>\n${loader}</script>\n<script>\n${app}</script>"
               html "${html}")
string(FIND "${html}" "src=\"loader.js\"" left)
if(NOT left EQUAL -1)
  message(FATAL_ERROR "inline_page: index.html no longer has the expected <script>/<link> tags")
endif()
file(WRITE "${OUT}" "${html}")

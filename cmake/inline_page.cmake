# Script mode: writes OUT, one self-contained HTML page, from HTML (index.html), CSS, LOADER and APP (a
# -sSINGLE_FILE=1 build, its wasm inside as base64). The result works when opened from file://.
file(READ "${HTML}" html)
file(READ "${CSS}" css)
file(READ "${LOADER}" loader)
file(READ "${APP}" app)
# "</script" inside the JS would end the inline element early.
string(REPLACE "</script" "<\\/script" loader "${loader}")
string(REPLACE "</script" "<\\/script" app "${app}")
string(REPLACE "<link rel=\"stylesheet\" href=\"page.css\">" "<style>\n${css}</style>" html "${html}")
string(REPLACE "<script src=\"loader.js\" data-app=\"playground.js\"></script>"
               "<script>\n${loader}</script>\n<script>\n${app}</script>" html "${html}")
string(FIND "${html}" "src=\"loader.js\"" left)
if(NOT left EQUAL -1)
  message(FATAL_ERROR "inline_page: index.html no longer has the expected <script>/<link> tags")
endif()
file(WRITE "${OUT}" "${html}")

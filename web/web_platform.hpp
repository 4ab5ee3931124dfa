// Browser services the GLFW emulation lacks, for web/main_web.cpp: the system clipboard and dropped files.
#pragma once

namespace lpp {

struct Host;

// Routes ImGui's clipboard through the async Clipboard API (with a textarea + execCommand fallback for pages
// that are not a secure context) and keeps the text of the last paste event for Ctrl+V.
void web_install_clipboard();

}  // namespace lpp

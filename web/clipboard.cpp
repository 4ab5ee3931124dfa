// The system clipboard in the browser. Emscripten's GLFW clipboard functions are stubs (TOOLCHAIN 5.8):
// copying goes through navigator.clipboard.writeText (falling back to a hidden textarea and execCommand), and
// pasting reads the text of the document's paste event, which fires in the same task as the Ctrl+V key press,
// before ImGui asks for the clipboard in the next frame.
#include <emscripten.h>
#include <imgui.h>

#include <string>

#include "web_platform.hpp"

namespace {

std::string g_pasted;  // the text of the last paste event

EM_JS(void, js_copy_text, (const char* text), {
  const s = UTF8ToString(text);
  const fallback = () => {
    const area = document.createElement('textarea');
    area.value = s;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); } catch (e) {}
    document.body.removeChild(area);
    if (Module['canvas']) Module['canvas'].focus({ preventScroll: true });
  };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(s).catch(fallback);
  else fallback();
});

EM_JS(void, js_listen_for_paste, (), {
  document.addEventListener('paste', (e) => {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    Module['ccall']('lpp_web_set_pasted', null, ['string'], [text]);
  });
});

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void lpp_web_set_pasted(const char* text) { g_pasted = text ? text : ""; }

namespace lpp {

void web_install_clipboard() {
  ImGuiIO& io = ImGui::GetIO();
  io.SetClipboardTextFn = [](void*, const char* text) {
    g_pasted = text;  // a later Ctrl+V inside the app pastes what was copied even without a paste event
    js_copy_text(text);
  };
  io.GetClipboardTextFn = [](void*) -> const char* { return g_pasted.c_str(); };
  js_listen_for_paste();
}

}  // namespace lpp

// draw_app: the full-window layout (header with the view tabs, then the active view).
#include "app.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // HoveredWindow and its scroll range: whether the wheel is used

#include <algorithm>
#include <cstdio>

#include "dials/csv_points.hpp"
#include "layout.hpp"
#include "nn/mlp.hpp"
#include "state_codec.hpp"

namespace lpp {

void note_item(UiState& ui, const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ui.items[name] = ItemRect{a.x, a.y, b.x, b.y};
  if (const ImGuiID id = ImGui::GetItemID()) ui.layout.names[id] = name;
}

void apply_link(App& app, std::string_view link) {
  DecodedState decoded = decode_state(link);
  app.ui.notices = std::move(decoded.notices);
  if (decoded.settings == 0 && !app.ui.notices.empty()) {  // nothing to go on: keep what the reader has
    app.ui.notices.push_back("nothing in the link could be read; your settings are unchanged");
    return;
  }
  const LlmState previous = app.state.llm;
  const GptLabState previous_gpt = app.state.gpt;
  app.state = std::move(decoded.state);
  // The same for the tiny GPT: each g.* value was in range, but together they must make a model.
  gpt::GptConfig tiny = app.state.gpt.model;
  tiny.vocab = 2;   // the corpus decides it; any valid size checks the rest
  if (const std::vector<std::string> problems = gpt::validate(tiny); !problems.empty()) {
    app.state.gpt = previous_gpt;
    app.ui.notices.push_back("link: g.* (the tiny GPT): " + problems.front() + "; kept your tiny GPT settings");
  }
  // The codec checks each value alone; whether the config and what-if changes make a model is the importer's call.
  if (std::string problem = llm::keep_valid_model(app.state.llm, previous); !problem.empty())
    app.ui.notices.push_back("link: " + problem);
}

std::string size_problem(std::uintmax_t size) {
  if (size <= kMaxOpenBytes) return "";
  return "larger than " + std::to_string(kMaxOpenBytes >> 20) + " MB";
}

std::string text_problem(std::string_view bytes) {
  std::string problem = size_problem(bytes.size());
  if (!problem.empty()) return problem;
  // The first byte no text file holds, as `file` judges text: control characters other than BEL, BS, TAB, LF, VT,
  // FF, CR and ESC, or DEL. Looking for NUL alone misses binaries without one: 512 random bytes hold no NUL 13 %
  // of the time.
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if ((c < 0x20 && !(c >= 0x07 && c <= 0x0d) && c != 0x1b) || c == 0x7f) {
      char what[64];
      std::snprintf(what, sizeof what, "byte 0x%02x at offset %zu", c, i);
      return std::string("is a binary file, not text (") + what + ")";
    }
  }
  return "";
}

void open_text(App& app, std::string_view name, std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  const bool json = (name.size() >= 5 && name.substr(name.size() - 5) == ".json") ||
                    (first != std::string_view::npos && text[first] == '{');
  if (json) {
    app.state.view = View::Llm;
    if (!llm_import_text(app, text, name))
      app.ui.notices.push_back(std::string(name) + ": not a model config the LLM lab can count (see its errors)");
    return;
  }
  if (app.state.view == View::Layers) {
    app.layers.csv_text.assign(text);
    layers_import_csv(app);
    if (!app.layers.csv_errors.empty()) {
      app.layers.csv_text.resize(std::min<std::size_t>(text.size(), 64 * 1024));  // the box shows the start
      app.ui.notices.push_back(std::string(name) +
                               ": not x1,x2,label rows; see the errors under the Layers lab's Import CSV");
    }
    return;
  }
  app.state.view = View::Dials;
  DialsState& dials = app.state.dials;
  CsvPoints points = parse_csv_points(text);
  if (points.ok()) {
    dials.points = std::move(points.data);
    dials.custom_points = true;
  } else {
    dials.scratch.csv_text.assign(text.substr(0, 64 * 1024));
    dials.scratch.csv_errors = std::move(points.errors);
    app.ui.notices.push_back(std::string(name) + ": not (x, y) points; see the errors under the Dials lab's CSV box");
  }
}

bool app_busy(const App& app) {
  // The tour trains its word vectors and MoE comparison while their step is shown.
  const bool tour_training =
      app.state.view == View::Tour && ((app.tour.words.built && !app.tour.words.training.done()) ||
                                       (app.tour.moe.built && !app.tour.moe.cmp.done()));
  const bool gpt_training = app.state.view == View::Gpt && (app.gpt.playing || app.gpt.sampling);
  return app.ui.keep_drawing || tour_training || gpt_training || app.state.dials.run.playing || app.layers.playing ||
         app.layers.sweep_running;
}

std::vector<std::string> describe_view(const App& app) {
  std::vector<std::string> lines;
  char buf[256];
  switch (app.state.view) {
    case View::Dials: {
      const DialsState& d = app.state.dials;
      const LineData& data = dials_points(d, app.derived.dials_data);
      std::snprintf(buf, sizeof buf, "Dials, y = a·x + b: %d parameters, a = %.4g, b = %.4g", dials_param_count(d),
                    d.params.a, d.params.b);
      lines.push_back(buf);
      std::snprintf(buf, sizeof buf, "Loss (mean squared error over %d points): %.6g", data.size(), mse(data, d.params));
      lines.push_back(buf);
      const LineParams best = least_squares(data, d.use_bias);
      std::snprintf(buf, sizeof buf, "Least-squares optimum: a = %.4g, b = %.4g, loss %.6g", best.a, best.b,
                    mse(data, best));
      lines.push_back(buf);
      break;
    }
    case View::Layers: {
      const std::vector<int>& widths = app.layers.run.net.widths;
      std::string shape;
      for (std::size_t i = 0; i < widths.size(); ++i) shape += (i ? "-" : "") + std::to_string(widths[i]);
      std::snprintf(buf, sizeof buf, "Layers: network %s, %lld parameters (weights and biases)", shape.c_str(),
                    static_cast<long long>(total_param_count(widths)));
      lines.push_back(buf);
      if (!app.layers.run.history.empty()) {
        const LossPoint& p = app.layers.run.history.back();
        std::snprintf(buf, sizeof buf, "After %ld steps: train loss %.4g, test loss %.4g", app.layers.run.steps,
                      p.train, p.test);
        lines.push_back(buf);
      }
      break;
    }
    case View::Llm:
      std::snprintf(buf, sizeof buf, "LLM lab, %s: %lld parameters in total",
                    app.state.llm.config_text.empty() ? app.state.llm.preset.c_str() : app.state.llm.config_name.c_str(),
                    static_cast<long long>(llm_shown_total(app)));
      lines.push_back(buf);
      break;
    case View::Tour:
      std::snprintf(buf, sizeof buf, "Tour, step %d", app.state.tour.step + 1);
      lines.push_back(buf);
      break;
    case View::Gpt: {
      const GptRuntime& g = app.gpt;
      std::snprintf(buf, sizeof buf, "Tiny GPT: %lld parameters, %lld training bytes seen, validation loss %.3f nats",
                    static_cast<long long>(g.model_analysis.trainer_params.value), static_cast<long long>(g.tokens),
                    g.progress.validation_loss.value);
      lines.push_back(buf);
      break;
    }
  }
  return lines;
}

std::string view_name(const App& app) {
  static constexpr const char* kLlmTabs[] = {"model", "whatif", "tensors", "memory", "compare", "ladder"};
  switch (app.state.view) {
    case View::Dials: return "dials";
    case View::Layers: return "layers";
    case View::Llm: return std::string("llm/") + kLlmTabs[static_cast<int>(app.state.llm.tab)];
    case View::Tour: return "tour/" + std::to_string(app.state.tour.step + 1);
    case View::Gpt: return "gpt";
  }
  return "";
}

bool is_hidden(const App& app, std::string_view key) {
  for (const std::string& k : app.state.page.hidden)
    if (k == key) return true;
  return false;
}

namespace {

void draw_notices(App& app) {
  if (app.ui.notices.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.96f, 0.85f, 1.0f));
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const int shown = std::min<int>(static_cast<int>(app.ui.notices.size()), 4);
  ImGui::BeginChild("notices", ImVec2(0, line * shown + ImGui::GetStyle().WindowPadding.y * 2 + ImGui::GetFrameHeight()),
                    ImGuiChildFlags_Border);
  for (int i = 0; i < shown; ++i) ImGui::TextWrapped("%s", app.ui.notices[i].c_str());
  if (static_cast<int>(app.ui.notices.size()) > shown)
    ImGui::TextDisabled("and %d more", static_cast<int>(app.ui.notices.size()) - shown);
  if (ImGui::SmallButton("Dismiss")) app.ui.notices.clear();
  note_item(app.ui, "notices.dismiss");
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

// "Copy link" and "Copy embed code": right-aligned on the title's row where they fit, else on a row of their own.
// The desktop app has no address: its link is the state text, which the page accepts after '#'.
void draw_share_buttons(App& app) {
  const std::string link = encode_state(app.state);
  const char* kLink = "Copy link";
  const char* kEmbed = "Copy embed code";
  const ImGuiStyle& st = ImGui::GetStyle();
  const float w = layout::Row::button_width(kLink) + layout::Row::button_width(kEmbed) + st.ItemSpacing.x;
  const bool recent = !app.ui.share_status.empty() && ImGui::GetTime() - app.ui.share_status_time < 2.5;
  const float status_w = recent ? ImGui::CalcTextSize(app.ui.share_status.c_str()).x + st.ItemSpacing.x : 0;
  const float right = ImGui::GetWindowContentRegionMax().x;
  const float after_title = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + st.ItemSpacing.x;
  if (after_title + w + status_w <= right) ImGui::SameLine(right - w - status_w);
  if (recent) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", app.ui.share_status.c_str());
    ImGui::SameLine();
    app.ui.keep_drawing = true;  // until the status fades
  }
  if (ImGui::Button(kLink)) {
    ImGui::SetClipboardText(app.page_url.empty() ? ("#" + link).c_str() : (app.page_url + "#" + link).c_str());
    app.ui.share_status = "Link copied";
    app.ui.share_status_time = ImGui::GetTime();
  }
  note_item(app.ui, "share.link");
  if (ImGui::IsItemHovered()) layout::tooltip("A link to exactly this view and its settings");
  ImGui::SameLine();
  if (ImGui::Button(kEmbed)) {
    // embed.html sits next to the page; the iframe shows this view alone (embed=1).
    std::string base = app.page_url;
    base = base.substr(0, base.find_last_of('/') + 1);
    const std::string src = (base.empty() ? std::string("embed.html") : base + "embed.html") + "#" + link + "&embed=1";
    const std::string code = "<iframe src=\"" + src +
                             "\" width=\"100%\" height=\"560\" style=\"border:0\" loading=\"lazy\" "
                             "title=\"LLM Parameter Playground\"></iframe>";
    ImGui::SetClipboardText(code.c_str());
    app.ui.share_status = "Embed code copied";
    app.ui.share_status_time = ImGui::GetTime();
  }
  note_item(app.ui, "share.embed");
  if (ImGui::IsItemHovered()) layout::tooltip("An <iframe> for a blog post that shows this view alone");
}

// A window or frame smaller than any view can use (a 1×1 iframe, a 50 px strip) gets a line saying so instead of
// views squeezed past reading. Sizes in pixels at scale 1 (CSS pixels in the page).
constexpr float kMinViewWidth = 240, kMinViewHeight = 160;

bool draw_too_small(App& app, ImVec2 size) {
  const float w = size.x / app.scale, h = size.y / app.scale;
  if (w >= kMinViewWidth && h >= kMinViewHeight) return false;
  ImGui::TextWrapped("The playground needs at least %.0f × %.0f pixels; this window is %.0f × %.0f. Make it larger.",
                     kMinViewWidth, kMinViewHeight, w, h);
  note_item(app.ui, "app.too_small");
  return true;
}

}  // namespace

void sync_derived(App& app) {
  const LineDataSpec& spec = app.state.dials.data;
  const LineDataSpec& old = app.derived.dials_spec;
  const bool same = app.derived.valid && spec.slope == old.slope && spec.intercept == old.intercept &&
                    spec.noise == old.noise && spec.x_min == old.x_min && spec.x_max == old.x_max &&
                    spec.count == old.count && spec.seed == old.seed;
  if (!same) {
    app.derived.dials_data = make_line_data(spec);
    app.derived.dials_spec = spec;
    app.derived.valid = true;
  }
}

namespace {

// The header: the title, the tagline where it fits, the share buttons (draw_share_buttons wraps them).
void draw_title(App& app) {
  ImGui::PushFont(app.fonts.heading);
  ImGui::TextUnformatted("LLM Parameter Playground");
  ImGui::PopFont();
  const char* kTagline = "what a model's parameters are, one dial at a time";
  const float right = ImGui::GetWindowContentRegionMax().x;
  const float after_title = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetStyle().ItemSpacing.x;
  if (!layout::stacked() && after_title + ImGui::CalcTextSize(kTagline).x <= right) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", kTagline);
  }
}

}  // namespace

void app_update(App& app) {
  if (app.state.view == View::Gpt) gpt_advance(app);
}

void draw_app(App& app) {
  app.ui.keep_drawing = false;
  app.ui.wheel_wanted = false;
  layout_record(app.ui.layout);
  sync_derived(app);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  // A scrollbar only when the view is taller than the window (one column on a phone).
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("LLM Parameter Playground", nullptr, flags);
  if (draw_too_small(app, vp->WorkSize)) {
    ImGui::End();
    ++app.frame;
    return;
  }

  // The views as tabs, with short names where the long ones do not fit. A link, the ladder or the tour may set
  // AppState::view to another view: until that tab is shown, the one ImGui still draws must not write its own
  // view back.
  struct Tab {
    View view;
    const char* label;
    const char* short_label;
    const char* item;  // recorded for tests that click the tab
    void (*draw)(App&);
  };
  static constexpr Tab kTabs[] = {
      {View::Dials, "Dials: y = a·x + b###dials", "Dials###dials", "tab.dials", draw_dials},
      {View::Layers, "Layers: neural networks###layers", "Layers###layers", "tab.layers", draw_layers},
      {View::Llm, "LLMs: real models###llm", "LLMs###llm", "tab.llm", draw_llm},
      {View::Tour, "Tour###tour", "Tour###tour", "tab.tour", draw_tour},
      {View::Gpt, "Tiny GPT###gpt", "GPT###gpt", "tab.gpt", draw_gpt},
  };
  if (app.state.page.embed) {  // one view, no chrome: what an iframe in someone's blog post shows
    draw_notices(app);
    for (const Tab& tab : kTabs)
      if (tab.view == app.state.view) tab.draw(app);
    app.ui.shown_view = app.state.view;
  } else {
    draw_title(app);
    draw_share_buttons(app);
    draw_notices(app);
    float long_w = 0;
    for (const Tab& tab : kTabs)
      long_w += ImGui::CalcTextSize(tab.label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2 +
                ImGui::GetStyle().ItemInnerSpacing.x;
    const bool short_tabs = long_w > ImGui::GetContentRegionAvail().x;
    if (ImGui::BeginTabBar("views")) {
      const View wanted = app.state.view;
      const bool switching = wanted != app.ui.shown_view;
      for (const Tab& tab : kTabs) {
        const ImGuiTabItemFlags tab_flags = switching && tab.view == wanted ? ImGuiTabItemFlags_SetSelected : 0;
        const bool open = ImGui::BeginTabItem(short_tabs ? tab.short_label : tab.label, nullptr, tab_flags);
        note_item(app.ui, tab.item);
        if (!open) continue;
        if (!switching || tab.view == wanted) app.state.view = tab.view;
        app.ui.shown_view = tab.view;
        tab.draw(app);
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
  }
  layout::drag_to_scroll();
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  app.ui.content_height = window->ContentSize.y + window->WindowPadding.y * 2;
  // A hovered window (or one of its parents) that can scroll uses the wheel too.
  for (ImGuiWindow* w = ImGui::GetCurrentContext()->HoveredWindow; w; w = w->ParentWindow)
    if (w->ScrollMax.y > 0 || w->ScrollMax.x > 0) app.ui.wheel_wanted = true;
  ImGui::End();
  ++app.frame;
}

}  // namespace lpp

// The guided tour: eight steps that tell the article's story in order, each a sentence or two of text beside a live
// view set up for it, with back/next and a progress mark. Every number in the text is computed from core each
// frame. The step's lab setup comes from core (apply_tour_step); the views are the labs' own panels or small
// purpose-built ones (the layer diagram here, words_view.cpp, layers/moe_view.cpp, tour_llms.cpp).
// [SECTION] step texts · [SECTION] the layer diagram · [SECTION] the sweep · [SECTION] header and frame
#include <imgui.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <string>

#include "app.hpp"
#include "dials/dials_train.hpp"
#include "layers/layers_draw.hpp"
#include "layout.hpp"
#include "tour/tour.hpp"
#include "tour_views.hpp"

namespace lpp {
namespace {

std::string format(const char* fmt, ...) {
  char buf[1024];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, args);
  va_end(args);
  return buf;
}

// [SECTION] step texts: a sentence or two, every number from core.

std::string dials_text(App& app, int step) {
  const DialsState& s = app.state.dials;
  const LineData& data = dials_points(s, app.derived.dials_data);
  const LineParams fit_without = least_squares(data, false), fit_with = least_squares(data, true);
  switch (step) {
    case 0:
      return format("y = a·x + b turns an input x into an output y. Its two dials, the weight a = %.2f and the bias "
                    "b = %.2f, are its parameters: this model has %d. Turn them and watch the line and its loss "
                    "(mean squared error %.3f) move.",
                    s.params.a, s.params.b, dials_param_count(s), mse(data, s.params));
    case 1: {
      long steps = 0;
      for (const DialsRunner& r : s.run.runners) steps = std::max(steps, r.steps);
      return format("Training turns the dials for us: gradient descent measures how the loss changes with each dial "
                    "and steps downhill, a ← a − η·∂L/∂a with η = %.2f. After %ld steps the loss is %.4f; the best "
                    "any line can do here is %.4f.",
                    s.train.optimizers[static_cast<int>(OptimizerKind::Sgd)].learning_rate, steps,
                    mse(data, s.params), mse(data, fit_with));
    }
    default:
      return format("The weight a scales the input; the bias b shifts the result. Without a bias the line must pass "
                    "through the origin, and the best it can do is a loss of %.3f with %lld parameter. With the bias "
                    "(%lld parameters) the best loss is %.3f. Switch the bias off and on and watch the line.",
                    mse(data, fit_without), static_cast<long long>(layer_param_count({1, 1}, 0).weights),
                    static_cast<long long>(layer_param_count({1, 1}, 0).total()), mse(data, fit_with));
  }
}

std::string layer_text(const TourState& t) {
  const LayerParamCount n = layer_param_count({t.layer_inputs, t.layer_outputs}, 0);
  return format("Give the model %d inputs and %d outputs: each output y_i = Σ_j a_ij·x_j + b_i has its own %d weights "
                "and one bias. That is a layer, with in·out + out = %d·%d + %d = %lld parameters. y = a·x + b is the "
                "layer with one input and one output: 1·1 + 1 = %lld.",
                t.layer_inputs, t.layer_outputs, t.layer_inputs, t.layer_inputs, t.layer_outputs, t.layer_outputs,
                static_cast<long long>(n.total()), static_cast<long long>(layer_param_count({1, 1}, 0).total()));
}

std::string words_text(const App& app) {
  const WordsRuntime& rt = app.tour.words;
  const Corpus& c = rt.training.corpus;
  const WordParamCount n = word_param_count(c.vocabulary(), rt.training.config.dim);
  std::string near;
  const int apple = c.index_of("apple");
  for (const Neighbour& nb : nearest_words(rt.vectors, apple, 5)) near += (near.empty() ? "" : ", ") + c.words[nb.word];
  char per_table[32];
  format_count(n.per_table(), per_table, sizeof per_table);
  return format("Parameters need not be single dials: here each of %d words gets a vector of %d numbers, learned "
                "from which words appear together in %zu of our sentences (two tables of %d × %d = %s parameters "
                "each). \"apple\" keeps company with fruit and with firms, so its vector lands between them; its "
                "nearest words %s: %s.",
                c.vocabulary(), static_cast<int>(n.dim), c.sentences.size(), c.vocabulary(), static_cast<int>(n.dim),
                per_table, rt.training.done() ? "are" : "so far are", near.c_str());
}

std::string sweep_text(const App& app) {
  const LayersRuntime& rt = app.layers;
  const std::vector<SweepResult>& r = rt.sweep_results;
  const std::size_t shapes = rt.sweep_running ? rt.sweep.shapes.size() : make_capacity_sweep(app.state.layers, 100).shapes.size();
  if (r.size() < 2)
    return format("Does a model with more parameters do better? The sweep trains %zu networks on the same data with "
                  "the same seed, each for 100 epochs, and plots their final losses against their parameter counts.",
                  shapes);
  const auto [lo, hi] = std::minmax_element(r.begin(), r.end(), [](const SweepResult& a, const SweepResult& b) {
    return a.params < b.params;
  });
  return format("Does a model with more parameters do better? %zu of %zu networks trained, from %lld to %lld "
                "parameters: the training loss goes from %.3f to %.3f. More parameters fit the training points "
                "better; the test loss (orange) shows whether that carries over to points the model never saw.",
                r.size(), shapes, static_cast<long long>(lo->params), static_cast<long long>(hi->params),
                lo->train_loss, hi->train_loss);
}

std::string moe_text(const App& app) {
  const MoeComparison& c = app.tour.moe.cmp;
  const MoeParamCount n = moe_param_count(feature_count(c.settings.features), c.moe.net.experts.front().widths.back(),
                                          c.config);
  const auto acc = [](const std::vector<LossPoint>& h) { return h.empty() ? 0.0 : 100 * h.back().test_accuracy; };
  return format("A mixture of experts breaks the link between size and work: a gate sends each point to %d of %d "
                "small experts. This one holds %lld parameters but runs only %lld per example. After %ld steps its "
                "test accuracy is %.0f %%; a dense network of the same total size reaches %.0f %%, and one with the "
                "same active count %.0f %%.",
                c.config.top_k, c.config.experts, static_cast<long long>(n.total()), static_cast<long long>(n.active()),
                c.moe.steps, acc(c.moe.history), acc(c.dense_total.history), acc(c.dense_active.history));
}

// [SECTION] the layer diagram of step 4: inputs, outputs, one line per weight, a bias mark per output.

void draw_layer_view(App& app, ImVec2 size) {
  TourState& t = app.state.tour;
  const float fs = ImGui::GetFontSize();
  const float top = ImGui::GetCursorPosY();
  const float slider_w = fs * 10 + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("outputs").x;
  layout::Row row;
  row.next(0);
  ImGui::SetNextItemWidth(fs * 10);
  ImGui::SliderInt("inputs", &t.layer_inputs, 1, 8);
  note_item(app.ui, "tour.layer_inputs");
  row.next(slider_w);
  ImGui::SetNextItemWidth(fs * 10);
  ImGui::SliderInt("outputs", &t.layer_outputs, 1, 8);
  note_item(app.ui, "tour.layer_outputs");
  const LayerParamCount n = layer_param_count({t.layer_inputs, t.layer_outputs}, 0);
  char total[96];
  std::snprintf(total, sizeof total, "%lld weights + %lld biases = %lld parameters", static_cast<long long>(n.weights),
                static_cast<long long>(n.biases), static_cast<long long>(n.total()));
  ImGui::PushFont(app.fonts.strong);
  row.next(ImGui::CalcTextSize(total).x);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(total);
  ImGui::PopFont();

  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 avail(size.x, size.y - (ImGui::GetCursorPosY() - top));
  ImGui::Dummy(avail);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float r = std::min(fs * 1.1f, avail.y / 22);
  const float left = at.x + avail.x * 0.3f, right = at.x + avail.x * 0.7f;
  auto y_of = [&](int i, int count) { return at.y + avail.y * (i + 1.0f) / (count + 1.0f); };
  for (int j = 0; j < t.layer_inputs; ++j)
    for (int i = 0; i < t.layer_outputs; ++i)
      dl->AddLine(ImVec2(left, y_of(j, t.layer_inputs)), ImVec2(right, y_of(i, t.layer_outputs)),
                  (i + j) % 2 ? palette::kBlue : palette::kOrange, 1.5f);
  char label[16];
  for (int j = 0; j < t.layer_inputs; ++j) {
    const ImVec2 c(left, y_of(j, t.layer_inputs));
    dl->AddCircleFilled(c, r, palette::kPlotBg);
    dl->AddCircle(c, r, palette::kInk, 0, 1.5f);
    std::snprintf(label, sizeof label, "x%d", j + 1);
    dl->AddText(ImVec2(c.x - r * 2.6f - ImGui::CalcTextSize(label).x * 0.5f, c.y - fs * 0.5f), palette::kInk, label);
  }
  for (int i = 0; i < t.layer_outputs; ++i) {
    const ImVec2 c(right, y_of(i, t.layer_outputs));
    dl->AddCircleFilled(c, r, palette::kSky);
    dl->AddCircle(c, r, palette::kInk, 0, 1.5f);
    std::snprintf(label, sizeof label, "+b%d", i + 1);
    dl->AddText(ImVec2(c.x - ImGui::CalcTextSize(label).x * 0.5f, c.y - fs * 0.5f), palette::kInk, label);
    std::snprintf(label, sizeof label, "y%d", i + 1);
    dl->AddText(ImVec2(c.x + r * 1.6f, c.y - fs * 0.5f), palette::kInk, label);
  }
  dl->AddText(ImVec2(at.x + avail.x * 0.5f - fs * 6, at.y + fs * 0.2f), palette::kMuted, "one line per weight a_ij");
}

// [SECTION] the capacity sweep of step 6, on the Layers lab's current data and settings.

void draw_sweep_view(App& app, ImVec2 size) {
  layers_sync(app);
  layers_advance(app);
  LayersRuntime& rt = app.layers;
  if (!rt.sweep_running && rt.sweep_results.empty()) layers_start_sweep(app);   // the step's live view runs it
  if (rt.sweep_running) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%zu / %zu networks", rt.sweep.results.size(), rt.sweep.shapes.size());
    ImGui::ProgressBar(static_cast<float>(rt.sweep_progress), ImVec2(std::min(size.x, ImGui::GetFontSize() * 16), 0), buf);
    note_item(app.ui, "tour.sweep_progress");
  } else {
    if (ImGui::Button("Run the sweep again")) layers_start_sweep(app);
    note_item(app.ui, "tour.sweep_start");
  }
  const float top = ImGui::GetItemRectMin().y;
  char legend[160];
  std::snprintf(legend, sizeof legend, "%s data, %s; ● 1 hidden layer, ■ 3; blue train, orange test",
                dataset_name(app.state.layers.data), optimizer_name(app.state.layers.optimizer.kind));
  layout::Row row;
  row.next(0);
  row.next(ImGui::CalcTextSize(legend).x);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", legend);
  ImGui::PopTextWrapPos();
  const float used = ImGui::GetCursorScreenPos().y - top;
  const float w = ImGui::GetContentRegionAvail().x;
  draw_sweep_plot(app, ImVec2(w, std::max(size.y - used, ImGui::GetFontSize() * 8)));
}

// [SECTION] header and frame

// The step marks, Back and Next (which set the step the next frame shows); the lesson key t.nav hides them, so an
// embedded step stays on its step.
void draw_nav(App& app, int step) {
  TourState& t = app.state.tour;
  const float fs = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  // Progress: one mark per step, the current one filled; each mark jumps to its step. Back and Next share the row
  // where it has room, else take the next one.
  layout::Row row;
  row.next(0);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Step %d of %d", step + 1, kTourStepCount);
  row.next(kTourStepCount * fs * 2.15f);
  ImGui::BeginGroup();
  for (int i = 0; i < kTourStepCount; ++i) {
    if (i) ImGui::SameLine(0, fs * 0.35f);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetFrameHeight();
    ImGui::PushID(i);
    if (ImGui::InvisibleButton("##dot", ImVec2(fs * 1.8f, h))) t.step = i;
    char item[24];
    std::snprintf(item, sizeof item, "tour.dot%d", i);
    note_item(app.ui, item);
    if (ImGui::IsItemHovered()) layout::tooltip("%d. %s", i + 1, tour_step(i).title);
    ImGui::PopID();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a(at.x, at.y + h * 0.4f), b(at.x + fs * 1.8f, at.y + h * 0.6f);
    dl->AddRectFilled(a, b, i <= step ? palette::kBlue : palette::kGrid, h);
  }
  ImGui::EndGroup();
  const float nav_w = fs * 5.5f;
  const float right = ImGui::GetContentRegionMax().x - 2 * nav_w - style.ItemSpacing.x;
  if (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + style.ItemSpacing.x <= right) ImGui::SameLine(right);
  ImGui::BeginDisabled(step == 0);
  if (ImGui::Button("← Back", ImVec2(nav_w, 0))) t.step = step - 1;
  ImGui::EndDisabled();
  note_item(app.ui, "tour.back");
  ImGui::SameLine();
  ImGui::BeginDisabled(step == kTourStepCount - 1);
  if (ImGui::Button("Next →", ImVec2(nav_w, 0))) t.step = step + 1;
  ImGui::EndDisabled();
  note_item(app.ui, "tour.next");
}

void draw_text(App& app, const std::string& text) {
  if (is_hidden(app, "t.text")) return;
  ImGui::PushTextWrapPos(std::min(ImGui::GetContentRegionMax().x, ImGui::GetFontSize() * 62));
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  note_item(app.ui, "tour.text");
  ImGui::Spacing();
}

// The navigation, then the title of `step` (the wrapped title of a phone's column).
void draw_header(App& app, int step) {
  if (!is_hidden(app, "t.nav")) draw_nav(app, step);
  ImGui::PushFont(app.fonts.heading);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::Text("%d. %s", step + 1, tour_step(step).title);
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

// The live view of `step` in `size`.
void draw_view(App& app, int step, ImVec2 size) {
  switch (step) {
    case 0: case 1: case 2: draw_dials(app); break;
    case 3: draw_layer_view(app, size); break;
    case 4: draw_words_view(app, size); break;
    case 5: draw_sweep_view(app, size); break;
    case 6: draw_moe_view(app, size); break;
    default: draw_tour_llms(app, size); break;
  }
}

}  // namespace

void draw_tour(App& app) {
  TourState& t = app.state.tour;
  TourRuntime& rt = app.tour;
  // The step this frame shows: fixed here, so that Back or Next (which change t.step while the header is drawn)
  // take effect next frame, after that step's setup and work.
  const int step = t.step = clamp_tour_step(t.step);
  if (rt.applied_step != step) {
    apply_tour_step(app.state, step);
    rt.applied_step = step;
  }
  // The step's work for this frame comes before its text, so the text shows this frame's numbers.
  if (step == 4) words_advance(app);
  if (step == 6) moe_view_advance(app);
  if (step == 7) tour_llms_sync(app);

  std::string text;
  switch (step) {
    case 0: case 1: case 2: text = dials_text(app, step); break;
    case 3: text = layer_text(t); break;
    case 4: text = words_text(app); break;
    case 5: text = sweep_text(app); break;
    case 6: text = moe_text(app); break;
    default: text = tour_llms_text(app); break;
  }
  const bool column = layout::stacked();
  draw_header(app, step);
  if (!column) draw_text(app, text);
  if (step == 2) {
    ImGui::Checkbox("bias b", &app.state.dials.use_bias);
    note_item(app.ui, "tour.bias");
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled(app.state.dials.use_bias ? "y = a·x + b: the line may cross the y axis anywhere"
                                                 : "y = a·x: the line must pass through (0, 0)");
    ImGui::PopTextWrapPos();
  }

  if (column) {  // the live view under the title, its text after it; heights from the width
    const float w = ImGui::GetContentRegionAvail().x;
    draw_view(app, step, ImVec2(w, layout::stacked_plot_height(w, step == 7 ? 1.1f : 0.9f)));
    ImGui::Spacing();
    draw_text(app, text);
    return;
  }
  // A view taller than the room left (the Dials view in one column under a short window) scrolls here.
  ImGui::BeginChild("tour-view", ImVec2(0, 0), ImGuiChildFlags_None);
  draw_view(app, step, ImGui::GetContentRegionAvail());
  ImGui::EndChild();
}

}  // namespace lpp

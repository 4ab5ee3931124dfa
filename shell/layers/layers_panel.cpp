// The Layers view: small neural networks trained live, TF Playground style, with the parameter count always in
// view. Toolbar (reset, play, step, speed), data and training controls on the left, the network in the middle
// with the parameter ladder, the capacity sweep and the compute bridge below it, the output and losses on the right.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.hpp"
#include "layers/moe_view.hpp"
#include "layers_draw.hpp"
#include "layout.hpp"
#include "plot.hpp"

namespace lpp {
namespace {

// TF Playground's menus of learning and regularization rates.
constexpr double kLearningRates[] = {0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10};
constexpr double kRegRates[] = {0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10};
constexpr int kSpeeds[] = {1, 5, 25, 100, 250, 1000, 5000};

template <typename Enum, typename NameFn>
bool enum_combo(const char* label, Enum& value, int count, NameFn name, bool (*allowed)(Enum, const void*) = nullptr,
                const void* ctx = nullptr) {
  bool changed = false;
  if (ImGui::BeginCombo(label, name(value))) {
    for (int i = 0; i < count; ++i) {
      const Enum e = static_cast<Enum>(i);
      if (allowed && !allowed(e, ctx)) continue;
      if (ImGui::Selectable(name(e), e == value)) value = e, changed = true;
    }
    ImGui::EndCombo();
  }
  return changed;
}

bool rate_combo(const char* label, double& value, const double* rates, int count) {
  char cur[32];
  std::snprintf(cur, sizeof cur, "%g", value);
  bool changed = false;
  if (ImGui::BeginCombo(label, cur)) {
    for (int i = 0; i < count; ++i) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", rates[i]);
      if (ImGui::Selectable(buf, rates[i] == value)) value = rates[i], changed = true;
    }
    ImGui::EndCombo();
  }
  return changed;
}

// Reset, Play, Step, the speed and the run's figures, in one row where they fit, wrapping where they do not.
void toolbar(App& app) {
  LayersRuntime& rt = app.layers;
  const float fs = ImGui::GetFontSize();
  layout::Row row;
  row.next(0);
  if (ImGui::Button("Reset")) layers_reset(app);
  note_item(app.ui, "layers.reset");
  if (ImGui::IsItemHovered()) layout::tooltip("New weights from the seed; the history is cleared");
  row.next(fs * 4.5f);
  if (ImGui::Button(rt.playing ? "Pause" : "Play", ImVec2(fs * 4.5f, 0))) rt.playing = !rt.playing;
  note_item(app.ui, "layers.play");
  row.next(layout::Row::button_width("Step"));
  if (ImGui::Button("Step")) layers_step(app, 1);
  note_item(app.ui, "layers.step");
  if (ImGui::IsItemHovered()) layout::tooltip("One optimizer step on one batch");
  int speed_index = 0;
  while (speed_index + 1 < static_cast<int>(std::size(kSpeeds)) && kSpeeds[speed_index] < rt.steps_per_frame) ++speed_index;
  char speed_label[48];
  std::snprintf(speed_label, sizeof speed_label, "%d step%s/frame", kSpeeds[speed_index], kSpeeds[speed_index] > 1 ? "s" : "");
  row.next(fs * 10);
  ImGui::SetNextItemWidth(fs * 10);
  if (ImGui::SliderInt("##speed", &speed_index, 0, static_cast<int>(std::size(kSpeeds)) - 1, speed_label))
    rt.steps_per_frame = kSpeeds[speed_index];
  if (ImGui::IsItemHovered()) layout::tooltip("Speed; training never takes more than 6 ms of a frame");
  const TrainRun& run = rt.run;
  const double epoch = run.train_x.cols() ? static_cast<double>(run.examples) / run.train_x.cols() : 0.0;
  char text[64];
  std::snprintf(text, sizeof text, "Epoch %.1f   step %ld", epoch, run.steps);
  row.next(ImGui::CalcTextSize(text).x);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  if (!run.history.empty()) {
    ImGui::PushFont(app.fonts.strong);
    std::snprintf(text, sizeof text, "train %.4f", run.history.back().train);
    row.next(ImGui::CalcTextSize(text).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kBlue), "%s", text);
    std::snprintf(text, sizeof text, "test %.4f", run.history.back().test);
    row.next(ImGui::CalcTextSize(text).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kVermillion), "%s", text);
    ImGui::PopFont();
  }
}

bool loss_allowed(LossKind k, const void* data) { return loss_fits(k, *static_cast<const DataSet*>(data)); }
bool dataset_allowed(DataSetKind k, const void* rt) {
  return k != DataSetKind::Csv || static_cast<const LayersRuntime*>(rt)->has_csv;
}

void draw_data_settings(App& app);
void draw_training_settings(App& app);
void draw_csv_import(App& app);

void draw_controls(App& app) {
  const float fs = ImGui::GetFontSize();
  ImGui::PushItemWidth(-fs * 5.5f);
  if (!is_hidden(app, "l.data")) draw_data_settings(app);
  if (!is_hidden(app, "l.training")) draw_training_settings(app);
  ImGui::PopItemWidth();
  if (!is_hidden(app, "l.csv")) draw_csv_import(app);
}

void draw_data_settings(App& app) {
  LayersState& s = app.state.layers;
  LayersRuntime& rt = app.layers;
  const float fs = ImGui::GetFontSize();
  ImGui::SeparatorText("Data");
  enum_combo("data set", s.data, kDataSetKindCount, dataset_name, dataset_allowed, &rt);
  note_item(app.ui, "layers.dataset");
  ImGui::BeginDisabled(s.data == DataSetKind::Csv);
  float noise = static_cast<float>(s.noise);
  if (ImGui::SliderFloat("noise", &noise, 0.0f, 0.5f, "%.2f")) s.noise = noise;
  ImGui::SliderInt("points", &s.points, 100, 2000);
  ImGui::EndDisabled();
  ImGui::SliderInt("train %", &s.train_percent, 10, 90);
  ImGui::SliderInt("batch", &s.batch_size, 1, 50);
  if (ImGui::Button("New sample")) ++s.data_seed;
  ImGui::TextDisabled("%d train, %d test", rt.data.train.size(), rt.data.test.size());

  ImGui::SeparatorText("Features");
  for (int bit = 0; bit < kFeatureCount; ++bit) {
    bool on = (s.features >> bit) & 1u;
    if (bit % 2) ImGui::SameLine(fs * 6.5f);
    if (ImGui::Checkbox(feature_name(bit), &on)) {
      const unsigned next = on ? s.features | (1u << bit) : s.features & ~(1u << bit);
      if (next != 0) s.features = next;   // at least one input
    }
  }
}

void draw_training_settings(App& app) {
  LayersState& s = app.state.layers;
  LayersRuntime& rt = app.layers;
  ImGui::SeparatorText("Training");
  enum_combo("optimizer", s.optimizer.kind, kOptimizerKindCount, optimizer_name);
  rate_combo("learning rate", s.optimizer.learning_rate, kLearningRates, static_cast<int>(std::size(kLearningRates)));
  note_item(app.ui, "layers.learning_rate");
  Activation all = s.hidden.empty() ? Activation::Tanh : s.hidden.front().activation;
  if (enum_combo("activation", all, kActivationCount, activation_name))
    for (HiddenLayer& h : s.hidden) h.activation = all;
  if (ImGui::IsItemHovered()) layout::tooltip("Sets every hidden layer; each layer's own menu is above it");
  enum_combo("loss", s.loss, kLossKindCount, loss_name, loss_allowed, &rt.all);
  if (s.loss == LossKind::Mse) enum_combo("output", s.output_activation, kActivationCount, activation_name);
  enum_combo("regularization", s.regularization, kRegularizationCount, regularization_name);
  ImGui::BeginDisabled(s.regularization == Regularization::None);
  rate_combo("rate λ", s.regularization_rate, kRegRates, static_cast<int>(std::size(kRegRates)));
  ImGui::EndDisabled();
  enum_combo("init", s.init, kInitKindCount, init_name);
  ImGui::Text("Seed %llu", static_cast<unsigned long long>(s.seed));
  ImGui::SameLine();
  if (ImGui::Button("New weights")) ++s.seed;
}

void draw_csv_import(App& app) {
  LayersRuntime& rt = app.layers;
  const float fs = ImGui::GetFontSize();
  ImGui::Spacing();
  const bool open = ImGui::CollapsingHeader("Import CSV");
  note_item(app.ui, "layers.csv");
  if (open) {
    ImGui::TextWrapped("Rows x1,x2,label. Integer labels 0-9 (or ±1) are classes; other labels are a regression target.");
    ImGui::InputTextMultiline("##csv", &rt.csv_text[0], rt.csv_text.capacity() + 1, ImVec2(-1, fs * 6),
                              ImGuiInputTextFlags_CallbackResize,
                              [](ImGuiInputTextCallbackData* d) {
                                auto* str = static_cast<std::string*>(d->UserData);
                                if (d->EventFlag == ImGuiInputTextFlags_CallbackResize) {
                                  str->resize(d->BufTextLen);
                                  d->Buf = &(*str)[0];
                                }
                                return 0;
                              },
                              &rt.csv_text);
    if (ImGui::Button("Import")) layers_import_csv(app);
    note_item(app.ui, "layers.csv_import");
    for (const std::string& e : rt.csv_errors) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kVermillion), "%s", e.c_str());
    if (!rt.csv_errors.empty()) ImGui::TextDisabled("Nothing changed: the previous data and network are kept.");
  }
}

// + layer, - layer and 8×64: the network's shape (lesson key l.arch hides them).
void draw_shape_buttons(App& app) {
  LayersState& s = app.state.layers;
  ImGui::BeginDisabled(static_cast<int>(s.hidden.size()) >= LayersState::kMaxLayers);
  if (ImGui::Button("+ layer")) s.hidden.push_back(s.hidden.empty() ? HiddenLayer{} : s.hidden.back());
  ImGui::EndDisabled();
  note_item(app.ui, "layers.add_layer");
  ImGui::SameLine();
  ImGui::BeginDisabled(s.hidden.empty());
  if (ImGui::Button("- layer")) s.hidden.pop_back();
  ImGui::EndDisabled();
  note_item(app.ui, "layers.remove_layer");
  ImGui::SameLine();
  if (ImGui::Button("8×64")) s.hidden.assign(8, HiddenLayer{64, s.hidden.empty() ? Activation::Tanh : s.hidden[0].activation});
  note_item(app.ui, "layers.big");
  if (ImGui::IsItemHovered()) layout::tooltip("Eight hidden layers of 64 neurons: beyond TF Playground's 6×8 cap");
}

void draw_network_header(App& app) {
  LayersState& s = app.state.layers;
  const TrainRun& run = app.layers.run;
  char buf[48];
  layout::Row row;
  row.next(0);
  ImGui::PushFont(app.fonts.strong);
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%d hidden layer%s", static_cast<int>(s.hidden.size()), s.hidden.size() == 1 ? "" : "s");
  ImGui::PopFont();
  if (!is_hidden(app, "l.arch")) {
    row.next(layout::Row::button_width("+ layer") * 3 + ImGui::GetStyle().ItemSpacing.x * 2);
    draw_shape_buttons(app);
  }
  const std::int64_t total = total_param_count(run.net.widths);
  format_count(total, buf, sizeof buf);
  ImGui::PushFont(app.fonts.heading);
  const float count_w = ImGui::CalcTextSize(buf).x;
  ImGui::PopFont();
  row.next(ImGui::CalcTextSize("parameters").x + ImGui::GetStyle().ItemSpacing.x + count_w);
  ImGui::BeginGroup();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("parameters");
  ImGui::SameLine();
  ImGui::PushFont(app.fonts.heading);
  ImGui::TextUnformatted(buf);
  ImGui::PopFont();
  ImGui::EndGroup();
  if (ImGui::IsItemHovered()) {
    std::string formula;
    for (int l = 0; l < run.net.layers(); ++l) {
      char term[64];
      std::snprintf(term, sizeof term, "%s(%d·%d+%d)", l ? " + " : "", run.net.widths[l], run.net.widths[l + 1], run.net.widths[l + 1]);
      formula += term;
    }
    layout::tooltip("Σ (in·out + out) = %s = %s\nweights %lld, biases %lld", formula.c_str(), buf,
                      static_cast<long long>(forward_macs(run.net.widths)),
                      static_cast<long long>(total - forward_macs(run.net.widths)));
  }
  note_item(app.ui, "layers.param_total");
}

void draw_sweep(App& app, ImVec2 size) {
  LayersRuntime& rt = app.layers;
  ImGui::PushFont(app.fonts.strong);
  ImGui::TextWrapped("More parameters, more power?");
  ImGui::PopFont();
  layout::Row row;
  row.next(0);
  row.next(layout::Row::button_width(rt.sweep_running ? "Cancel" : "Run sweep"));
  if (!rt.sweep_running) {
    if (ImGui::SmallButton("Run sweep")) layers_start_sweep(app);
    note_item(app.ui, "layers.sweep_start");
  } else {
    if (ImGui::SmallButton("Cancel")) layers_cancel_sweep(app);
    note_item(app.ui, "layers.sweep_cancel");
    ImGui::SameLine();
    char buf[48];
    std::snprintf(buf, sizeof buf, "%zu / %zu networks", rt.sweep.results.size(), rt.sweep.shapes.size());
    ImGui::ProgressBar(static_cast<float>(rt.sweep_progress), ImVec2(-1, 0), buf);
  }
  ImGui::TextWrapped("13 networks × 100 epochs, same data and seed. Final loss: blue train, orange test; ● 1 layer, ■ 3 layers.");
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float h = size.y > 0 ? size.y : avail.y;  // size.y: a height to keep to, if given
  draw_sweep_plot(app, ImVec2(size.x, std::max(h, ImGui::GetFontSize() * 6)));
}

void draw_compute(App& app) {
  const LayersRuntime& rt = app.layers;
  const TrainRun& run = rt.run;
  const LayersState& s = app.state.layers;
  char n_buf[32], f_buf[32];
  const std::int64_t n = total_param_count(run.net.widths);
  const std::int64_t macs = forward_macs(run.net.widths);
  const std::int64_t flops = train_step_flops(run.net.widths, s.batch_size);
  ImGui::PushFont(app.fonts.strong);
  ImGui::TextUnformatted("Compute");
  ImGui::PopFont();
  ImGui::TextWrapped("FLOPs per step: forward 2·MACs·B, backward about twice that:");
  ImGui::Text("6 × %s × %d = %s", format_count(macs, n_buf, 32), s.batch_size, format_count(flops, f_buf, 32));
  if (rt.step_seconds > 0) {
    const double gflops = flops / rt.step_seconds * 1e-9;
    ImGui::TextWrapped("Measured: %.2f µs per step; %.2f M examples/s; %.2f GFLOP/s", rt.step_seconds * 1e6,
                       s.batch_size / rt.step_seconds * 1e-6, gflops);
    ImGui::TextWrapped("Same rule for LLMs: training ≈ 6·N·D FLOPs (GPT-3: 6 × 175e9 × 300e9 = 3.15e23); a token ≈ "
                       "2·N (GPT-2: 2 × 124e6 = 2.5e8, %.2f s at this rate)", 2.0 * 124439808.0 / (gflops * 1e9));
  } else {
    ImGui::TextWrapped("Same rule for LLMs: training ≈ 6·N·D FLOPs (GPT-3: 6 × 175e9 × 300e9 = 3.15e23); a token ≈ "
                       "2·N (GPT-2: 2 × 124e6 = 2.5e8). Press play to measure this page.");
  }
  ImGui::TextDisabled("N = %s parameters", format_count(n, n_buf, 32));
  ImGui::TextDisabled("this frame: training %.2f ms", rt.frame_train_seconds * 1e3);
  ImGui::TextDisabled("grid %d×%d: %.2f ms", rt.grid.resolution, rt.grid.resolution, rt.grid_seconds * 1e3);
}

// The output map, the losses and their curves; in one column (`column`) sized by the width alone.
void draw_output(App& app, bool column) {
  LayersRuntime& rt = app.layers;
  const TrainRun& run = rt.run;
  const float fs = ImGui::GetFontSize();
  layout::Row row;
  row.next(0);
  ImGui::PushFont(app.fonts.strong);
  ImGui::TextUnformatted("Output");
  ImGui::PopFont();
  const char* legend = rt.all.regression() ? "regression surface; ● train ○ test" : "decision boundary; ● train ○ test";
  row.next(ImGui::CalcTextSize(legend).x);
  ImGui::TextDisabled("%s", legend);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float side = column ? std::min(avail.x - fs * 4.0f, fs * 22) : std::max(fs * 8, std::min(avail.x - fs * 4.0f, avail.y * 0.55f));
  draw_output_map(app, side);
  if (!run.history.empty()) {
    const LossPoint& last = run.history.back();
    char text[48];
    layout::Row losses;
    std::snprintf(text, sizeof text, "train loss %.4f", last.train);
    losses.next(0);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kBlue), "%s", text);
    std::snprintf(text, sizeof text, "test loss %.4f", last.test);
    losses.next(ImGui::CalcTextSize(text).x);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kVermillion), "%s", text);
    if (!run.train_label.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      ImGui::TextWrapped("accuracy: train %.1f %%, test %.1f %%", 100 * last.train_accuracy, 100 * last.test_accuracy);
      ImGui::PopStyleColor();
    }
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s loss; blue train, orange dashed test", loss_name(run.loss));
  ImGui::PopStyleColor();
  if (!rt.divergence_note.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(palette::kVermillion));
    ImGui::TextWrapped("%s", rt.divergence_note.c_str());
    ImGui::PopStyleColor();
  }
  const ImVec2 rest = ImGui::GetContentRegionAvail();
  draw_loss_curves(app, ImVec2(rest.x, column ? layout::stacked_plot_height(rest.x, 0.45f) : std::max(rest.y, fs * 6)));
}

// The network in the centre column: its header, the diagram, the parameter ladder and (unless the lesson key
// l.sweep hides them) the sweep and the compute figures.
void draw_dense_centre(App& app, float bottom_h, bool column) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float fs = ImGui::GetFontSize();
  draw_network_header(app);
  const float inner_w = ImGui::GetContentRegionAvail().x;
  const float ladder_h = fs * 4.5f;
  const float net_h = column ? layout::stacked_plot_height(inner_w, 0.85f)
                             : std::max(fs * 10.0f, ImGui::GetContentRegionAvail().y - bottom_h - ladder_h - style.ItemSpacing.y * 3);
  draw_network(app, ImVec2(inner_w, net_h));
  draw_param_ladder(app, total_param_count(app.layers.run.net.widths), inner_w);
  if (bottom_h <= 0) return;
  // The sweep and the compute figures side by side where both have room, else the compute figures under the sweep
  // (the column scrolls to them).
  const bool pair = inner_w >= fs * 30.0f;
  ImGui::BeginChild("layers-sweep", ImVec2(pair ? inner_w * 0.58f : inner_w, pair ? 0.0f : bottom_h), ImGuiChildFlags_None);
  draw_sweep(app, ImVec2(ImGui::GetContentRegionAvail().x, 0));
  ImGui::EndChild();
  if (!pair) {
    draw_compute(app);
    return;
  }
  ImGui::SameLine();
  ImGui::BeginChild("layers-compute", ImVec2(0, 0), ImGuiChildFlags_None);
  draw_compute(app);
  ImGui::EndChild();
}

// The centre: the dense network (with the sweep and the compute figures below it, beside the other columns) or the
// mixture of experts, as tabs.
void draw_centre(App& app, bool column, bool sweep) {
  const float fs = ImGui::GetFontSize();
  bool moe = false;
  if (ImGui::BeginTabBar("layers-centre-tabs")) {
    const bool dense = ImGui::BeginTabItem("Dense network");
    note_item(app.ui, "layers.tab_dense");
    if (dense) ImGui::EndTabItem();
    if (!is_hidden(app, "l.moe")) {
      moe = ImGui::BeginTabItem("Mixture of experts");
      note_item(app.ui, "layers.tab_moe");
      if (moe) ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  if (moe) {
    moe_view_advance(app);
    if (!app.tour.moe.cmp.done()) app.ui.keep_drawing = true;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    draw_moe_view(app, column ? ImVec2(avail.x, layout::stacked_plot_height(avail.x, 0.9f)) : avail);
    return;
  }
  draw_dense_centre(app, column || !sweep ? 0.0f : std::max(fs * 11.0f, ImGui::GetContentRegionAvail().y * 0.36f), column);
}

}  // namespace

// Three columns (settings, network, output) where they fit; in one column the network and its output come first,
// then the settings, the sweep and the compute figures.
void draw_layers(App& app) {
  layers_sync(app);
  layers_advance(app);
  if (!is_hidden(app, "l.train")) toolbar(app);

  const bool sweep = !is_hidden(app, "l.sweep");
  layout::Blocks blocks({{13.5f, 0.6f, 16.0f}, {18.0f, 2.0f}, {15.0f, 1.0f, 22.0f}});
  const bool column = blocks.stacked();
  auto settings = [&] {
    blocks.begin(0, "layers-controls");
    draw_controls(app);
    blocks.end();
  };
  auto centre = [&] {
    blocks.begin(1, "layers-centre");
    draw_centre(app, column, sweep);
    blocks.end();
  };
  auto output = [&] {
    blocks.begin(2, "layers-output");
    draw_output(app, column);
    blocks.end();
  };
  if (!column) {
    settings();
    centre();
    output();
    return;
  }
  centre();
  output();
  settings();
  if (!sweep) return;
  ImGui::Spacing();
  const float w = ImGui::GetContentRegionAvail().x;
  draw_sweep(app, ImVec2(w, layout::stacked_plot_height(w, 0.6f)));
  draw_compute(app);
}

}  // namespace lpp

// The network diagram: one column per layer, every neuron a small heat map of its output over [−6, 6]², edges
// whose width is |w| and whose colour (blue +, orange −, negative also dashed when few) is the sign. Hovering
// shows a weight or a bias; clicking opens an editor. Scales from 2-4-2-1 to 10 layers of 64 neurons.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "app.hpp"
#include "layers_draw.hpp"
#include "layout.hpp"

namespace lpp {
namespace {

constexpr int kMaxEdgesPerLayer = 512;   // beyond this only the strongest weights are drawn

struct Column {
  float x = 0;                 // left edge of the neuron boxes
  float y0 = 0;                // top of the first box
  float step = 0;              // distance between boxes
};

float distance_to_segment(ImVec2 p, ImVec2 a, ImVec2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len2 = dx * dx + dy * dy;
  const float t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0f, 1.0f) : 0.0f;
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

// Neuron `i` of a layer's grid outputs (d×R²) as an m×m heat map in the box [p, p + s].
void neuron_map(ImDrawList* dl, const Eigen::MatrixXf& outputs, int i, int res, ImVec2 p, float s) {
  const int m = std::clamp(static_cast<int>(s / 3.0f), 1, std::min(res, 24));
  const float cell = s / m;
  for (int r = 0; r < m; ++r) {
    for (int c = 0; c < m; ++c) {
      const int gr = (r * res + res / 2) / m, gc = (c * res + res / 2) / m;
      const float v = outputs(i, static_cast<Eigen::Index>(gr) * res + gc);
      dl->AddRectFilled(ImVec2(p.x + c * cell, p.y + r * cell), ImVec2(p.x + (c + 1) * cell, p.y + (r + 1) * cell),
                        diverging_colour(v));
    }
  }
}

}  // namespace

void draw_network(App& app, ImVec2 size) {
  LayersRuntime& rt = app.layers;
  const Mlp<float>& net = rt.run.net;
  const int L = net.layers();
  if (L == 0 || rt.grid.cache.a.size() != static_cast<std::size_t>(L + 1)) {
    ImGui::Dummy(size);
    return;
  }
  LayersState& s = app.state.layers;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fs = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  int tallest = 1;
  for (int w : net.widths) tallest = std::max(tallest, w);
  const float header_h = 2 * ImGui::GetFrameHeight() + style.ItemSpacing.y * 2;
  const float footer_h = fs * 1.4f;
  const float label_h = fs * 1.3f;
  const float avail_h = size.y - header_h - footer_h - label_h;
  // Boxes as large as the tallest column allows (at most 2.6 em); L+1 columns spread over the width.
  const float box = std::clamp(avail_h / (tallest * 1.25f), 2.0f, fs * 2.6f);
  const float col_gap = (size.x - box) / std::max(1, L);
  auto column_centre_x = [&](int l) { return top.x + l * col_gap + box * 0.5f; };

  // Header: per hidden layer, − / + neurons and its activation (the state's; the run rebuilds from it).
  const float combo_w = std::min(col_gap - style.ItemSpacing.x, fs * 5.2f);
  // The lesson key l.arch leaves the shape fixed: no header controls (the space stays, so the diagram keeps its place).
  const int editable = is_hidden(app, "l.arch") ? 0 : static_cast<int>(s.hidden.size());
  for (int h = 0; h < editable && h + 1 < L + 1; ++h) {
    HiddenLayer& layer = s.hidden[h];
    ImGui::PushID(h);
    const float cx = column_centre_x(h + 1);
    const float btn = ImGui::GetFrameHeight();
    ImGui::SetCursorScreenPos(ImVec2(cx - btn - style.ItemSpacing.x * 0.5f, top.y));
    ImGui::BeginDisabled(layer.width <= 1);
    if (ImGui::Button("-", ImVec2(btn, btn))) --layer.width;
    ImGui::EndDisabled();
    if (h == 0) note_item(app.ui, "layers.neuron_minus0");
    ImGui::SameLine();
    ImGui::BeginDisabled(layer.width >= LayersState::kMaxWidth);
    if (ImGui::Button("+", ImVec2(btn, btn)))
      layer.width = std::min(LayersState::kMaxWidth, ImGui::GetIO().KeyShift ? layer.width * 2 : layer.width + 1);
    ImGui::EndDisabled();
    if (h == 0) note_item(app.ui, "layers.neuron_plus0");
    if (ImGui::IsItemHovered()) layout::tooltip("Add a neuron (Shift: double the layer)");
    ImGui::SetCursorScreenPos(ImVec2(cx - combo_w * 0.5f, top.y + ImGui::GetFrameHeight() + style.ItemSpacing.y));
    ImGui::SetNextItemWidth(combo_w);
    if (ImGui::BeginCombo("##act", activation_name(layer.activation), ImGuiComboFlags_NoArrowButton)) {
      for (int a = 0; a < kActivationCount; ++a)
        if (ImGui::Selectable(activation_name(static_cast<Activation>(a)), layer.activation == static_cast<Activation>(a)))
          layer.activation = static_cast<Activation>(a);
      ImGui::EndCombo();
    }
    ImGui::PopID();
  }

  const ImVec2 origin(top.x, top.y + header_h);
  ImGui::SetCursorScreenPos(origin);
  ImGui::InvisibleButton("##network", ImVec2(size.x, size.y - header_h - footer_h));
  note_item(app.ui, "layers.network");
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  const ImVec2 mouse = ImGui::GetMousePos();
  std::vector<Column> cols(L + 1);
  for (int l = 0; l <= L; ++l) {
    const int n = net.widths[l];
    Column& c = cols[l];
    c.x = origin.x + l * col_gap;
    c.step = box * 1.25f;
    c.y0 = origin.y + label_h + (avail_h - n * c.step + box * 0.25f) * 0.5f;
  }
  auto centre = [&](int l, int i) { return ImVec2(cols[l].x + box * 0.5f, cols[l].y0 + i * cols[l].step + box * 0.5f); };

  // Edges, layer by layer: the strongest first-class, thin alpha lines when there are thousands.
  float best_d = 4.0f * app.scale;   // hover radius for an edge
  int hover_l = -1, hover_r = 0, hover_c = 0;
  bool hover_bias = false;
  int hover_input = -1;
  std::vector<float> mags;
  const ImDrawListFlags flags = dl->Flags;
  for (int l = 0; l < L; ++l) {
    const Eigen::Map<const MatrixT<float>> w = net.weights(l);
    const Eigen::Index count = w.size();
    float threshold = 0;
    if (count > kMaxEdgesPerLayer) {
      mags.assign(w.data(), w.data() + count);
      for (float& m : mags) m = std::abs(m);
      std::nth_element(mags.begin(), mags.begin() + (count - kMaxEdgesPerLayer), mags.end());
      threshold = mags[count - kMaxEdgesPerLayer];
    }
    const float max_w = std::max(w.cwiseAbs().maxCoeff(), 1e-6f);
    const bool many = count > 256;
    // Thousands of thin lines: anti-aliasing costs three times the vertices and is invisible at that width.
    if (many) dl->Flags &= ~ImDrawListFlags_AntiAliasedLines;
    else dl->Flags = flags;
    for (Eigen::Index c = 0; c < w.cols(); ++c) {
      for (Eigen::Index r = 0; r < w.rows(); ++r) {
        const float v = w(r, c);
        if (std::abs(v) < threshold) continue;
        const ImVec2 a(centre(l, static_cast<int>(c)).x + box * 0.5f, centre(l, static_cast<int>(c)).y);
        const ImVec2 b(centre(l + 1, static_cast<int>(r)).x - box * 0.5f, centre(l + 1, static_cast<int>(r)).y);
        const float rel = std::abs(v) / max_w;
        const float width = (many ? 0.6f + 1.4f * rel : 0.7f + 4.5f * std::min(std::abs(v), 1.5f) / 1.5f) * app.scale;
        const int alpha = many ? static_cast<int>(40 + 180 * rel) : 210;
        const ImU32 col = (v >= 0 ? palette::kBlue : palette::kOrange) & IM_COL32(255, 255, 255, alpha);
        if (v < 0 && !many) dashed_line(dl, a, b, col, width, 4.0f * app.scale, 0.0f);
        else dl->AddLine(a, b, col, width);
        if (hovered) {
          const float d = distance_to_segment(mouse, a, b);
          if (d < best_d) best_d = d, hover_l = l, hover_r = static_cast<int>(r), hover_c = static_cast<int>(c);
        }
      }
    }
  }

  dl->Flags = flags;

  // Neurons: heat maps of their output over the input square; inputs labelled, biases on hover.
  const int res = rt.grid.resolution;
  for (int l = 0; l <= L; ++l) {
    for (int i = 0; i < net.widths[l]; ++i) {
      const ImVec2 c = centre(l, i);
      const ImVec2 p(c.x - box * 0.5f, c.y - box * 0.5f);
      neuron_map(dl, rt.grid.cache.a[l], i, res, p, box);
      if (box >= 6) dl->AddRect(p, ImVec2(p.x + box, p.y + box), palette::kMuted);
      if (l == 1 && i == 0) app.ui.items["layers.neuron1_0"] = ItemRect{p.x, p.y, p.x + box, p.y + box};
      const bool inside = hovered && mouse.x >= p.x && mouse.x <= p.x + box && mouse.y >= p.y && mouse.y <= p.y + box;
      if (inside && l > 0) hover_l = l - 1, hover_r = i, hover_bias = true;
      if (inside && l == 0) hover_input = i;
    }
  }
  // Column headings: inputs, hidden layers, output.
  char buf[64];
  for (int l = 0; l <= L; ++l) {
    if (l == 0) std::snprintf(buf, sizeof buf, "%d in", net.widths[0]);
    else if (l == L) std::snprintf(buf, sizeof buf, "%d out", net.widths[L]);
    else std::snprintf(buf, sizeof buf, "%d", net.widths[l]);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    const float x = std::clamp(cols[l].x + box * 0.5f - ts.x * 0.5f, top.x, top.x + size.x - ts.x);  // inside the view
    dl->AddText(ImVec2(x, origin.y), palette::kMuted, buf);
  }

  // Footer: each weight layer's count under the column it feeds, in·out + out.
  const float foot_y = origin.y + size.y - header_h - footer_h + fs * 0.2f;
  for (int l = 0; l < L; ++l) {
    const LayerParamCount c = layer_param_count(net.widths, l);
    if (col_gap > fs * 6.5f)
      std::snprintf(buf, sizeof buf, "%d·%d+%d = %lld", net.widths[l], net.widths[l + 1], net.widths[l + 1],
                    static_cast<long long>(c.total()));
    else std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(c.total()));
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(std::min(column_centre_x(l + 1) - ts.x * 0.5f, top.x + size.x - ts.x), foot_y), palette::kInk, buf);
  }
  ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + size.y));
  ImGui::Dummy(ImVec2(0, 0));

  // Hover and click-to-edit.
  if (hover_input >= 0) {
    int row = 0;
    for (int bit = 0; bit < kFeatureCount; ++bit)
      if (((rt.run.features >> bit) & 1u) && row++ == hover_input) layout::tooltip("Input %s", feature_name(bit));
  }
  if (hover_l >= 0) {
    const float v = hover_bias ? net.bias(hover_l)[hover_r] : net.weights(hover_l)(hover_r, hover_c);
    if (hover_bias)
      layout::tooltip("Layer %d, neuron %d\nbias b = %.4f\nclick to edit", hover_l + 1, hover_r + 1, v);
    else
      layout::tooltip("Weight from neuron %d of layer %d to neuron %d of layer %d\nw = %.4f\nclick to edit",
                        hover_c + 1, hover_l, hover_r + 1, hover_l + 1, v);
    if (clicked) {
      rt.edit = ParamEdit{hover_l, hover_r, hover_c, hover_bias, v};
      ImGui::OpenPopup("edit-param");
    }
  }
  if (ImGui::BeginPopup("edit-param")) {
    ParamEdit& e = rt.edit;
    if (e.layer >= 0 && e.layer < L) {
      if (e.bias) ImGui::Text("Bias of neuron %d, layer %d", e.row + 1, e.layer + 1);
      else ImGui::Text("Weight: neuron %d of layer %d → neuron %d of layer %d", e.col + 1, e.layer, e.row + 1, e.layer + 1);
      ImGui::SetNextItemWidth(fs * 8);
      if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
      if (ImGui::InputFloat("##value", &e.value, 0.1f, 1.0f, "%.4f") && std::isfinite(e.value)) {
        Mlp<float>& m = rt.run.net;
        if (e.bias) m.bias(e.layer)[e.row] = e.value;
        else m.weights(e.layer)(e.row, e.col) = e.value;
        rt.run.last_finite = m.params;
        rt.grid_dirty = true;
      }
      note_item(app.ui, "layers.edit_value");
    }
    if (ImGui::Button("Done")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

}  // namespace lpp

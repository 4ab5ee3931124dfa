// The LLM lab's Model and Tensors views: the breakdown (bar and table), MoE's three numbers, headline vs
// checkpoint, where the numbers come from, the paste box; and the sortable per-tensor inventory grouped by layers.
// [SECTION] paste box  [SECTION] model tab  [SECTION] tensors tab
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "layout.hpp"
#include "llm_views.hpp"

namespace lpp::llm_lab {
namespace {

// [SECTION] paste box

int resize_string(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* s = static_cast<std::string*>(data->UserData);
    s->resize(static_cast<std::size_t>(data->BufTextLen));
    data->Buf = s->data();
  }
  return 0;
}

void draw_paste_box(LlmFrame& f) {
  if (is_hidden(f.app, "m.paste")) return;
  section(f, "Count your own config.json");
  explain("Paste a Hugging Face config.json (or drop the file onto the window). Nothing leaves your machine.");
  std::string& buf = f.rt.paste;
  if (buf.capacity() < 1) buf.reserve(1);
  ImGui::InputTextMultiline("##paste", buf.data(), buf.capacity() + 1,
                            ImVec2(-1, ImGui::GetTextLineHeight() * 6.5f), ImGuiInputTextFlags_CallbackResize,
                            resize_string, &buf);
  note_item(f.app.ui, "llm.paste");
  ImGui::BeginDisabled(buf.empty());
  if (ImGui::Button("Count it")) llm_import_text(f.app, buf, "pasted config");
  note_item(f.app.ui, "llm.paste.import");
  ImGui::SameLine();
  if (ImGui::Button("Clear")) buf.clear();
  ImGui::EndDisabled();
  if (!f.s.config_text.empty()) {
    ImGui::SameLine();
    if (ImGui::Button("Back to the preset")) {
      f.s.config_text.clear();
      f.s.config_name.clear();
      f.s.overrides = nlohmann::json::object();
      f.rt.import_message.clear();
    }
  }
  if (!f.rt.import_message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, f.rt.import_errors.empty() ? palette::kGreen : palette::kVermillion);
    ImGui::TextWrapped("%s", f.rt.import_message.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kVermillion);
  for (const std::string& e : f.rt.import_errors) ImGui::BulletText("%s", e.c_str());
  ImGui::PopStyleColor();
}

// [SECTION] model tab

void draw_breakdown_table(LlmFrame& f) {
  const llm::ParamCount& pc = f.m.count;
  const int rows = static_cast<int>(llm::component_rows(pc).size()) + 2;
  const layout::WideTable wide = layout::wide_table(30.0f, rows);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("breakdown", 5, flags | wide.flags, wide.outer_size, wide.inner_width)) return;
  if (wide.scrolls) ImGui::TableSetupScrollFreeze(1, 0);
  ImGui::TableSetupColumn("Component", ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn("Parameters", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Share", ImGuiTableColumnFlags_WidthStretch, 0.8f);
  ImGui::TableSetupColumn("Weights", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Biases", ImGuiTableColumnFlags_WidthStretch, 0.8f);
  ImGui::TableHeadersRow();
  for (const llm::BreakdownRow& b : f.a.breakdown) {
    const llm::ComponentRow& r = b.row;
    const int c = static_cast<int>(r.component);
    ImGui::TableNextRow();
    ImGui::PushID(c);
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, component_colour(c));
    ImGui::TextUnformatted("■");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted(llm::component_name(r.component));
    ImGui::TableNextColumn();
    count_text(f, "p", r.params, b.formula);
    ImGui::TableNextColumn();
    if (r.share < 1e-4) ImGui::Text("%.4f %%", 100 * r.share);  // norms: small, never shown as zero
    else ImGui::Text("%.2f %%", 100 * r.share);
    ImGui::TableNextColumn();
    count_text(f, "w", r.weights, "");
    ImGui::TableNextColumn();
    count_text(f, "b", r.biases, "");
    ImGui::PopID();
  }
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushFont(f.app.fonts.strong);
  ImGui::TextUnformatted("total");
  ImGui::TableNextColumn();
  count_text(f, "total", f.a.total.value, f.a.total.formula);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted("100 %");
  ImGui::TableNextColumn();
  count_text(f, "weights", pc.weights, "");
  ImGui::TableNextColumn();
  count_text(f, "biases", pc.biases, "");
  ImGui::PopFont();
  ImGui::EndTable();
}

void draw_moe(LlmFrame& f) {
  const llm::ParamCount& pc = f.m.count;
  if (pc.active == pc.total) return;
  section(f, "Mixture of experts: three numbers");
  const llm::Estimate& resident = f.a.weights;
  const llm::Estimate& active_bytes = f.a.active_weights;
  if (!ImGui::BeginTable("moe", 3, ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch, 0.9f);
  ImGui::TableSetupColumn("n", ImGuiTableColumnFlags_WidthStretch, 0.7f);
  ImGui::TableSetupColumn("why", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  auto row = [&](const char* what, const char* id, std::int64_t n, const std::string& formula, const char* why) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(what);
    ImGui::TableNextColumn();
    count_text(f, id, n, formula);
    ImGui::TableNextColumn();
    explain(why);
  };
  const std::string per = std::to_string(f.m.arch.experts_per_token) + " of " + std::to_string(f.m.arch.num_experts);
  row("Total", "moe.total", f.a.total.value, f.a.total.formula,
      "Every parameter the checkpoint holds: all experts of every MoE layer.");
  const std::string active_why = "What one token is multiplied by: the shared parts plus " + per +
                                 " routed experts per MoE layer. Sets the FLOPs per token (≈ 2 × active).";
  row("Active per token", "moe.active", f.a.active.value, f.a.active.formula, active_why.c_str());
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted("Resident in memory");
  ImGui::TableNextColumn();
  estimate_text(f, llm::format_bytes(resident.value).c_str(), resident.formula);
  ImGui::TableNextColumn();
  const std::string resident_why = "All experts stay loaded: the router picks different experts for every token, so "
                                   "memory follows the total (" + llm::format_bytes(resident.value) +
                                   "), not the active parameters (" +
                                   llm::format_bytes(active_bytes.value) + " in " + llm::dtype_name(f.s.dtype) + ").";
  explain(resident_why.c_str());
  ImGui::EndTable();
}

void draw_extra_modules(LlmFrame& f) {
  const llm::ParamCount& pc = f.m.count;
  if (pc.extra.empty()) return;
  section(f, "Headline vs checkpoint");
  ImGui::TextUnformatted("Headline");
  ImGui::SameLine();
  count_text(f, "headline", f.a.total.value, f.a.total.formula);
  for (const llm::ExtraModule& e : pc.extra) {
    ImGui::SameLine();
    ImGui::Text("+ %s", e.name.c_str());
    ImGui::SameLine();
    count_text(f, e.name.c_str(), e.count, "");
  }
  ImGui::SameLine();
  ImGui::TextUnformatted("= checkpoint");
  ImGui::SameLine();
  count_text(f, "with_extra", f.a.checkpoint.value, f.a.checkpoint.formula);
  for (const llm::ExtraModule& e : pc.extra) explain(e.description.c_str());
}

// The three answers to "how many parameters": the module tree's count, the checkpoint's elements, its bytes; then
// the same model as llama.cpp's GGUF files.
void draw_storage(LlmFrame& f) {
  const llm::ParameterViews& v = f.a.storage;
  section(f, "Parameters, stored elements, bytes");
  // Side by side where three labels fit, else one under the other.
  const bool side_by_side = ImGui::GetContentRegionAvail().x >= ImGui::GetFontSize() * 21;
  const int columns = side_by_side ? 3 : 1;
  if (ImGui::BeginTable("storage", columns, ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Parameters");
    count_text(f, "storage.params", v.parameters, f.a.total.formula);
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Stored elements");
    if (v.stored_elements > 0) count_text(f, "storage.elements", v.stored_elements, v.elements_formula);
    else ImGui::TextUnformatted("unknown");
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Bytes");
    if (v.stored_bytes > 0)
      estimate_text(f, llm::format_bytes(static_cast<double>(v.stored_bytes)).c_str(), v.bytes_formula);
    else ImGui::TextUnformatted("unknown");
    ImGui::EndTable();
  }
  note_item(f.app.ui, "llm.storage");
  explain(v.why.c_str());
}

void draw_gguf(LlmFrame& f) {
  section(f, "As GGUF files (llama.cpp)");
  const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_RowBg;
  if (!ImGui::BeginTable("gguf", 3, flags)) return;
  // Explicit weights: proportional columns without them take their weights from the contents' widths, which are
  // all zero in the first frame of a fresh child window (0/0, a NaN that reached the window's content size).
  ImGui::TableSetupColumn("recipe", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("bits per weight", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("tensor data", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  const bool chosen_source = f.s.weights == llm::WeightSource::kGguf;
  for (const llm::GgufEstimate& g : f.a.gguf) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const bool chosen = chosen_source && g.recipe == f.s.gguf;
    const char* name = llm::gguf_recipe_name(g.recipe);
    // Picking a row sizes the memory figures by that file.
    if (ImGui::Selectable(name, chosen)) {
      f.s.weights = llm::WeightSource::kGguf;
      f.s.gguf = g.recipe;
    }
    if (ImGui::IsItemHovered()) layout::tooltip("%s", llm::gguf_recipe_rule(g.recipe));
    note_item(f.app.ui, (std::string("llm.gguf.") + name).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%.2f", g.bits_per_weight);
    ImGui::TableNextColumn();
    estimate_text(f, llm::format_bytes(static_cast<double>(g.bytes)).c_str(), g.formula);
  }
  ImGui::EndTable();
  note_item(f.app.ui, "llm.gguf");
  explain("Tensor data as llama-quantize writes it, without an importance matrix; the file adds its metadata "
          "(the tokenizer, a few MB). Pick a row to size the memory figures by it.");
}

void draw_about(LlmFrame& f) {
  const llm::ImportResult& b = f.m.base;
  section(f, "Where the numbers come from");
  ImGui::Text("model_type: %s", f.m.arch.model_type.c_str());
  if (b.best_effort) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kVermillion);
    ImGui::TextWrapped("Best-effort count: this model_type is not one the engine knows; it was read as Llama-like.");
    ImGui::PopStyleColor();
  }
  if (!b.source.empty()) ImGui::TextWrapped("Source: %s", b.source.c_str());
  if (!b.caveats.empty()) ImGui::TextWrapped("Caveats: %s", b.caveats.c_str());
  for (const std::string& a : b.assumptions) ImGui::BulletText("assumed: %s", a.c_str());
  for (const std::string& n : b.notes) ImGui::BulletText("%s", n.c_str());
  for (const std::string& n : f.m.count.notes) ImGui::BulletText("%s", n.c_str());
}

}  // namespace

void draw_model_tab(LlmFrame& f) {
  layout::Blocks blocks({{24.0f, 1.45f}, {18.0f, 1.0f}}, false);
  blocks.begin(0, "breakdown");
  section(f, "Breakdown by component");
  if (!blocks.stacked())  // in one column the lab drew the bar first, under the headline
    component_bar(f, "llm.bar", f.m.count, blocks.width(0), ImGui::GetFontSize() * 1.6f);
  ImGui::Spacing();
  ImGui::PushItemWidth(blocks.width(0));
  draw_breakdown_table(f);
  draw_moe(f);
  draw_extra_modules(f);
  draw_storage(f);
  ImGui::PopItemWidth();
  blocks.end();
  blocks.begin(1, "paste");
  draw_paste_box(f);
  draw_gguf(f);
  draw_about(f);
  blocks.end();
}

// [SECTION] tensors tab

namespace {

enum TensorColumn { kName, kShape, kLayers, kRepeat, kEach, kCount, kComponent, kColumnCount };

bool tensor_less(const llm::TensorGroup& a, const llm::TensorGroup& b, int column) {
  switch (column) {
    case kShape: return a.shape < b.shape;
    case kLayers: return a.layers < b.layers;
    case kRepeat: return a.repeat < b.repeat;
    case kEach: return a.each < b.each;
    case kCount: return a.count < b.count;
    case kComponent: return a.component < b.component;
    default: return a.name < b.name;
  }
}

std::string shape_text(const std::vector<std::int64_t>& shape) {
  std::string s;
  for (std::int64_t d : shape) s += (s.empty() ? "" : " × ") + llm::format_count(d);
  return s;
}

void tensor_row(LlmFrame& f, const llm::TensorGroup& t, int index, float indent) {
  ImGui::TableNextRow();
  ImGui::PushID(index);
  ImGui::TableNextColumn();
  if (indent > 0) ImGui::Indent(indent);
  ImGui::TextUnformatted(t.name.c_str());
  if (indent > 0) ImGui::Unindent(indent);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(shape_text(t.shape).c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(t.layers.empty() ? "" : t.layers.c_str());
  ImGui::TableNextColumn();
  if (t.experts > 0) ImGui::Text("%lld (× %lld experts)", static_cast<long long>(t.repeat), static_cast<long long>(t.experts));
  else ImGui::Text("%lld", static_cast<long long>(t.repeat));
  ImGui::TableNextColumn();
  count_text(f, "each", t.each, shape_text(t.shape) + " = " + llm::format_count(t.each));
  ImGui::TableNextColumn();
  count_text(f, "count", t.count, llm::format_count(t.repeat) + " × " + llm::format_count(t.each) + " = " +
                                      llm::format_count(t.count));
  ImGui::TableNextColumn();
  ImGui::PushStyleColor(ImGuiCol_Text, component_colour(static_cast<int>(t.component)));
  ImGui::TextUnformatted("■");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::Text("%s%s", llm::component_name(t.component), t.bias ? " (bias)" : "");
  ImGui::PopID();
}

}  // namespace

void draw_tensors_tab(LlmFrame& f) {
  const std::vector<llm::TensorGroup>& tensors = f.m.count.tensors;
  ImGui::Checkbox("One flat list", &f.rt.tensors_flat);
  note_item(f.app.ui, "llm.tensors.flat");
  char about[128];
  std::snprintf(about, sizeof about, "%zu tensor groups; {i} is the layer index, {e} the expert. Click a header to sort.",
                tensors.size());
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize(about).x <=
      ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
    ImGui::SameLine();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", about);
  ImGui::PopTextWrapPos();
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_SizingStretchProp;
  // Narrower than its seven columns need, the table scrolls sideways too, the tensor names pinned.
  const float need = ImGui::GetFontSize() * 60.0f;
  const bool sideways = ImGui::GetContentRegionAvail().x < need;
  if (!ImGui::BeginTable("tensors", kColumnCount, flags | (sideways ? ImGuiTableFlags_ScrollX : 0),
                         ImVec2(0, std::max(ImGui::GetContentRegionAvail().y, ImGui::GetFontSize() * 20)),
                         sideways ? need : 0.0f))
    return;
  ImGui::TableSetupScrollFreeze(sideways ? 1 : 0, 1);
  ImGui::TableSetupColumn("Tensor", ImGuiTableColumnFlags_WidthStretch, 3.2f);
  ImGui::TableSetupColumn("Shape", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Layers {i}", ImGuiTableColumnFlags_WidthStretch, 0.7f);
  ImGui::TableSetupColumn("Repeats", ImGuiTableColumnFlags_WidthStretch, 0.9f);
  ImGui::TableSetupColumn("Each", ImGuiTableColumnFlags_WidthStretch, 0.7f);
  ImGui::TableSetupColumn("Count", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort |
                                       ImGuiTableColumnFlags_PreferSortDescending, 0.7f);
  ImGui::TableSetupColumn("Component", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();

  int column = kCount;
  bool ascending = false;
  if (const ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
    column = specs->Specs[0].ColumnIndex;
    ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
  }
  std::vector<int> order(tensors.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return ascending ? tensor_less(tensors[a], tensors[b], column) : tensor_less(tensors[b], tensors[a], column);
  });

  if (f.rt.tensors_flat) {
    for (int i : order) tensor_row(f, tensors[i], i, 0);
  } else {
    // Groups in model order: tensors outside the layers first, then each range of layers.
    std::vector<std::string> groups;
    std::map<std::string, std::int64_t> group_count;
    for (const llm::TensorGroup& t : tensors) {
      if (!group_count.count(t.layers)) groups.push_back(t.layers);
      group_count[t.layers] += t.count;
    }
    for (const std::string& g : groups) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const std::string label = g.empty() ? "outside the layers" : "layers " + g;
      const bool open = ImGui::TreeNodeEx(label.c_str(), ImGuiTreeNodeFlags_SpanFullWidth |
                                                             (g.empty() ? ImGuiTreeNodeFlags_DefaultOpen : 0));
      if (g.empty() && ImGui::IsItemHovered()) layout::tooltip("embeddings, the final norm and the head");
      if (&g == &groups.front()) note_item(f.app.ui, "llm.tensors.group0");
      for (int c = 0; c < kCount; ++c) ImGui::TableNextColumn();
      ImGui::PushID(label.c_str());
      count_text(f, "group", group_count[g], "");
      ImGui::PopID();
      if (!open) continue;
      for (int i : order)
        if (tensors[i].layers == g) tensor_row(f, tensors[i], i, ImGui::GetStyle().IndentSpacing * 0.5f);
      ImGui::TreePop();
    }
  }
  // Extra modules (DeepSeek-V3's MTP): stored in the checkpoint, outside the headline count.
  for (const llm::ExtraModule& e : f.m.count.extra) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string label = "extra module " + e.name + " (in the checkpoint, not in the headline)";
    const bool open = ImGui::TreeNodeEx(label.c_str(), ImGuiTreeNodeFlags_SpanFullWidth);
    for (int c = 0; c < kCount; ++c) ImGui::TableNextColumn();
    ImGui::PushID(label.c_str());
    count_text(f, "extra", e.count, e.description);
    ImGui::PopID();
    if (!open) continue;
    for (std::size_t i = 0; i < e.tensors.size(); ++i)
      tensor_row(f, e.tensors[i], 100000 + static_cast<int>(i), ImGui::GetStyle().IndentSpacing * 0.5f);
    ImGui::TreePop();
  }
  ImGui::EndTable();
}

}  // namespace lpp::llm_lab

// The LLM lab's Memory & compute view: dtype, context and batch; weights, KV cache and FLOPs per token; the KV cache
// against context as a plot; "does it fit?" for a memory budget; training memory; 6·N·D, time and energy on an
// accelerator. Every number comes from core/llm/estimates.hpp or lab_model.hpp with its formula.
// [SECTION] formatting  [SECTION] inference  [SECTION] plot  [SECTION] training  [SECTION] tab
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "layout.hpp"
#include "llm_views.hpp"
#include "plot.hpp"

namespace lpp::llm_lab {
namespace {

using I64 = std::int64_t;
constexpr llm::DType kDtypes[] = {llm::DType::kFp32, llm::DType::kBf16, llm::DType::kFp16,
                                  llm::DType::kFp8,  llm::DType::kInt8, llm::DType::kInt4};

// [SECTION] formatting

std::string human_duration(double s) {
  char buf[48];
  if (s >= 86400 * 365.25) std::snprintf(buf, sizeof buf, "%.1f years", s / (86400 * 365.25));
  else if (s >= 86400) std::snprintf(buf, sizeof buf, "%.1f days", s / 86400);
  else if (s >= 3600) std::snprintf(buf, sizeof buf, "%.1f hours", s / 3600);
  else std::snprintf(buf, sizeof buf, "%.1f s", s);
  return buf;
}

std::string human_energy(double kwh) {
  char buf[48];
  if (kwh >= 1e6) std::snprintf(buf, sizeof buf, "%.2f GWh", kwh / 1e6);
  else if (kwh >= 1e3) std::snprintf(buf, sizeof buf, "%.2f MWh", kwh / 1e3);
  else std::snprintf(buf, sizeof buf, "%.2f kWh", kwh);
  return buf;
}

std::string human_flops(double flops) {
  char buf[48];
  const int e = flops > 0 ? static_cast<int>(std::floor(std::log10(flops))) : 0;
  std::snprintf(buf, sizeof buf, "%.2f × 10^%d FLOP", flops / std::pow(10.0, e), e);
  return buf;
}

std::string context_label(I64 t) {
  char buf[32];
  if (t >= (1 << 20) && t % (1 << 20) == 0) std::snprintf(buf, sizeof buf, "%lldM", static_cast<long long>(t >> 20));
  else if (t >= 1024 && t % 1024 == 0) std::snprintf(buf, sizeof buf, "%lldK", static_cast<long long>(t >> 10));
  else std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(t));
  return buf;
}

// A label and a value in a two-column table row.
void value_row(LlmFrame& f, const char* label, const std::string& value, const std::string& formula) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(label);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(value.c_str());
  formula_hint(f, formula);
}

bool begin_values(const char* id) {
  if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH)) return false;
  ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.3f);
  return true;
}

// [SECTION] inference

// Where the weights' bytes come from: the checkpoint as stored, N × the data type above, or a GGUF recipe.
void draw_weights_choice(LlmFrame& f, float label_w) {
  LlmState& s = f.s;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Weights");
  ImGui::SameLine(label_w);
  ImGui::SetNextItemWidth(-1);
  const llm::ParameterViews& v = f.a.storage;
  const std::string stored = "as stored: " + (v.label.empty() ? std::string("layout unknown") : v.label);
  const std::string nominal = std::string("N × ") + llm::dtype_name(s.dtype) + ", the data type above";
  auto gguf_label = [](llm::GgufRecipe r) { return std::string("GGUF ") + llm::gguf_recipe_name(r); };
  // The closed combo shows the short name; the open list and the hover say it in full.
  const std::string current = s.weights == llm::WeightSource::kStored ? std::string("as stored")
                              : s.weights == llm::WeightSource::kDtype ? std::string("N × ") + llm::dtype_name(s.dtype)
                                                                       : gguf_label(s.gguf);
  const bool open = ImGui::BeginCombo("##weights", current.c_str(), ImGuiComboFlags_HeightLarge);
  if (!open && ImGui::IsItemHovered()) layout::tooltip("%s", f.a.weights.formula.c_str());
  if (open) {
    if (ImGui::Selectable(stored.c_str(), s.weights == llm::WeightSource::kStored))
      s.weights = llm::WeightSource::kStored;
    if (ImGui::Selectable(nominal.c_str(), s.weights == llm::WeightSource::kDtype))
      s.weights = llm::WeightSource::kDtype;
    for (int i = 0; i < llm::kGgufRecipeCount; ++i) {
      const auto r = static_cast<llm::GgufRecipe>(i);
      if (ImGui::Selectable(gguf_label(r).c_str(), s.weights == llm::WeightSource::kGguf && s.gguf == r)) {
        s.weights = llm::WeightSource::kGguf;
        s.gguf = r;
      }
      if (ImGui::IsItemHovered()) layout::tooltip("%s", llm::gguf_recipe_rule(r));
    }
    ImGui::EndCombo();
  }
  note_item(f.app.ui, "llm.weights");
}

void draw_settings(LlmFrame& f) {
  LlmState& s = f.s;
  const float label_w = ImGui::GetFontSize() * 6;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Data type");
  ImGui::SameLine(label_w);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  if (ImGui::BeginCombo("##dtype", llm::dtype_name(s.dtype))) {
    for (llm::DType d : kDtypes)
      if (ImGui::Selectable(llm::dtype_name(d), d == s.dtype)) s.dtype = d;
    ImGui::EndCombo();
  }
  note_item(f.app.ui, "llm.dtype");
  const bool dtype_weights = s.weights == llm::WeightSource::kDtype;
  if (!dtype_weights) {
    // What the data type still sizes, beside it where it fits, else on hover.
    const char* hint = "for the KV cache";
    if (ImGui::IsItemHovered()) layout::tooltip("%s; the weights are sized by the Weights choice", hint);
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x >= ImGui::CalcTextSize(hint).x) ImGui::TextDisabled("%s", hint);
    else ImGui::NewLine();
  }
  if (dtype_weights && (s.dtype == llm::DType::kInt8 || s.dtype == llm::DType::kInt4)) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
    const I64 step = 32;
    ImGui::InputScalar("weights per scale", ImGuiDataType_S64, &s.quant_group, &step, nullptr, "%lld");
    s.quant_group = std::max<I64>(0, s.quant_group);
  }
  draw_weights_choice(f, label_w);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Context T");
  ImGui::SameLine(label_w);
  ImGui::SetNextItemWidth(-1);
  const I64 t_lo = 1, t_hi = I64{1} << 21;
  ImGui::SliderScalar("##context", ImGuiDataType_S64, &s.context, &t_lo, &t_hi, "T = %lld tokens",
                      ImGuiSliderFlags_Logarithmic);
  s.context = std::clamp<I64>(s.context, 1, I64{1} << 30);
  note_item(f.app.ui, "llm.context");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Batch B");
  ImGui::SameLine(label_w);
  ImGui::SetNextItemWidth(-1);
  const I64 b_lo = 1, b_hi = 1024;
  ImGui::SliderScalar("##batch", ImGuiDataType_S64, &s.batch, &b_lo, &b_hi, "B = %lld",
                      ImGuiSliderFlags_Logarithmic);
  s.batch = std::clamp<I64>(s.batch, 1, I64{1} << 24);
  note_item(f.app.ui, "llm.batch");
}

void draw_inference(LlmFrame& f) {
  const llm::LlmAnalysis& a = f.a;
  if (!begin_values("inference")) return;
  value_row(f, "Weights", llm::format_bytes(a.weights.value), a.weights.formula);  // sized as chosen above
  value_row(f, "KV cache per token", llm::format_bytes(a.kv.per_token.value), a.kv.per_token.formula);
  value_row(f, "KV cache at T, B", llm::format_bytes(a.kv.total.value), a.kv.total.formula);
  value_row(f, "Weights + KV cache", llm::format_bytes(a.weights_and_kv.value), a.weights_and_kv.formula);
  value_row(f, "FLOPs per token", human_flops(a.flops_per_token.value), a.flops_per_token.formula);
  ImGui::EndTable();
}

void draw_fit(LlmFrame& f) {
  LlmState& s = f.s;
  section(f, "Does it fit?");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Memory");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputDouble("GB##budget", &s.memory_budget_gb, 8, 80, "%.0f");
  s.memory_budget_gb = std::clamp(s.memory_budget_gb, 0.001, 1e9);
  note_item(f.app.ui, "llm.budget");
  layout::Row row;
  row.next(0);
  for (double gb : {24.0, 80.0, 141.0, 640.0}) {
    char label[24];
    std::snprintf(label, sizeof label, "%g##gb", gb);
    row.next(ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2);
    if (ImGui::SmallButton(label)) s.memory_budget_gb = gb;
  }
  int axis = static_cast<int>(s.fit_axis);
  const char* kByContext = "largest context at batch B";
  const char* kByBatch = "largest batch at context T";
  auto radio_w = [](const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
  };
  layout::Row radios;
  radios.next(radio_w(kByContext));
  ImGui::RadioButton(kByContext, &axis, static_cast<int>(llm::FitAxis::kContext));
  radios.next(radio_w(kByBatch));
  ImGui::RadioButton(kByBatch, &axis, static_cast<int>(llm::FitAxis::kBatch));
  s.fit_axis = static_cast<llm::FitAxis>(axis);
  const bool by_context = f.s.fit_axis == llm::FitAxis::kContext;
  const llm::FitResult& r = f.a.fit;
  char text[96];
  if (!r.weights_fit) std::snprintf(text, sizeof text, "No: the weights alone need %s",
                                    llm::format_bytes(r.weights.value).c_str());
  else if (r.largest == 0) std::snprintf(text, sizeof text, "Weights fit, but not one %s", by_context ? "token" : "sequence");
  else std::snprintf(text, sizeof text, "%s %s%s", llm::format_count(r.largest).c_str(),
                     by_context ? "tokens" : "sequences", r.capped ? "+" : "");
  ImGui::PushStyleColor(ImGuiCol_Text, r.largest > 0 ? palette::kGreen : palette::kVermillion);
  estimate_text(f, text, r.formula, true);
  ImGui::PopStyleColor();
  note_item(f.app.ui, "llm.fit");
  explain(by_context ? "The largest context one batch can hold next to the weights (activations and framework "
                       "overhead not included)."
                     : "The most sequences of T tokens that fit next to the weights (activations and framework "
                       "overhead not included).");
}

// [SECTION] plot

void draw_kv_plot(LlmFrame& f, ImVec2 size) {
  const llm::LlmAnalysis& a = f.a;
  const std::vector<llm::KvSample>& curve = a.kv_curve;
  const double x0 = a.kv_curve_x0, x1 = a.kv_curve_x1, y_max = a.kv_curve_y_max;
  const double weights_gb = a.weights.value / 1e9, budget = f.s.memory_budget_gb;
  const PlotArea p = begin_plot("llm.kv_plot", size, x0, x1, 0, y_max, "context T = 2^x tokens", nullptr);
  note_item(f.app.ui, "llm.kv_plot");
  push_clip(p);
  const int samples = static_cast<int>(curve.size());
  std::vector<ImVec2> total(curve.size()), kv_only(curve.size());
  for (int i = 0; i < samples; ++i) {
    total[i] = p.to_screen(curve[i].log2_context, curve[i].total_gb);
    kv_only[i] = p.to_screen(curve[i].log2_context, curve[i].kv_gb);
  }
  const float thick = 2.0f * f.app.scale;
  p.draw->AddPolyline(total.data(), samples, palette::kBlue, 0, thick);
  for (int i = 0; i + 1 < samples; i += 2)  // dashed: told apart by pattern as well as colour
    p.draw->AddLine(kv_only[i], kv_only[i + 1], palette::kOrange, thick);
  const ImVec2 wa = p.to_screen(x0, weights_gb), wb = p.to_screen(x1, weights_gb);
  p.draw->AddLine(wa, wb, palette::kGreen, 1.5f * f.app.scale);
  const ImVec2 ba = p.to_screen(x0, budget), bb = p.to_screen(x1, budget);
  for (float x = ba.x; x < bb.x; x += 10 * f.app.scale)  // dotted budget line
    p.draw->AddLine(ImVec2(x, ba.y), ImVec2(std::min(x + 4 * f.app.scale, bb.x), ba.y), palette::kVermillion, thick);
  const ImVec2 c = p.to_screen(a.at_context.log2_context, a.at_context.total_gb);
  p.draw->AddLine(ImVec2(c.x, p.min.y), ImVec2(c.x, p.max.y), palette::kMuted);
  p.draw->AddCircleFilled(c, 4.5f * f.app.scale, palette::kBlue);
  for (int e : {10, 13, 15, 17, 20, 23}) {  // 1K, 8K, 32K, 128K, 1M, 8M landmarks
    if (e > x1) break;
    const ImVec2 a = p.to_screen(e, y_max);
    const std::string label = context_label(I64{1} << e);
    p.draw->AddText(ImVec2(a.x + 3, a.y + 2), palette::kMuted, label.c_str());
  }
  pop_clip(p);
  if (p.hovered && samples > 1) {  // the sample nearest the pointer
    const double x = p.x_at(ImGui::GetIO().MousePos.x);
    const int i = std::clamp(static_cast<int>(std::lround((x - x0) / (x1 - x0) * (samples - 1))), 0, samples - 1);
    layout::tooltip("T = 2^%.2f tokens, B = %lld\nKV cache %.2f GB\nweights + KV %.2f GB (budget %.0f GB)",
                      curve[i].log2_context, static_cast<long long>(f.s.batch), curve[i].kv_gb, curve[i].total_gb,
                      budget);
  }
  // Legend: colour and line style.
  auto key = [&](ImU32 colour, const char* text, bool dashed) {
    const ImVec2 q = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight(), len = ImGui::GetFontSize() * 1.6f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (dashed) {
      for (float x = 0; x < len; x += 8) dl->AddLine(ImVec2(q.x + x, q.y + h / 2), ImVec2(q.x + std::min(x + 4, len), q.y + h / 2), colour, 2);
    } else {
      dl->AddLine(ImVec2(q.x, q.y + h / 2), ImVec2(q.x + len, q.y + h / 2), colour, 2);
    }
    ImGui::Dummy(ImVec2(len, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
    ImGui::SameLine(0, ImGui::GetFontSize());
  };
  char batch[48];
  std::snprintf(batch, sizeof batch, "weights + KV (B = %lld)", static_cast<long long>(f.s.batch));
  key(palette::kBlue, batch, false);
  key(palette::kOrange, "KV cache alone", true);
  key(palette::kGreen, "weights", false);
  key(palette::kVermillion, "memory budget", true);
  ImGui::NewLine();
}

// [SECTION] training

void draw_training_memory(LlmFrame& f) {
  section(f, "Training memory (Adam)");
  ImGui::Checkbox("Mixed precision (bf16 + fp32 master)", &f.s.mixed_precision);
  const llm::TrainingMemory& tm = f.a.training;
  if (!begin_values("training_memory")) return;
  const std::pair<const char*, const llm::Estimate*> rows[] = {
      {"Weights", &tm.weights}, {"Gradients", &tm.gradients}, {"Master weights", &tm.master_weights},
      {"Adam moments", &tm.optimizer}};
  const float bar_w = ImGui::GetFontSize() * 4;
  for (const auto& [label, e] : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(label);
    ImGui::TableNextColumn();
    const ImVec2 q = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    const float share = tm.total.value > 0 ? static_cast<float>(e->value / tm.total.value) : 0.0f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(q.x, q.y + h * 0.2f), ImVec2(q.x + bar_w * share, q.y + h * 0.8f),
                                              palette::kSky);
    ImGui::Dummy(ImVec2(bar_w, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(llm::format_bytes(e->value).c_str());
    formula_hint(f, e->formula);
  }
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushFont(f.app.fonts.strong);
  ImGui::TextUnformatted("Total (no activations)");
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(llm::format_bytes(tm.total.value).c_str());
  ImGui::PopFont();
  formula_hint(f, tm.total.formula);
  ImGui::EndTable();
}

void draw_training_compute(LlmFrame& f) {
  LlmState& s = f.s;
  section(f, "Training compute");
  const std::vector<llm::Accelerator>& accs = llm::default_accelerators();
  const llm::Accelerator* acc = &f.a.accelerator;
  const float label_w = ImGui::GetFontSize() * 7.5f;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Tokens D");
  ImGui::SameLine(label_w);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputDouble("##tokens", &s.training_tokens, 0, 0, "%.3g");
  s.training_tokens = std::clamp(s.training_tokens, 1.0, 1e18);
  note_item(f.app.ui, "llm.tokens");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Accelerator");
  ImGui::SameLine(label_w);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##acc", acc->name.c_str())) {
    for (const llm::Accelerator& a : accs) {
      char label[160];
      std::snprintf(label, sizeof label, "%s  (%g TFLOP/s, %g W, %g GB)", a.name.c_str(), a.bf16_tflops, a.watts,
                    a.memory_gb);
      if (ImGui::Selectable(label, a.id == acc->id)) s.accelerator = a.id;
      if (ImGui::IsItemHovered()) layout::tooltip("%s", a.source.c_str());
    }
    ImGui::EndCombo();
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Devices");
  ImGui::SameLine(label_w);
  ImGui::SetNextItemWidth(-1);
  const I64 one = 1, many = 1024;
  ImGui::InputScalar("##devices", ImGuiDataType_S64, &s.devices, &one, &many, "%lld");
  s.devices = std::clamp<I64>(s.devices, 1, I64{1} << 30);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Utilisation");
  ImGui::SameLine(label_w);
  ImGui::SetNextItemWidth(-1);
  float u = static_cast<float>(s.utilisation * 100);
  if (ImGui::SliderFloat("##mfu", &u, 1, 100, "%.0f %% of peak (MFU)")) s.utilisation = std::clamp(u / 100.0, 0.01, 1.0);

  const llm::Estimate& c = f.a.training_flops;
  const llm::RunCost& cost = f.a.cost;
  if (!begin_values("training_compute")) return;
  value_row(f, "Compute 6·N·D", human_flops(c.value), c.formula);
  value_row(f, "Time", human_duration(cost.seconds.value), cost.seconds.formula);
  value_row(f, "Energy", human_energy(cost.energy.value), cost.energy.formula);
  ImGui::EndTable();
}

}  // namespace

// [SECTION] tab

void draw_memory_tab(LlmFrame& f) {
  const float room_y = ImGui::GetContentRegionAvail().y;  // the tab's height (a block is as tall as its content)
  layout::Blocks blocks({{22.0f, 1.0f}, {24.0f, 1.35f}}, false);
  blocks.begin(0, "inference");
  section(f, "Inference");
  draw_settings(f);
  draw_inference(f);
  draw_fit(f);
  blocks.end();
  blocks.begin(1, "training");
  const float w = blocks.width(1);
  section(f, "Memory against context (GB)");
  const float h = blocks.stacked() ? layout::stacked_plot_height(w, 0.6f)
                                   : std::max(ImGui::GetFontSize() * 11, room_y * 0.42f);
  draw_kv_plot(f, ImVec2(w, h));
  layout::Blocks training({{17.0f}, {12.0f}}, false);  // 17 em: the mixed-precision box
  training.begin(0, "memory");
  draw_training_memory(f);
  training.end();
  training.begin(1, "compute");
  draw_training_compute(f);
  training.end();
  blocks.end();
}

}  // namespace lpp::llm_lab

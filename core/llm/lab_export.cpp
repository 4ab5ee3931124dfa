// Text exports of the LLM lab (see lab_export.hpp).
#include "llm/lab_export.hpp"

#include <cstdio>

namespace lpp::llm {
namespace {

using nlohmann::json;
using I64 = std::int64_t;

struct Row {
  std::string label;
  std::vector<I64> values;  // one per model
};

std::vector<Row> breakdown_rows(const std::vector<const LabModel*>& ms) {
  std::vector<Row> rows;
  for (int c = 0; c < kComponentCount; ++c) {
    Row r{component_name(static_cast<Component>(c)), {}};
    bool any = false;
    for (const LabModel* m : ms) {
      r.values.push_back(m->count.components[c]);
      any = any || m->count.components[c] != 0;
    }
    if (any) rows.push_back(r);
  }
  Row total{"total", {}}, active{"active per token", {}}, weights{"weights", {}}, biases{"biases", {}};
  Row with_extra{"total with extra modules", {}};
  bool extra = false;
  for (const LabModel* m : ms) {
    total.values.push_back(m->count.total);
    active.values.push_back(m->count.active);
    weights.values.push_back(m->count.weights);
    biases.values.push_back(m->count.biases);
    I64 sum = m->count.total;
    for (const ExtraModule& e : m->count.extra) sum += e.count;  // counted without overflow by resolve_lab_model
    with_extra.values.push_back(sum);
    extra = extra || !m->count.extra.empty();
  }
  rows.insert(rows.end(), {total, active, weights, biases});
  if (extra) rows.push_back(with_extra);
  return rows;
}

std::vector<const LabModel*> valid(const std::vector<LabModel>& models) {
  std::vector<const LabModel*> out;
  for (const LabModel& m : models)
    if (m.ok()) out.push_back(&m);
  return out;
}

std::string share(I64 part, I64 total) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f %%", total > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(total) : 0.0);
  return buf;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (char ch : s) out += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return out;
}

}  // namespace

std::string breakdown_markdown(const std::vector<LabModel>& models) {
  const std::vector<const LabModel*> ms = valid(models);
  if (ms.empty()) return "";
  const bool single = ms.size() == 1;
  std::string head = "| parameters |", rule = "|---|";
  for (const LabModel* m : ms) {
    head += " " + md_cell(lab_model_name(*m)) + " |";
    rule += "---:|";
  }
  if (single) {
    head += " share |";
    rule += "---:|";
  }
  std::string out = head + "\n" + rule + "\n";
  for (const Row& r : breakdown_rows(ms)) {
    out += "| " + r.label + " |";
    for (I64 v : r.values) out += " " + format_count(v) + " |";
    if (single) out += " " + (r.label == "active per token" || r.label == "total with extra modules"
                                  ? std::string()
                                  : share(r.values[0], ms[0]->count.total)) + " |";
    out += "\n";
  }
  return out;
}

std::string breakdown_csv(const std::vector<LabModel>& models) {
  const std::vector<const LabModel*> ms = valid(models);
  if (ms.empty()) return "";
  std::string out = "parameters";
  for (const LabModel* m : ms) out += "," + csv_field(lab_model_name(*m));
  out += "\n";
  for (const Row& r : breakdown_rows(ms)) {
    out += csv_field(r.label);
    for (I64 v : r.values) out += "," + std::to_string(v);
    out += "\n";
  }
  return out;
}

std::string lab_model_text(std::string_view preset_id, std::string_view config_text, const json& overrides,
                           const LabModel& model) {
  if (overrides.is_object() && !overrides.empty()) {
    json j = {{"name", lab_model_name(model) + " (what-if)"}, {"architecture", architecture_to_json(model.arch)}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  return std::string(config_text.empty() ? preset_id : config_text);
}

std::string reports_json(const std::vector<std::string>& texts, const JsonOptions& options) {
  if (texts.size() == 1) return count_json(texts[0], options);
  try {
    json all = json::array();
    for (const std::string& t : texts) all.push_back(count_report(t, options));
    return all.dump(options.indent, ' ', false, json::error_handler_t::replace);
  } catch (const std::exception& e) {  // as count_json: one JSON value, never a throw
    return json{{"error", std::string("internal error: ") + e.what()}}.dump();
  }
}

}  // namespace lpp::llm

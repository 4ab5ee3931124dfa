// paramcount: exact parameter count of a Hugging Face config.json, a preset id or stdin, as a readable table or
// (--json) the same object the page's JS API returns. A thin front end: all numbers come from count_report.
// Exit status: 0 counted, 2 invalid input or usage.
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "llm/count_json.hpp"
#include "llm/estimates.hpp"
#include "llm/deploy.hpp"
#include "llm/json_guard.hpp"
#include "llm/lora.hpp"
#include "llm/presets.hpp"

namespace {

using nlohmann::json;
using lpp::llm::format_count;

constexpr int kExitInvalid = 2;

const char kUsage[] =
    "usage: paramcount CONFIG.json|PRESET-ID|- [--json] [--tensors] [--dtype bf16] [--context N] [--batch B]\n"
    "                  [--tokens D [--accelerator h100-sxm] [--utilisation 0.4] [--devices N]]\n"
    "                  [--tp N] [--pp N] [--ep N] [--kv-dtype bf16] [--kv-engine exact] [--kv-shared-layers N]\n"
    "                  [--budget-gb G]\n"
    "                  [--lora-rank R [--lora-alpha A] [--lora-targets q_proj,v_proj] [--lora-save lm_head]\n"
    "                   [--lora-no-experts]]\n"
    "       paramcount --list\n"
    "Counts the unique trainable parameters of the model a Hugging Face config.json describes.\n"
    "  --json       print one JSON object (model_type, total, active, stored_elements, stored_bytes, ...)\n"
    "  --tensors    include the per-tensor inventory, each tensor as the checkpoint stores it\n"
    "  --dtype D    fp32, bf16, fp16, fp8, int8 or int4 for the memory estimates (default bf16)\n"
    "  --context N  tokens per sequence for the KV cache and attention FLOPs (default 4096)\n"
    "  --batch B    sequences for the KV cache (default 1)\n"
    "  --tokens D   training tokens: adds 6·N_active·D, time and energy on --devices of --accelerator\n"
    "  --tp/--pp/--ep N  tensor, pipeline and expert parallel degrees: weights and cache per device\n"
    "  --kv-dtype D      KV cache dtype apart from the weights: fp32, bf16, fp16, fp8, q8_0, q4_0\n"
    "  --kv-engine E     exact (the lower bound), paged-full, paged-window (vLLM) or llama.cpp\n"
    "  --kv-shared-layers N  attention layers reusing an earlier layer's KV (cross-layer sharing)\n"
    "  --budget-gb G     memory per device for the largest context and batch (default: 90% of --accelerator)\n"
    "  --lora-rank R     adds LoRA: trainable parameters per module, adapter size, full/LoRA/QLoRA memory\n"
    "  --lora-targets L  module names (the model's own, e.g. q_proj,v_proj) or all-linear\n"
    "  --list       list the model_types counted exactly, the built-in presets and accelerators\n";

int fail(const std::string& message) {
  std::cerr << "paramcount: " << message << "\n";
  return kExitInvalid;
}

bool parse_positive_number(const std::string& s, double* out) {
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size() && *out > 0 && std::isfinite(*out);
}

bool parse_positive(const std::string& s, std::int64_t* out) {
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, *out);
  return ec == std::errc() && p == end && *out > 0;
}

// Reads at most kMaxJsonBytes + 1 bytes, so an endless stream cannot exhaust memory; the core reports the size.
bool read_limited(std::istream& in, std::string* out) {
  out->clear();
  char buf[65536];
  while (in && out->size() <= lpp::llm::kMaxJsonBytes) {
    in.read(buf, sizeof buf);
    out->append(buf, static_cast<std::size_t>(in.gcount()));
  }
  return !in.bad();
}

std::string human(std::int64_t n) {
  const double v = static_cast<double>(n);
  char buf[32];
  if (v >= 1e12) std::snprintf(buf, sizeof buf, "%.2f T", v / 1e12);
  else if (v >= 1e9) std::snprintf(buf, sizeof buf, "%.2f B", v / 1e9);
  else if (v >= 1e6) std::snprintf(buf, sizeof buf, "%.2f M", v / 1e6);
  else if (v >= 1e3) std::snprintf(buf, sizeof buf, "%.2f K", v / 1e3);
  else std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

void row(const std::string& label, std::int64_t n) {
  std::printf("  %-22s %26s  %10s\n", label.c_str(), format_count(n).c_str(), human(n).c_str());
}

void print_table(const json& r, bool tensors) {
  std::printf("%s", r.contains("name") ? (r["name"].get<std::string>() + "  ").c_str() : "");
  std::printf("[model_type %s]%s\n", r["model_type"].get<std::string>().c_str(),
              r["best_effort"].get<bool>() ? "  BEST-EFFORT COUNT (unsupported model_type)" : "");
  for (const json& a : r["assumptions"]) std::printf("  assumed: %s\n", a.get<std::string>().c_str());
  for (const json& n : r["notes"]) std::printf("  note: %s\n", n.get<std::string>().c_str());
  if (r.contains("caveats")) std::printf("  caveats: %s\n", r["caveats"].get<std::string>().c_str());
  if (!r["provenance"].empty()) {
    std::printf("\n read from the config\n");
    for (const json& p : r["provenance"])
      std::printf("  %-34s %-14s %s\n", p["key"].get<std::string>().c_str(), p["value"].get<std::string>().c_str(),
                  p.contains("rule") ? p["rule"].get<std::string>().c_str() : "");
  }
  if (!r["ignored_keys"].empty()) {
    std::string keys;
    for (const json& k : r["ignored_keys"]) keys += (keys.empty() ? "" : ", ") + k.get<std::string>();
    std::printf("  ignored (present, not read by this family): %s\n", keys.c_str());
  }
  std::printf("\n");
  row("total", r["total"]);
  row("active per token", r["active"]);
  row("weights", r["weights"]);
  row("biases", r["biases"]);
  std::printf("\n components\n");
  for (const auto& [k, v] : r["components"].items())
    if (v.get<std::int64_t>() > 0) row(k, v);
  for (const json& e : r["extra_modules"]) {
    std::printf("\n extra module %s: %s\n", e["name"].get<std::string>().c_str(),
                e["description"].get<std::string>().c_str());
    row(e["name"].get<std::string>(), e["count"]);
    row("total with extra", r["total_with_extra"]);
  }
  const json& st = r["storage"];
  std::printf("\n checkpoint (%s; %s)\n", st.contains("label") ? st["label"].get<std::string>().c_str() : "unquantized",
              st["dtype_source"].get<std::string>().c_str());
  if (st.contains("errors")) {
    for (const json& e : st["errors"]) std::printf("  cannot lay out: %s\n", e.get<std::string>().c_str());
  } else {
    row("parameters stored", st["parameters_stored"]);
    row("stored elements", st["elements"]);
    std::printf("  %-22s %26s  %10s\n", "stored bytes", format_count(st["bytes"].get<std::int64_t>()).c_str(),
                lpp::llm::format_bytes(st["bytes"].get<double>()).c_str());
    std::printf("  why: %s\n", st["why"].get<std::string>().c_str());
    for (const json& n : st["notes"]) std::printf("  note: %s\n", n.get<std::string>().c_str());
  }
  if (!r["gguf"].empty()) {
    std::printf("\n GGUF (llama.cpp recipes, tensor data without the header)\n");
    for (const json& g : r["gguf"])
      std::printf("  %-8s %10s  %5.2f bits/weight  %s\n", g["recipe"].get<std::string>().c_str(),
                  lpp::llm::format_bytes(g["bytes"].get<double>()).c_str(), g["bits_per_weight"].get<double>(),
                  g["rule"].get<std::string>().c_str());
  }
  const json& est = r["estimates"];
  std::printf("\n estimates (%s, context %lld, batch %lld)\n", est["dtype"].get<std::string>().c_str(),
              static_cast<long long>(est["context"].get<std::int64_t>()),
              static_cast<long long>(est["batch"].get<std::int64_t>()));
  for (const char* k : {"weight_bytes", "weight_bytes_with_extra", "stored_weight_bytes", "kv_cache_per_token",
                        "kv_cache", "flops_per_token"})
    if (est.contains(k)) std::printf("  %-22s %s\n", k, est[k]["formula"].get<std::string>().c_str());
  std::printf("  %-22s %s\n", "training_memory", est["training_memory"]["total"]["formula"].get<std::string>().c_str());
  const json& dep = r["deploy"];
  std::printf("\n deploy (%s cache, %s, tp %lld, pp %lld, ep %lld: %lld devices; weights %s)\n",
              dep["kv_dtype"].get<std::string>().c_str(), dep["engine"].get<std::string>().c_str(),
              static_cast<long long>(dep["tp"].get<std::int64_t>()), static_cast<long long>(dep["pp"].get<std::int64_t>()),
              static_cast<long long>(dep["ep"].get<std::int64_t>()),
              static_cast<long long>(dep["devices"].get<std::int64_t>()), dep["weights_source"].get<std::string>().c_str());
  for (const char* k : {"full_attention", "window", "window_exact", "states", "total"})
    if (dep["cache"][k]["value"].get<double>() > 0 || std::string(k) == "total") std::printf("  cache %-16s %s\n", k, dep["cache"][k]["formula"].get<std::string>().c_str());
  for (const char* k : {"weights", "kv_per_sequence", "total"})
    std::printf("  device %-15s %s\n", k, dep["placement"][k]["formula"].get<std::string>().c_str());
  for (const char* k : {"max_context", "max_batch"})
    std::printf("  fit %-18s %s\n", k, dep["fit"][k]["formula"].get<std::string>().c_str());
  for (const char* k : {"decode", "prefill"})
    std::printf("  %-22s %s\n", k, dep["throughput"][k]["formula"].get<std::string>().c_str());
  for (const json& n : dep["notes"]) std::printf("  note: %s\n", n.get<std::string>().c_str());
  if (r.contains("lora")) {
    const json& l = r["lora"];
    std::printf("\n LoRA r=%lld, alpha %g\n", static_cast<long long>(l["rank"].get<std::int64_t>()),
                l["alpha"].get<double>());
    for (const json& m : l["modules"])
      std::printf("  %-20s x%-6lld [%lld -> %lld]  %s\n", m["name"].get<std::string>().c_str(),
                  static_cast<long long>(m["instances"].get<std::int64_t>()),
                  static_cast<long long>(m["in"].get<std::int64_t>()), static_cast<long long>(m["out"].get<std::int64_t>()),
                  format_count(m["params"].get<std::int64_t>()).c_str());
    std::printf("  trainable params: %s || all params: %s || trainable%%: %.4f\n",
                format_count(l["trainable"].get<std::int64_t>()).c_str(),
                format_count(l["all_params"].get<std::int64_t>()).c_str(), l["trainable_percent"].get<double>());
    std::printf("  %-22s %s\n", "adapter", l["adapter_bytes"]["formula"].get<std::string>().c_str());
    for (const char* k : {"full", "lora", "qlora"})
      std::printf("  memory %-15s %s\n", k, l["memory"][k]["formula"].get<std::string>().c_str());
    for (const json& n : l["notes"]) std::printf("  note: %s\n", n.get<std::string>().c_str());
  }
  if (r.contains("training")) {
    const json& t = r["training"];
    std::printf("\n training\n");
    for (const char* k : {"compute", "time", "energy"})
      std::printf("  %-22s %s\n", k, t[k]["formula"].get<std::string>().c_str());
  }
  if (!tensors) return;
  std::printf("\n tensors\n");
  for (const json& t : r["tensors"]) {
    std::string shape;
    for (const json& d : t["shape"]) shape += (shape.empty() ? "" : " x ") + format_count(d.get<std::int64_t>());
    std::string where = t.contains("layers") ? " {i}=" + t["layers"].get<std::string>() : "";
    if (t.contains("experts")) where += " {e}=0-" + std::to_string(t["experts"].get<std::int64_t>() - 1);
    std::printf("  %-58s [%s]%s  %s\n", t["name"].get<std::string>().c_str(), shape.c_str(), where.c_str(),
                format_count(t["count"].get<std::int64_t>()).c_str());
    if (!t.contains("storage")) continue;
    for (const json& row : t["storage"]) {
      if (!row["quantized"].get<bool>() && row["stored"].size() == 1 && row["stored"][0]["name"] == t["name"]) {
        std::printf("      as %s, %s B\n", row["stored"][0]["dtype"].get<std::string>().c_str(),
                    format_count(row["bytes"].get<std::int64_t>()).c_str());
        continue;
      }
      std::printf("      %s%s: %s elements, %s B\n", row["quantized"].get<bool>() ? "stored" : "kept",
                  row.contains("layers") ? (" {i}=" + row["layers"].get<std::string>()).c_str() : "",
                  format_count(row["elements"].get<std::int64_t>()).c_str(),
                  format_count(row["bytes"].get<std::int64_t>()).c_str());
      for (const json& p : row["stored"]) {
        std::string dims;
        for (const json& d : p["shape"]) dims += (dims.empty() ? "" : " x ") + format_count(d.get<std::int64_t>());
        std::printf("        %-56s %-7s [%s]\n", p["name"].get<std::string>().c_str(),
                    p["dtype"].get<std::string>().c_str(), dims.c_str());
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  lpp::llm::JsonOptions options;
  bool as_json = false;
  std::string input;
  bool have_input = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--json") {
      as_json = true;
    } else if (arg == "--tensors") {
      options.tensors = true;
    } else if (arg == "--dtype") {
      const char* v = value();
      if (!v) return fail("--dtype needs a value (fp32, bf16, fp16, fp8, int8, int4)");
      options.dtype = v;
    } else if (arg == "--context" || arg == "--batch") {
      const char* v = value();
      std::int64_t n = 0;
      if (!v || !parse_positive(v, &n)) return fail(arg + " needs a positive integer");
      (arg == "--context" ? options.context : options.batch) = n;
    } else if (arg == "--tokens" || arg == "--utilisation") {
      const char* v = value();
      double x = 0;
      if (!v || !parse_positive_number(v, &x)) return fail(arg + " needs a positive number");
      (arg == "--tokens" ? options.training_tokens : options.utilisation) = x;
    } else if (arg == "--devices") {
      const char* v = value();
      if (!v || !parse_positive(v, &options.devices)) return fail("--devices needs a positive integer");
    } else if (arg == "--tp" || arg == "--pp" || arg == "--ep" || arg == "--lora-rank") {
      const char* v = value();
      std::int64_t n = 0;
      if (!v || !parse_positive(v, &n)) return fail(arg + " needs a positive integer");
      (arg == "--tp" ? options.tp : arg == "--pp" ? options.pp : arg == "--ep" ? options.ep : options.lora_rank) = n;
    } else if (arg == "--kv-shared-layers") {
      const char* v = value();
      const bool ok = v && (std::string(v) == "0" || parse_positive(v, &options.kv_shared_layers));
      if (!ok) return fail("--kv-shared-layers needs a whole number of layers");
    } else if (arg == "--budget-gb" || arg == "--lora-alpha") {
      const char* v = value();
      double x = 0;
      if (!v || !parse_positive_number(v, &x)) return fail(arg + " needs a positive number");
      (arg == "--budget-gb" ? options.budget_gb : options.lora_alpha) = x;
    } else if (arg == "--kv-dtype") {
      const char* v = value();
      lpp::llm::KvDType d;
      if (!v || !lpp::llm::parse_kv_dtype(v, &d)) return fail("--kv-dtype needs one of fp32, bf16, fp16, fp8, q8_0, q4_0");
      options.kv_dtype = v;
    } else if (arg == "--kv-engine") {
      const char* v = value();
      lpp::llm::KvEngine e;
      if (!v || !lpp::llm::parse_kv_engine(v, &e))
        return fail("--kv-engine needs one of exact, paged-full, paged-window, llama.cpp");
      options.kv_engine = v;
    } else if (arg == "--lora-targets" || arg == "--lora-save") {
      const char* v = value();
      if (!v) return fail(arg + " needs a comma-separated list of module names");
      std::vector<std::string> errors;
      lpp::llm::parse_lora_targets(v, &errors);
      if (!errors.empty()) return fail(arg + ": " + errors[0]);
      (arg == "--lora-targets" ? options.lora_targets : options.lora_save) = v;
    } else if (arg == "--lora-no-experts") {
      options.lora_experts = false;
    } else if (arg == "--accelerator") {
      const char* v = value();
      if (!v) return fail("--accelerator needs an id (paramcount --list shows them)");
      options.accelerator = v;
    } else if (arg == "--list") {
      std::string families;
      for (const std::string& t : lpp::llm::supported_model_types()) families += (families.empty() ? "" : " ") + t;
      std::string wrappers;
      for (const std::string& t : lpp::llm::wrapper_model_types()) wrappers += (wrappers.empty() ? "" : " ") + t;
      std::printf("model_types counted exactly:\n  %s\nwrappers (their text_config is counted):\n  %s\n"
                  "any other model_type with Llama-like keys: a best-effort count that says so\n\npresets:\n",
                  families.c_str(), wrappers.c_str());
      for (const lpp::llm::PresetInfo& p : lpp::llm::list_presets())
        std::printf("%-16s %s%s\n", p.id.c_str(), p.name.c_str(), p.unverified ? "  (unverified)" : "");
      std::printf("\naccelerators:\n");
      for (const lpp::llm::Accelerator& a : lpp::llm::default_accelerators())
        std::printf("%-16s %s: %g dense bf16 TFLOP/s, %g W, %g GB\n", a.id.c_str(), a.name.c_str(), a.bf16_tflops,
                    a.watts, a.memory_gb);
      return 0;
    } else if (arg == "--help" || arg == "-h") {
      std::printf("%s", kUsage);
      return 0;
    } else if (!have_input && (arg == "-" || arg.empty() || arg[0] != '-')) {
      input = arg;
      have_input = true;
    } else {
      std::cerr << kUsage;
      return fail("unexpected argument \"" + arg + "\"");
    }
  }
  if (!have_input) {
    std::cerr << kUsage;
    return fail("missing CONFIG.json, PRESET-ID or -");
  }

  std::string text;
  if (input == "-") {
    if (!read_limited(std::cin, &text)) return fail("cannot read standard input");
  } else if (std::ifstream file(input, std::ios::binary); file) {
    if (!read_limited(file, &text)) return fail("cannot read " + input);
  } else if (!lpp::llm::preset_text(input).empty()) {
    text = input;  // count_report resolves preset ids
  } else {
    return fail("no such file or preset: " + input + " (paramcount --list shows the presets)");
  }
  if (text.size() > lpp::llm::kMaxJsonBytes)
    return fail("input is larger than " + std::to_string(lpp::llm::kMaxJsonBytes) +
                " bytes; a config.json is a few KB");

  const json report = lpp::llm::count_report(text, options);
  if (report.contains("error")) {
    if (as_json) std::printf("%s\n", report.dump(-1, ' ', false, json::error_handler_t::replace).c_str());
    return fail(report["error"].get<std::string>());
  }
  if (as_json) {
    std::printf("%s\n", report.dump(-1, ' ', false, json::error_handler_t::replace).c_str());
  } else {
    print_table(report, options.tensors);
  }
  return 0;
}

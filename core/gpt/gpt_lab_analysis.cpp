// The Tiny GPT lab's figures and their formulas. See gpt_lab_analysis.hpp.
#include "gpt/gpt_lab_analysis.hpp"

#include <cmath>
#include <cstdio>

#include "gpt/gpt_export.hpp"
#include "llm/estimates.hpp"
#include "llm/hf_import.hpp"
#include "llm/param_count.hpp"

namespace lpp::gpt {
namespace {

template <typename... A>
std::string fmt(const char* f, A... a) {
  char buf[512];
  std::snprintf(buf, sizeof buf, f, a...);
  return buf;
}

std::string count(std::int64_t n) { return llm::format_count(n); }

Figure bits_of(const Figure& nats, const char* what) {
  const double b = nats.value / std::log(2.0);
  return {b, fmt("%s bits per byte = loss / ln 2 = %.4f / %.4f = %.4f", what, nats.value, std::log(2.0), b)};
}

}  // namespace

double unigram_cross_entropy(const TextData& d) {
  std::vector<double> counts(static_cast<std::size_t>(d.vocab()), 1.0);   // add-one, so no byte has p = 0
  for (int t : d.train) counts[static_cast<std::size_t>(t)] += 1;
  const double total = static_cast<double>(d.train.size()) + d.vocab();
  double h = 0;
  for (int t : d.validation) h -= std::log(counts[static_cast<std::size_t>(t)] / total);
  return d.validation.empty() ? 0 : h / static_cast<double>(d.validation.size());
}

GptModelAnalysis analyse_gpt_model(const GptConfig& c, const TextData& text) {
  GptModelAnalysis a;
  const ExportedConfig e = export_config(c);
  a.family = e.family;
  a.config_json = e.json;
  const llm::ImportResult r = llm::import_model_text(e.json);
  if (r.ok()) {
    const llm::ParamCount pc = llm::count_parameters(r.arch);
    a.engine_params.value = pc.total;
    std::string sum;
    for (int i = 0; i < llm::kComponentCount; ++i) {
      if (pc.components[static_cast<std::size_t>(i)] == 0) continue;
      sum += std::string(sum.empty() ? "" : " + ") + llm::component_name(static_cast<llm::Component>(i)) + " " +
             count(pc.components[static_cast<std::size_t>(i)]);
    }
    a.engine_params.formula = "N (the LLM engine, reading the exported " +
                              (e.family.empty() ? std::string("explicit architecture") : e.family + " config.json") +
                              ") = " + sum + " = " + count(pc.total);
  } else {
    a.engine_params.value = -1;
    a.engine_params.formula = "the LLM engine could not read the exported config: " +
                              (r.errors.empty() ? std::string("no reason given") : r.errors.front());
  }

  const Layout lay = make_layout(c);
  std::string sum;
  for (const Tensor& t : lay.tensors) {
    TensorRow row;
    row.name = t.name;
    for (std::size_t i = 0; i < t.shape.size(); ++i) row.shape += (i ? ", " : "[") + std::to_string(t.shape[i]);
    row.shape += "]";
    row.count = t.size();
    a.tensors.push_back(row);
  }
  a.trainer_params.value = lay.total;
  a.trainer_params.formula = "P (floats the trainer allocates) = the sum of its " + std::to_string(lay.tensors.size()) +
                             " tensors = " + count(lay.total);

  // Training FLOPs per token (Chowdhery et al. 2022, PaLM, appendix B): 6·N for the forward and backward matrix
  // products over every parameter, plus 12·L·T·C for the attention scores QKᵀ and the weighted sum A·V (forward
  // 2·2·T·C per layer, backward twice that), with the full T×T square counted as PaLM does, the causal half not
  // subtracted. N includes the embeddings: the tied head is a V×C product; an untied input table is only looked up,
  // so 6·N overstates it by 6·V·C there.
  const double N = static_cast<double>(lay.total), L = c.layers, T = c.context, C = c.width;
  const double f = 6 * N + 12 * L * T * C;
  a.flops_per_token = {f, fmt("6·N + 12·L·T·C = 6·%s + 12·%d·%d·%d = %s FLOP per token", count(lay.total).c_str(),
                              c.layers, c.context, c.width, count(static_cast<std::int64_t>(f)).c_str())};

  const double lnv = std::log(static_cast<double>(c.vocab));
  a.uniform_loss = {lnv, fmt("ln V = ln %d = %.4f nats per byte (every byte equally likely)", c.vocab, lnv)};
  const double uni = unigram_cross_entropy(text);
  a.unigram_loss = {uni, fmt("−(1/n)·Σ ln p(byte), p from the training bytes' frequencies, over the %zu validation "
                             "bytes = %.4f nats (%.4f bits) per byte",
                             text.validation.size(), uni, uni / std::log(2.0))};
  return a;
}

GptProgressAnalysis analyse_gpt_progress(const GptModelAnalysis& m, const std::vector<LossPoint>& history,
                                         std::int64_t tokens_seen) {
  GptProgressAnalysis p;
  p.tokens_seen = {static_cast<double>(tokens_seen), "D = steps · B · T = " + count(tokens_seen) + " bytes"};
  if (!history.empty()) {
    const LossPoint& last = history.back();
    p.train_loss = {last.train, fmt("mean batch cross-entropy since the previous point = %.4f nats per byte", last.train)};
    p.validation_loss = {last.validation,
                         fmt("cross-entropy on fixed validation windows = %.4f nats per byte", last.validation)};
  } else {
    p.train_loss = p.validation_loss = {m.uniform_loss.value, "not trained yet: " + m.uniform_loss.formula};
  }
  p.train_bits = bits_of(p.train_loss, "train:");
  p.validation_bits = bits_of(p.validation_loss, "validation:");
  const double total = m.flops_per_token.value * static_cast<double>(tokens_seen);
  p.training_flops = {total, fmt("(6·N + 12·L·T·C) · D = %s · %s = %.3g FLOP",
                                 count(static_cast<std::int64_t>(m.flops_per_token.value)).c_str(),
                                 count(tokens_seen).c_str(), total)};
  return p;
}

}  // namespace lpp::gpt

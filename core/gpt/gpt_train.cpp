// The tiny GPT's schedule, AdamW, batches, validation and sampling (equations in gpt_train.hpp).
#include "gpt/gpt_train.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "nn/draws.hpp"

namespace lpp::gpt {

bool operator==(const TrainConfig& a, const TrainConfig& b) {
  return a.batch == b.batch && a.learning_rate == b.learning_rate && a.warmup_steps == b.warmup_steps &&
         a.decay_steps == b.decay_steps && a.min_lr_ratio == b.min_lr_ratio && a.weight_decay == b.weight_decay &&
         a.beta1 == b.beta1 && a.beta2 == b.beta2 && a.epsilon == b.epsilon && a.clip == b.clip;
}

double learning_rate_at(const TrainConfig& c, long step) {
  const double top = c.learning_rate, bottom = c.learning_rate * c.min_lr_ratio;
  if (step < c.warmup_steps) return top * static_cast<double>(step + 1) / c.warmup_steps;
  if (step >= c.decay_steps) return bottom;
  const double progress = static_cast<double>(step - c.warmup_steps) / std::max(1, c.decay_steps - c.warmup_steps);
  return bottom + 0.5 * (top - bottom) * (1.0 + std::cos(3.141592653589793 * progress));
}

void adam_reset(AdamState& s, Eigen::Index params) {
  s.m.setZero(params);
  s.v.setZero(params);
  s.step = 0;
}

double adamw_step(const TrainConfig& c, Model<float>& model, AdamState& state, Vec<float>& grad) {
  const double norm = std::sqrt(grad.cast<double>().squaredNorm());
  if (c.clip > 0 && norm > c.clip) grad *= static_cast<float>(c.clip / norm);
  const double lr = learning_rate_at(c, state.step);
  ++state.step;
  const float b1 = static_cast<float>(c.beta1), b2 = static_cast<float>(c.beta2);
  const float correction1 = static_cast<float>(1.0 - std::pow(c.beta1, static_cast<double>(state.step)));
  const float correction2 = static_cast<float>(1.0 - std::pow(c.beta2, static_cast<double>(state.step)));
  const float eta = static_cast<float>(lr), eps = static_cast<float>(c.epsilon);
  for (const Tensor& t : model.layout.tensors) {
    const float decay = t.matrix() ? static_cast<float>(lr * c.weight_decay) : 0.0f;
    float* p = model.params.data() + t.offset;
    float* m = state.m.data() + t.offset;
    float* v = state.v.data() + t.offset;
    const float* g = grad.data() + t.offset;
    for (Eigen::Index i = 0; i < t.size(); ++i) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      const float m_hat = m[i] / correction1, v_hat = v[i] / correction2;
      p[i] -= eta * m_hat / (std::sqrt(v_hat) + eps) + decay * p[i];
    }
  }
  return norm;
}

Batch draw_batch(const std::vector<int>& data, int batch, int length, std::mt19937_64& rng) {
  assert(data.size() > static_cast<std::size_t>(length) && "validated: the text is longer than the context");
  Batch b;
  b.batch = batch;
  b.length = length;
  b.inputs.resize(static_cast<std::size_t>(batch) * length);
  b.targets.resize(b.inputs.size());
  const std::uint64_t starts = data.size() - static_cast<std::size_t>(length);   // start ∈ [0, size − T − 1]
  for (int i = 0; i < batch; ++i) {
    const std::size_t start = static_cast<std::size_t>(rng() % starts);
    for (int t = 0; t < length; ++t) {
      b.inputs[static_cast<std::size_t>(i) * length + t] = data[start + t];
      b.targets[static_cast<std::size_t>(i) * length + t] = data[start + t + 1];
    }
  }
  return b;
}

StepStats train_step(Model<float>& model, AdamState& state, const TrainConfig& c, const std::vector<int>& data,
                     std::mt19937_64& rng, StepScratch& scratch) {
  const int length = model.config.context;
  const Batch b = draw_batch(data, c.batch, length, rng);
  forward(model, b.inputs, b.batch, b.length, scratch.cache);
  StepStats s;
  s.learning_rate = learning_rate_at(c, state.step);
  s.loss = backward(model, scratch.cache, b.targets, scratch.grad);
  s.grad_norm = adamw_step(c, model, state, scratch.grad);
  s.tokens = static_cast<std::int64_t>(b.inputs.size());
  return s;
}

double evaluate(const Model<float>& model, const std::vector<int>& data, int windows) {
  const int length = std::min<int>(model.config.context, static_cast<int>(data.size()) - 1);
  if (length < 1 || windows < 1) return 0;
  const std::size_t room = data.size() - static_cast<std::size_t>(length);   // starts ∈ [0, room − 1]
  const int count = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(windows), room));
  Batch b;
  b.batch = count;
  b.length = length;
  for (int i = 0; i < count; ++i) {
    const std::size_t start = count > 1 ? (room - 1) * static_cast<std::size_t>(i) / (count - 1) : 0;
    for (int t = 0; t < length; ++t) {
      b.inputs.push_back(data[start + t]);
      b.targets.push_back(data[start + t + 1]);
    }
  }
  Cache<float> cache;
  forward(model, b.inputs, b.batch, b.length, cache);
  return cross_entropy(cache, b.targets);
}

std::vector<int> sample(const Model<float>& model, const std::vector<int>& prompt, int count, double temperature,
                        std::mt19937_64& rng) {
  std::vector<int> text = prompt.empty() ? std::vector<int>{0} : prompt;
  std::vector<int> out;
  Cache<float> cache;
  Vec<double> p;
  for (int i = 0; i < count; ++i) {
    const std::size_t length = std::min<std::size_t>(text.size(), static_cast<std::size_t>(model.config.context));
    const std::vector<int> window(text.end() - static_cast<std::ptrdiff_t>(length), text.end());
    forward(model, window, 1, static_cast<int>(length), cache);
    const Vec<double> z = cache.logits.col(cache.logits.cols() - 1).cast<double>();
    int next = 0;
    if (temperature <= 0) {
      z.maxCoeff(&next);
    } else {
      // p_v = exp((z_v − max z)/τ) / Σ; the draw inverts the cumulative sum at a uniform u
      p = ((z.array() - z.maxCoeff()) / temperature).exp();
      double u = draw_uniform01(rng) * p.sum();
      next = static_cast<int>(p.size()) - 1;
      for (Eigen::Index v = 0; v < p.size(); ++v) {
        if ((u -= p(v)) < 0) {
          next = static_cast<int>(v);
          break;
        }
      }
    }
    text.push_back(next);
    out.push_back(next);
  }
  return out;
}

std::vector<std::vector<Mat<float>>> attention_maps(const Model<float>& model, const std::vector<int>& tokens) {
  std::vector<std::vector<Mat<float>>> maps;
  if (tokens.empty()) return maps;
  const std::size_t length = std::min<std::size_t>(tokens.size(), static_cast<std::size_t>(model.config.context));
  const std::vector<int> window(tokens.end() - static_cast<std::ptrdiff_t>(length), tokens.end());
  Cache<float> cache;
  forward(model, window, 1, static_cast<int>(length), cache);
  for (LayerCache<float>& lc : cache.layers) maps.push_back(std::move(lc.probs));
  return maps;
}

}  // namespace lpp::gpt

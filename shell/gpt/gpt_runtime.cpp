// The Tiny GPT lab's frame work: keeping the run in step with the spec, the training budget, the loss curve, the
// sample grown a few bytes per frame. See gpt_runtime.hpp.
#include "gpt/gpt_runtime.hpp"

#include <chrono>
#include <cmath>

#include "app.hpp"

namespace lpp {
namespace {

using Clock = std::chrono::steady_clock;

constexpr double kTrainBudgetSeconds = 0.006;   // of a 16 ms frame: the rest draws the UI
constexpr double kSampleBudgetSeconds = 0.002;
constexpr double kSampleEverySeconds = 3;       // a new sample this often while training
constexpr int kSampleBytes = 160;

double now_seconds() { return std::chrono::duration<double>(Clock::now().time_since_epoch()).count(); }

void start_sample(GptRuntime& rt) {
  rt.sample_tokens = rt.text.encode(rt.spec.prompt);
  rt.sample_growing = rt.spec.prompt;
  rt.sample_rng.seed(rt.spec.seed ^ (0x9e3779b97f4a7c15ULL * ++rt.samples_made));
  rt.sampling = true;
}

// Appends bytes to the growing sample for the budget; finished at kSampleBytes new bytes.
void grow_sample(GptRuntime& rt, double budget) {
  const Clock::time_point t0 = Clock::now();
  const std::size_t prompt_tokens = rt.text.encode(rt.spec.prompt).size();
  while (rt.sampling) {
    const std::vector<int> next = gpt::sample(rt.model, rt.sample_tokens, 4, rt.spec.temperature, rt.sample_rng);
    rt.sample_tokens.insert(rt.sample_tokens.end(), next.begin(), next.end());
    rt.sample_growing += rt.text.decode(next);
    if (rt.sample_tokens.size() >= prompt_tokens + kSampleBytes) {
      rt.sample = rt.sample_growing;
      rt.sampling = false;
    }
    if (std::chrono::duration<double>(Clock::now() - t0).count() > budget) break;
  }
}

void record_step(GptRuntime& rt, const gpt::StepStats& st) {
  rt.tokens += st.tokens;
  if (!std::isfinite(st.loss)) {
    rt.playing = false;
    rt.diverged = "the loss is no longer a finite number; training stopped (Reset starts again, a lower learning "
                  "rate may help)";
    return;
  }
  rt.train_sum += st.loss;
  ++rt.train_count;
  if (rt.adam.step % kGptStepsPerPoint == 0) {
    gpt::LossPoint p;
    p.tokens = rt.tokens;
    p.train = rt.train_sum / rt.train_count;
    p.validation = gpt::evaluate(rt.model, rt.text.validation, kGptValidationWindows);
    rt.history.push_back(p);
    rt.train_sum = 0;
    rt.train_count = 0;
  }
}

void train(App& app, int max_steps, double budget) {
  GptRuntime& rt = app.gpt;
  if (!rt.diverged.empty()) return;
  const Clock::time_point t0 = Clock::now();
  for (int i = 0; i < max_steps && rt.diverged.empty(); ++i) {
    const Clock::time_point s0 = Clock::now();
    record_step(rt, gpt::train_step(rt.model, rt.adam, rt.spec.train, rt.text.train, rt.rng, rt.scratch));
    const double took = std::chrono::duration<double>(Clock::now() - s0).count();
    rt.step_seconds = rt.step_seconds == 0 ? took : 0.9 * rt.step_seconds + 0.1 * took;
    if (std::chrono::duration<double>(Clock::now() - t0).count() > budget) break;
  }
  rt.progress = gpt::analyse_gpt_progress(rt.model_analysis, rt.history, rt.tokens);
}

}  // namespace

void gpt_reset(App& app) {
  GptRuntime& rt = app.gpt;
  if (rt.text.train.empty()) rt.text = gpt::make_text_data(gpt::shipped_text());
  gpt::GptConfig c = app.state.gpt.model;
  c.vocab = rt.text.vocab();
  rt.spec_problems = gpt::validate(c);
  if (!rt.spec_problems.empty() && rt.built) return;   // the last good run stays
  if (!rt.spec_problems.empty()) c = GptLabState().model, c.vocab = rt.text.vocab();
  rt.spec = app.state.gpt;
  rt.config = c;
  rt.rng.seed(rt.spec.seed);
  rt.model = gpt::make_model<float>(c, rt.rng);
  gpt::adam_reset(rt.adam, rt.model.layout.total);
  rt.history.clear();
  rt.train_sum = 0;
  rt.train_count = 0;
  rt.tokens = 0;
  rt.playing = !rt.built;   // the lab's first run starts at once: the reader came to watch it learn
  rt.diverged.clear();
  rt.model_analysis = gpt::analyse_gpt_model(c, rt.text);
  rt.progress = gpt::analyse_gpt_progress(rt.model_analysis, rt.history, rt.tokens);
  rt.samples_made = 0;
  start_sample(rt);
  rt.sample.clear();
  rt.next_sample_time = 0;
  rt.built = true;
}

void gpt_sync(App& app) {
  GptRuntime& rt = app.gpt;
  if (!rt.built || !same_run(rt.spec, app.state.gpt)) {
    gpt::GptConfig c = app.state.gpt.model;
    c.vocab = rt.text.vocab() > 0 ? rt.text.vocab() : 2;
    // A spec that makes no model leaves the run alone (once one exists); the panel lists the problems.
    if (rt.built && !(rt.spec_problems = gpt::validate(c)).empty()) return;
    gpt_reset(app);
    return;
  }
  rt.spec_problems.clear();
  if (rt.spec.temperature != app.state.gpt.temperature || rt.spec.prompt != app.state.gpt.prompt) {
    rt.spec.temperature = app.state.gpt.temperature;
    rt.spec.prompt = app.state.gpt.prompt;
    start_sample(rt);
  }
}

void gpt_step(App& app, int steps) {
  gpt_sync(app);
  train(app, steps, 1e30);
}

void gpt_advance(App& app) {
  gpt_sync(app);
  GptRuntime& rt = app.gpt;
  if (rt.playing) train(app, 1 << 20, kTrainBudgetSeconds);
  const double t = now_seconds();
  if (!rt.sampling && (rt.sample.empty() || (rt.playing && t >= rt.next_sample_time))) start_sample(rt);
  if (rt.sampling) {
    grow_sample(rt, kSampleBudgetSeconds);
    if (!rt.sampling) rt.next_sample_time = t + kSampleEverySeconds;
  }
}

}  // namespace lpp

// TourRuntime: the tour's transient data owned by the shell (never part of a link): the step whose setup was last
// applied, the word-vector training of step 5, the MoE comparison of step 7 and the models of step 8. One member
// of App.
#pragma once
#include <vector>

#include "layers/moe_view.hpp"
#include "llm/lab_model.hpp"
#include "words/word_vectors.hpp"

namespace lpp {

struct App;

struct WordsRuntime {
  bool built = false;             // training matches built_config
  WordConfig built_config;
  WordTraining training;
  Eigen::MatrixXf vectors;        // D×V: word_vectors(training.model) at projected_pairs
  WordProjection projection;      // of vectors
  long projected_pairs = -1;      // pairs trained when vectors was taken
  long pairs = 0;                 // pairs trained so far
  double train_seconds = 0;       // wall time spent training so far
};

struct TourRuntime {
  int applied_step = -1;          // the step whose lab setup was applied last (−1: none yet)
  WordsRuntime words;
  MoeRuntime moe;
  std::vector<llm::LabModel> llms;   // step 8: kTourLlmPresets resolved, once
};

// Trains the word vectors for a frame's budget (rebuilding them when the dimension changed) and refreshes the
// projection; never blocks a frame.
void words_advance(App& app);
// The word-vector view of step 5, in `size`.
void draw_words_view(App& app, ImVec2 size);

}  // namespace lpp

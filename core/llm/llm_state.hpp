// LlmState: what the LLM lab must reproduce from a link (the chosen model, what-if changes, compare set,
// estimate settings), as plain data.
#pragma once
#include <string>

namespace lpp {

struct LlmState {
  std::string preset = "llama-2-7b";  // preset id of the model shown, e.g. "deepseek-v3"
};

}  // namespace lpp

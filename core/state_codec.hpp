// The URL-state codec: AppState <-> the text after '#' in a link ("v=1&view=layers&l.data=spiral&...").
// Pure functions over one field table (state_codec.cpp) that drives both directions, like TF Playground's
// state.ts PROPS. Only values that differ from the defaults are written, so links stay short. Decoding never
// fails: unknown keys, bad values, duplicates and links from other versions fall back to defaults and come back
// as notices naming the key and the problem. Transient state (a run in progress, editing scratch) is never encoded.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "app_state.hpp"

namespace lpp {

constexpr int kStateCodecVersion = 1;
constexpr std::size_t kMaxStateLength = 256 * 1024;  // longer input is cut here (and a notice says so)

struct DecodedState {
  AppState state;
  std::vector<std::string> notices;  // "l.lr: 'fast' is not a number; kept 0.03", ...
  int settings = 0;                  // keys whose value was read without a problem ("v" not counted)
};

std::string encode_state(const AppState& state);

// `text` is the hash without '#', percent-encoded or not.
DecodedState decode_state(std::string_view text);

// Every key the codec knows, in table order (for the docs and the fuzz seeds).
std::vector<std::string> state_keys();

}  // namespace lpp

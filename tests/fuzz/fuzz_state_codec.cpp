// Fuzz target: any text as a link's hash through the URL-state codec. Decoding never fails, and a decoded state
// is a fixed point: encoding it and decoding that gives the same link again, with no notices.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "state_codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lpp::DecodedState first = lpp::decode_state(std::string_view(reinterpret_cast<const char*>(data), size));
  const std::string link = lpp::encode_state(first.state);
  const lpp::DecodedState second = lpp::decode_state(link);
  if (!second.notices.empty() || lpp::encode_state(second.state) != link) __builtin_trap();
  return 0;
}

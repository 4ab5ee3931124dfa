// LayersState: what the Layers lab (small neural networks) must reproduce from a link.
#pragma once

namespace lpp {

struct LayersState {};

}  // namespace lpp

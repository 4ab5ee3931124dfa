// The optimizer update equations (see optimizer.hpp for each one and its source).
#include "optimizer.hpp"

#include <cassert>
#include <cmath>

namespace lpp {

const char* optimizer_name(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::Sgd: return "SGD";
    case OptimizerKind::Momentum: return "Momentum";
    case OptimizerKind::Nesterov: return "Nesterov";
    case OptimizerKind::RmsProp: return "RMSProp";
    case OptimizerKind::Adam: return "Adam";
  }
  return "?";
}

template <typename T>
void optimizer_reset(OptimizerState<T>& state, Eigen::Index n) {
  state.v.setZero(n);
  state.s.setZero(n);
  state.steps = 0;
}

template <typename T>
void optimizer_step(const OptimizerConfig& c, OptimizerState<T>& state,
                    Eigen::Ref<Eigen::Matrix<T, Eigen::Dynamic, 1>> params,
                    const Eigen::Ref<const Eigen::Matrix<T, Eigen::Dynamic, 1>>& grad) {
  assert(params.size() == grad.size() && "parameters and gradient differ in length");
  if (state.v.size() != params.size()) optimizer_reset(state, params.size());
  const T eta = static_cast<T>(c.learning_rate);
  ++state.steps;
  switch (c.kind) {
    case OptimizerKind::Sgd:
      params.noalias() -= eta * grad;
      break;
    case OptimizerKind::Momentum: {
      const T mu = static_cast<T>(c.momentum);
      state.v = mu * state.v + grad;
      params.noalias() -= eta * state.v;
      break;
    }
    case OptimizerKind::Nesterov: {
      const T mu = static_cast<T>(c.momentum);
      state.v = mu * state.v + grad;
      params.noalias() -= eta * (grad + mu * state.v);
      break;
    }
    case OptimizerKind::RmsProp: {
      const T rho = static_cast<T>(c.rho), eps = static_cast<T>(c.epsilon);
      state.s = rho * state.s + (1 - rho) * grad.cwiseAbs2();
      params.array() -= eta * grad.array() / (state.s.array().sqrt() + eps);
      break;
    }
    case OptimizerKind::Adam: {
      const T b1 = static_cast<T>(c.beta1), b2 = static_cast<T>(c.beta2), eps = static_cast<T>(c.epsilon);
      state.v = b1 * state.v + (1 - b1) * grad;
      state.s = b2 * state.s + (1 - b2) * grad.cwiseAbs2();
      const T c1 = 1 - static_cast<T>(std::pow(c.beta1, static_cast<double>(state.steps)));
      const T c2 = 1 - static_cast<T>(std::pow(c.beta2, static_cast<double>(state.steps)));
      // θ ← θ − η·(m/c1) / (√(s/c2) + ε)
      params.array() -= eta * (state.v.array() / c1) / ((state.s.array() / c2).sqrt() + eps);
      break;
    }
  }
}

template void optimizer_reset(OptimizerState<float>&, Eigen::Index);
template void optimizer_reset(OptimizerState<double>&, Eigen::Index);
template void optimizer_step(const OptimizerConfig&, OptimizerState<float>&, Eigen::Ref<Eigen::VectorXf>,
                             const Eigen::Ref<const Eigen::VectorXf>&);
template void optimizer_step(const OptimizerConfig&, OptimizerState<double>&, Eigen::Ref<Eigen::VectorXd>,
                             const Eigen::Ref<const Eigen::VectorXd>&);

}  // namespace lpp

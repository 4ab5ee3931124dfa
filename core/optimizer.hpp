// Gradient-descent optimizers shared by the Dials lab (2 parameters) and the Layers lab (every weight and bias
// of a network in one flat vector): SGD, heavy-ball and Nesterov momentum, RMSProp and Adam.
// Free functions over plain data; a step never looks at the model, only at parameters and their gradient.
#pragma once
#include <Eigen/Core>

namespace lpp {

enum class OptimizerKind { Sgd, Momentum, Nesterov, RmsProp, Adam };
constexpr int kOptimizerKindCount = 5;

const char* optimizer_name(OptimizerKind kind);  // "SGD", "Momentum", "Nesterov", "RMSProp", "Adam"

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::Sgd;
  double learning_rate = 0.05;  // η, e.g. 0.05
  double momentum = 0.9;        // μ for Momentum and Nesterov, e.g. 0.9
  double rho = 0.9;             // ρ, RMSProp's decay of the running mean of g², e.g. 0.9
  double beta1 = 0.9;           // β₁, Adam's decay of the first moment, e.g. 0.9
  double beta2 = 0.999;         // β₂, Adam's decay of the second moment, e.g. 0.999
  double epsilon = 1e-8;        // ε, keeps RMSProp and Adam's division finite
};

// The optimizer's memory for one parameter vector of n entries.
template <typename T>
struct OptimizerState {
  Eigen::Matrix<T, Eigen::Dynamic, 1> v;  // n: velocity (Momentum, Nesterov) or first moment m (Adam)
  Eigen::Matrix<T, Eigen::Dynamic, 1> s;  // n: running mean of g² (RMSProp) or second moment (Adam)
  long steps = 0;                         // t, steps taken (Adam's bias correction)
};

template <typename T>
void optimizer_reset(OptimizerState<T>& state, Eigen::Index n);

// One update of `params` from the gradient `grad` of the loss at `params`. The equations, with g = grad:
//   SGD       θ ← θ − η·g
//   Momentum  v ← μ·v + g;  θ ← θ − η·v                         (heavy ball, as PyTorch's SGD momentum)
//   Nesterov  v ← μ·v + g;  θ ← θ − η·(g + μ·v)                 (Sutskever et al. 2013, PyTorch's form)
//   RMSProp   s ← ρ·s + (1−ρ)·g²;  θ ← θ − η·g / (√s + ε)        (Tieleman & Hinton 2012)
//   Adam      m ← β₁·m + (1−β₁)·g;  s ← β₂·s + (1−β₂)·g²;
//             θ ← θ − η·m̂ / (√ŝ + ε),  m̂ = m/(1−β₁ᵗ), ŝ = s/(1−β₂ᵗ)   (Kingma & Ba 2015, Algorithm 1)
template <typename T>
void optimizer_step(const OptimizerConfig& config, OptimizerState<T>& state,
                    Eigen::Ref<Eigen::Matrix<T, Eigen::Dynamic, 1>> params,
                    const Eigen::Ref<const Eigen::Matrix<T, Eigen::Dynamic, 1>>& grad);

extern template void optimizer_reset(OptimizerState<float>&, Eigen::Index);
extern template void optimizer_reset(OptimizerState<double>&, Eigen::Index);
extern template void optimizer_step(const OptimizerConfig&, OptimizerState<float>&,
                                    Eigen::Ref<Eigen::VectorXf>, const Eigen::Ref<const Eigen::VectorXf>&);
extern template void optimizer_step(const OptimizerConfig&, OptimizerState<double>&,
                                    Eigen::Ref<Eigen::VectorXd>, const Eigen::Ref<const Eigen::VectorXd>&);

}  // namespace lpp

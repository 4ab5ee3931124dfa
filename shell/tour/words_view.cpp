// Step 5's live view: word vectors trained in the page. Left, every word placed by the first two principal
// components of its vector, coloured by the corpus sections it occurs in; right, the chosen word's nearest
// neighbours, the dimension slider with the parameter count, and training progress. Core computes; this draws.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "app.hpp"
#include "layout.hpp"
#include "layers/layers_draw.hpp"
#include "plot.hpp"
#include "tour/tour.hpp"

namespace lpp {
namespace {

constexpr double kTrainBudgetSeconds = 0.008;   // word training per frame, so a frame stays well under 16 ms
constexpr int kNeighbours = 8;
constexpr int kLabelledWords = 28;              // the most frequent words get a label; the others a dot

// Orange for words only in the fruit section, blue for words only outside it, purple for both (as "apple").
ImU32 sense_colour(unsigned sections) {
  const bool fruit = sections & 1u, other = sections & ~1u;
  return fruit && other ? palette::kPurple : fruit ? palette::kOrange : palette::kBlue;
}

}  // namespace

void words_advance(App& app) {
  WordsRuntime& rt = app.tour.words;
  const WordConfig config = tour_word_config(app.state.tour);
  if (!rt.built || config.dim != rt.built_config.dim || config.seed != rt.built_config.seed) {
    rt.training = make_word_training(shipped_corpus(), config);
    rt.built_config = config;
    rt.built = true;
    rt.pairs = 0;
    rt.projected_pairs = -1;
    rt.train_seconds = 0;
  }
  if (!rt.training.done()) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point t0 = Clock::now();
    rt.pairs += word_train(rt.training, kTrainBudgetSeconds);
    rt.train_seconds += std::chrono::duration<double>(Clock::now() - t0).count();
  }
  if (rt.projected_pairs != rt.pairs) {
    rt.vectors = word_vectors(rt.training.model);
    rt.projection = project_words(rt.vectors);
    rt.projected_pairs = rt.pairs;
  }
}

void draw_words_view(App& app, ImVec2 size) {
  WordsRuntime& rt = app.tour.words;
  TourState& tour = app.state.tour;
  const Corpus& corpus = rt.training.corpus;
  const float fs = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  int query = corpus.index_of(tour.word);
  if (query < 0) query = corpus.index_of("apple");
  const std::vector<Neighbour> near = nearest_words(rt.vectors, query, kNeighbours);

  // [map] The words on their two principal components; the side panel beside it, or under it in one column.
  const bool column = layout::stacked(size.x);
  const float side_w = column ? size.x : std::clamp(size.x * 0.32f, fs * 15, fs * 21);
  const float map_w = column ? size.x : size.x - side_w - style.ItemSpacing.x;
  const Eigen::Matrix2Xd& pts = rt.projection.points;
  double x0 = -1, x1 = 1, y0 = -1, y1 = 1;
  if (pts.cols() > 0) {
    x0 = pts.row(0).minCoeff(), x1 = pts.row(0).maxCoeff(), y0 = pts.row(1).minCoeff(), y1 = pts.row(1).maxCoeff();
    const double px = std::max(1e-6, 0.08 * (x1 - x0)), py = std::max(1e-6, 0.08 * (y1 - y0));
    x0 -= px, x1 += px, y0 -= py, y1 += py;
  }
  ImGui::BeginGroup();
  char x_label[64], y_label[64];
  std::snprintf(x_label, sizeof x_label, "principal component 1 (%.0f %% of the variance)", 100 * rt.projection.explained[0]);
  if (ImGui::CalcTextSize(x_label).x > map_w - fs * 4)  // a narrow map: the short form
    std::snprintf(x_label, sizeof x_label, "component 1 (%.0f %%)", 100 * rt.projection.explained[0]);
  std::snprintf(y_label, sizeof y_label, "component 2 (%.0f %%)", 100 * rt.projection.explained[1]);
  const PlotArea p = begin_plot("##words-map", ImVec2(map_w, size.y - ImGui::GetTextLineHeightWithSpacing()),
                                x0, x1, y0, y1, x_label, y_label);
  push_clip(p);
  int hovered = -1;
  float best = fs * fs * 0.36f;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  for (Eigen::Index w = 0; w < pts.cols(); ++w) {
    const ImVec2 c = p.to_screen(pts(0, w), pts(1, w));
    p.draw->AddCircleFilled(c, fs * 0.2f, sense_colour(corpus.word_sections[w]) & IM_COL32(255, 255, 255, 170));
    const float d2 = (c.x - mouse.x) * (c.x - mouse.x) + (c.y - mouse.y) * (c.y - mouse.y);
    if (p.hovered && d2 < best) best = d2, hovered = static_cast<int>(w);
  }
  // Labels: the most frequent words (muted), the neighbours (ink) and the chosen word (its sense colour, bold).
  auto label = [&](int w, ImU32 col, ImFont* font) {
    const ImVec2 c = p.to_screen(pts(0, w), pts(1, w));
    // Right of its point, or left of it where the map's edge would cut it; never above or below the map.
    const char* text = corpus.words[w].c_str();
    const float tw = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text).x;
    const float x = c.x + fs * 0.3f + tw <= p.max.x ? c.x + fs * 0.3f : std::max(p.min.x, c.x - fs * 0.3f - tw);
    const float y = std::clamp(c.y - fs * 0.55f, p.min.y, p.max.y - font->FontSize);
    p.draw->AddText(font, font->FontSize, ImVec2(x, y), col, text);
  };
  for (int w = 0; w < std::min<int>(kLabelledWords, corpus.vocabulary()); ++w)
    if (w != query) label(w, palette::kMuted, app.fonts.body);
  for (const Neighbour& n : near) {
    const ImVec2 a = p.to_screen(pts(0, query), pts(1, query)), b = p.to_screen(pts(0, n.word), pts(1, n.word));
    p.draw->AddLine(a, b, palette::kGrid, 1.0f);
    label(n.word, palette::kInk, app.fonts.body);
  }
  if (query >= 0) {
    const ImVec2 c = p.to_screen(pts(0, query), pts(1, query));
    p.draw->AddCircleFilled(c, fs * 0.38f, sense_colour(corpus.word_sections[query]));
    p.draw->AddCircle(c, fs * 0.38f, palette::kInk, 0, 1.5f);
    label(query, palette::kInk, app.fonts.strong);
  }
  pop_clip(p);
  if (hovered >= 0) {
    layout::tooltip("%s (%lld times in the corpus); click to list its neighbours", corpus.words[hovered].c_str(),
                      static_cast<long long>(corpus.counts[hovered]));
    if (ImGui::IsMouseClicked(0)) tour.word = corpus.words[hovered];
  }
  layout::Row legend;
  for (const auto& [colour, text] : {std::pair{palette::kOrange, "● fruit only"},
                                     std::pair{palette::kBlue, "● phones, companies, markets only"},
                                     std::pair{palette::kPurple, "● both"}}) {
    legend.next(ImGui::CalcTextSize(text).x);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour), "%s", text);
  }
  ImGui::EndGroup();

  // [side] Neighbours, the size of the tables, progress: a child that scrolls beside the map, a group under it.
  if (column) {
    ImGui::BeginGroup();
  } else {
    ImGui::SameLine();
    ImGui::BeginChild("words-side", ImVec2(side_w, size.y), ImGuiChildFlags_None);
  }
  ImGui::PushTextWrapPos(column ? ImGui::GetCursorPosX() + side_w : 0.0f);  // the child's own edge, short of its scrollbar
  ImGui::PushFont(app.fonts.strong);
  ImGui::Text("Nearest to \"%s\"", query >= 0 ? corpus.words[query].c_str() : "?");
  ImGui::PopFont();
  const float inner_w = column ? side_w : ImGui::GetContentRegionAvail().x;   // without the scrollbar, when there is one
  const float bar_w = inner_w * 0.35f;
  for (const Neighbour& n : near) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(sense_colour(corpus.word_sections[n.word])), "●");
    ImGui::SameLine();
    ImGui::TextUnformatted(corpus.words[n.word].c_str());
    ImGui::SameLine(inner_w - bar_w - fs * 2.6f);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(at.x, at.y + h * 0.25f), ImVec2(at.x + bar_w, at.y + h * 0.75f), palette::kGrid);
    dl->AddRectFilled(ImVec2(at.x, at.y + h * 0.25f),
                      ImVec2(at.x + bar_w * static_cast<float>(std::clamp(n.cosine, 0.0, 1.0)), at.y + h * 0.75f),
                      palette::kSky);
    ImGui::Dummy(ImVec2(bar_w, h));
    ImGui::SameLine();
    ImGui::TextDisabled("%.2f", n.cosine);
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("cosine of the angle between vectors; click a dot to choose a word");
  ImGui::PopStyleColor();

  ImGui::Spacing();
  ImGui::SeparatorText("Parameters");
  ImGui::TextUnformatted("numbers per word, D");
  ImGui::SetNextItemWidth(-1);
  ImGui::SliderInt("##dim", &tour.word_dim, 2, 64);
  note_item(app.ui, "tour.word_dim");
  if (ImGui::IsItemHovered()) layout::tooltip("D: the length of every word's vector. Changing it trains afresh.");
  const WordParamCount count = word_param_count(corpus.vocabulary(), rt.training.config.dim);
  char v_buf[32], t_buf[32], all_buf[32];
  format_count(count.per_table(), t_buf, sizeof t_buf);
  format_count(count.total(), all_buf, sizeof all_buf);
  format_count(count.vocabulary, v_buf, sizeof v_buf);
  ImGui::Text("word table: V × D = %s × %lld = %s", v_buf, static_cast<long long>(count.dim), t_buf);
  ImGui::Text("context table: %s × %lld = %s", v_buf, static_cast<long long>(count.dim), t_buf);
  ImGui::PushFont(app.fonts.strong);
  ImGui::Text("total %s parameters", all_buf);
  ImGui::PopFont();

  ImGui::Spacing();
  ImGui::SeparatorText("Training");
  const WordTraining& t = rt.training;
  char progress[64];
  std::snprintf(progress, sizeof progress, "epoch %d / %d", t.epoch, t.config.epochs);
  ImGui::ProgressBar(static_cast<float>(t.progress()), ImVec2(-1, 0), progress);
  note_item(app.ui, "tour.words_progress");
  if (!t.epoch_losses.empty())
    ImGui::Text("loss %.3f → %.3f", t.epoch_losses.front(), t.epoch_losses.back());
  ImGui::TextDisabled("%zu pairs per epoch, %.2f s so far", t.pairs.size(), rt.train_seconds);
  if (t.done()) {
    if (ImGui::Button("Train again")) rt.built = false;
    note_item(app.ui, "tour.words_retrain");
  }
  ImGui::PopTextWrapPos();
  if (column) ImGui::EndGroup();
  else ImGui::EndChild();
}

}  // namespace lpp

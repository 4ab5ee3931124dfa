// Lesson keys: what an author embedding a view can hide with `hide=` in the link (TF Playground's `_hide`
// properties). One table, read by the codec (unknown keys are reported, not kept), the panels (each key is checked
// where its control or text is drawn) and the README's list.
#pragma once
#include <string_view>
#include <vector>

namespace lpp {

struct LessonKey {
  std::string_view key;    // "d.train"
  std::string_view hides;  // what disappears, in words for the docs
};

const std::vector<LessonKey>& lesson_keys();
bool is_lesson_key(std::string_view key);

}  // namespace lpp
